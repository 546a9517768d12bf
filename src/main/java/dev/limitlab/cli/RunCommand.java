package dev.limitlab.cli;

import dev.limitlab.docker.DockerGateway;
import dev.limitlab.engine.AgentImage;
import dev.limitlab.engine.RunListener;
import dev.limitlab.engine.RunLock;
import dev.limitlab.engine.RunLocks;
import dev.limitlab.engine.RunOptions;
import dev.limitlab.engine.ScenarioRunner;
import dev.limitlab.engine.Trial;
import dev.limitlab.metrics.TrialResult;
import dev.limitlab.report.TrialTable;
import dev.limitlab.scenario.Scenario;
import dev.limitlab.scenario.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** {@code limitlab run <scenario>}: runs every trial and prints a row for each as it finishes. */
@Command(name = "run", description = "Run a scenario's trials against the engine and write results/<scenario>/<UTC time>/run.json.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;
    @Spec
    CommandSpec spec;

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
    @Option(names = "--no-wait", description = "When another run holds the engine's lock, fail at once (exit code 5)"
            + " instead of waiting for it to finish.")
    boolean noWait;

    @Option(names = "--no-lock", description = "Do not take the engine's lock: another run may then disturb this"
            + " one's measurements, and this one theirs.")
    boolean noLock;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Scenario scenario = ScenarioLoader.load(scenarioFile);
        try (DockerGateway gateway = EngineConnection.open();
             RunLock engineLock = noLock ? null : RunLocks.system().holdEngine(gateway.endpoint(), !noWait, out::println)) {
            // after the lock: leftovers of a run that was killed while this one waited are reaped too
            EngineConnection.reapLeftovers(gateway, out);
            String image = new AgentImage(gateway, Version.CURRENT).ensure(out::println);
            RunOptions options = RunOptions.defaults(resultsRoot, image, Version.CURRENT)
                    .withSampleInterval(sampleInterval.isZero() ? null : sampleInterval)
                    .withParallel(parallel, allowUnbounded);
            Consumer<String> recordRunId = engineLock == null ? runId -> { } : engineLock::recordRun;
            ScenarioRunner.Outcome outcome = new ScenarioRunner(gateway, options, new TablePrinter(out, recordRunId),
                    Clock.systemUTC()).run(scenario);
            out.println();
            out.println("results: " + outcome.directory().resolve("run.json"));
            long failed = outcome.run().trials().stream().filter(t -> t.error() != null).count();
            if (failed > 0) {
                out.println(failed + " trial(s) failed to run; see the notes column");
                return ExitCodes.TOOL_FAILURE;
            }
            return ExitCodes.OK;
        }
    }

    /** Live progress: the table's header, then one row per finished trial. Tells {@code onRunId} the run's id. */
    private static final class TablePrinter implements RunListener {
        private final PrintWriter out;
        private final Consumer<String> onRunId;

        TablePrinter(PrintWriter out, Consumer<String> onRunId) {
            this.out = out;
            this.onRunId = onRunId;
        }

        @Override
        public void runStarted(String runId, List<Trial> trials) {
            onRunId.accept(runId);
            out.printf("run %s: %d trial(s)%n%n", runId, trials.size());
            out.println(TrialTable.header());
            out.flush();
        }

        @Override
        public void trialFinished(TrialResult result) {
            out.println(TrialTable.row(result));
            out.flush();
        }
    }
}
