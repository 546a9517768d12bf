package dev.limitlab.cli;

import dev.limitlab.engine.ScenarioRunner;
import dev.limitlab.metrics.RunStatus;
import dev.limitlab.regression.History;
import dev.limitlab.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code limitlab run <scenario>}: runs every trial and prints a row for each as it finishes. */
@Command(name = "run", description = "Run a scenario's trials against the engine and write results/<scenario>/<UTC time>/run.json.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;
    @Spec
    CommandSpec spec;
    @Mixin
    ScenarioRun run;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Also check the run against this baseline, as `check` does (exit code 4 on a regression).")
    Path baseline;

    @Override
    public Integer call() throws Exception {
        if (baseline != null) {
            return CheckCommand.check(spec, run, baseline, null, null);
        }
        PrintWriter out = spec.commandLine().getOut();
        Scenario scenario = run.load();
        ScenarioRunner.Outcome outcome = run.execute(scenario, out);
        if (outcome.run().status() == RunStatus.COMPLETE) {
            History.appendRun(outcome.directory().getParent().resolve(History.FILE_NAME), outcome.run(), scenario.regression());
        }
        return ScenarioRun.reportFailedTrials(outcome, out) ? ExitCodes.TOOL_FAILURE : ExitCodes.OK;
    }
}
