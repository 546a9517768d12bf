package dev.limitlab.cli;

import dev.limitlab.docker.DockerGateway;
import dev.limitlab.engine.AgentImage;
import dev.limitlab.engine.RunListener;
import dev.limitlab.engine.RunOptions;
import dev.limitlab.engine.ScenarioRunner;
import dev.limitlab.engine.Trial;
import dev.limitlab.metrics.TrialResult;
import dev.limitlab.report.TrialTable;
import dev.limitlab.scenario.Scenario;
import dev.limitlab.scenario.ScenarioException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** What {@code run} and {@code check} share: the scenario, where results go, and running it with a live table. */
final class ScenarioRun {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file (YAML).")
    Path scenarioFile;

    @Option(names = "--results", paramLabel = "DIR", defaultValue = "results",
            description = "Where run directories are written (default: ${DEFAULT-VALUE}).")
    Path resultsRoot;

    @Option(names = "--sample-interval", paramLabel = "DURATION", defaultValue = "100ms",
            converter = DurationConverter.class,
            description = "How often the container's cgroup files are read when the engine is local; 0 = stats stream only (default: ${DEFAULT-VALUE}).")
    Duration sampleInterval;

    Scenario load() throws ScenarioException, IOException {
        return InterimRegressionBlock.load(scenarioFile); // INTERIM: ScenarioLoader.load(scenarioFile) once it reads regression:
    }

    /** Runs every trial, printing a row as each finishes, and says where run.json is. */
    ScenarioRunner.Outcome execute(Scenario scenario, PrintWriter out) {
        try (DockerGateway gateway = EngineConnection.open()) {
            String image = new AgentImage(gateway, Version.CURRENT).ensure(out::println);
            RunOptions options = RunOptions.defaults(resultsRoot, image, Version.CURRENT)
                    .withSampleInterval(sampleInterval.isZero() ? null : sampleInterval);
            ScenarioRunner.Outcome outcome = new ScenarioRunner(gateway, options, new TablePrinter(out), Clock.systemUTC())
                    .run(scenario);
            out.println();
            out.println("results: " + outcome.directory().resolve("run.json"));
            return outcome;
        }
    }

    /** True, after saying how many, when a trial could not run: the run is then a tool failure. */
    static boolean reportFailedTrials(ScenarioRunner.Outcome outcome, PrintWriter out) {
        long failed = outcome.run().trials().stream().filter(t -> t.error() != null).count();
        if (failed > 0) {
            out.println(failed + " trial(s) failed to run; see the notes column");
        }
        return failed > 0;
    }

    /** Live progress: the table's header, then one row per finished trial. */
    private static final class TablePrinter implements RunListener {
        private final PrintWriter out;

        TablePrinter(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void runStarted(String runId, List<Trial> trials) {
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
