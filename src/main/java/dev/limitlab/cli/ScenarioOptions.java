package dev.limitlab.cli;

import dev.limitlab.app.RunScenario;
import dev.limitlab.scenario.Scenario;
import dev.limitlab.scenario.ScenarioLoader;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** The options {@code run} and {@code check} share: the scenario, where results go, and how trials run. */
final class ScenarioOptions {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file (YAML).")
    Path scenarioFile;

    @Option(names = "--results", paramLabel = "DIR", defaultValue = "results",
            description = "Where run directories are written (default: ${DEFAULT-VALUE}).")
    Path resultsRoot;

    @Option(names = "--sample-interval", paramLabel = "DURATION", defaultValue = "100ms",
            converter = DurationConverter.class,
            description = "How often the container's cgroup files are read when the engine is local; 0 = stats stream only (default: ${DEFAULT-VALUE}).")
    Duration sampleInterval;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1",
            description = "Trials run at once, each pinned to its own CPUs (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--allow-unbounded", description = "Let memory workloads run without a memory limit.")
    boolean allowUnbounded;

    @Option(names = "--reruns", paramLabel = "N", defaultValue = "2", converter = CountConverter.ZeroOrMore.class,
            description = "Run a trial the busy host disturbed again, up to N times; still disturbed, it is inconclusive (default: ${DEFAULT-VALUE}).")
    int reruns;

    @Option(names = "--no-confirm", description = "Skip the confirmation trials under the recommended limits.")
    boolean noConfirm;

    @Mixin
    EngineLockOptions engineLock;

    Scenario load() throws IOException {
        return ScenarioLoader.load(scenarioFile);
    }

    RunScenario.Settings settings() {
        return new RunScenario.Settings(resultsRoot, sampleInterval.isZero() ? null : sampleInterval, parallel,
                allowUnbounded, !noConfirm, engineLock.engineLock(), reruns);
    }

}
