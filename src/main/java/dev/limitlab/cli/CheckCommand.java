package dev.limitlab.cli;

import dev.limitlab.app.CheckScenario;
import dev.limitlab.app.RunScenario;
import dev.limitlab.regression.Comparison;
import dev.limitlab.regression.MetricCheck;
import dev.limitlab.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code limitlab check <scenario> --baseline <file>}: runs the scenario as {@code run} does, compares each
 * checked metric of each configuration with the baseline under the scenario's {@code regression:} rules, and
 * writes junit.xml and summary.md beside run.json and a row per check to {@code results/<scenario>/history.csv}.
 */
@Command(name = "check", description = "Run a scenario and compare it with a baseline: exit code 0 pass, 4 regression.")
final class CheckCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;
    @Spec
    CommandSpec spec;
    @Mixin
    ScenarioOptions scenario;

    @Option(names = "--baseline", paramLabel = "FILE", required = true, description = "The baseline to compare with (limitlab baseline save).")
    Path baseline;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also copy junit.xml here (it is always written beside run.json).")
    Path junitCopy;

    @Option(names = "--summary", paramLabel = "FILE", description = "Also copy summary.md here, e.g. $GITHUB_STEP_SUMMARY.")
    Path summaryCopy;

    @Override
    public Integer call() throws Exception {
        return check(spec.commandLine().getOut(), scenario, baseline, junitCopy, summaryCopy);
    }

    /** {@code check}, and {@code run --baseline}. */
    static int check(PrintWriter out, ScenarioOptions options, Path baselineFile, Path junitCopy, Path summaryCopy)
            throws IOException {
        Scenario loaded = options.load();
        CheckScenario.Outcome outcome;
        try (LiveTable live = new LiveTable(out)) {
            outcome = new CheckScenario(RunScenario.on(options.engine.choice()))
                    .check(loaded, baselineFile, options.settings(), live, junitCopy, summaryCopy);
        }
        RunCommand.print(outcome.run(), out);
        print(out, outcome.comparison());
        out.println("junit:   " + outcome.junit() + (junitCopy == null ? "" : " (and " + junitCopy + ")"));
        out.println("summary: " + outcome.summary() + (summaryCopy == null ? "" : " (and " + summaryCopy + ")"));
        out.println("history: " + outcome.history());
        RunCommand.failedTrials(outcome.run(), out);
        out.println("result: " + outcome.verdict());
        out.flush();
        return outcome.exitCode().code();
    }

    /** The verdict's counts, then each check that failed, went missing or could not be made, with its numbers. */
    private static void print(PrintWriter out, Comparison comparison) {
        out.println();
        out.println("check against " + comparison.baselineSource() + " (run " + comparison.baseline().runId() + "): "
                + comparison.tally());
        for (MetricCheck check : comparison.select(c -> c.verdict().needsALook())) {
            out.printf("  %-8s %s %s: %s%n", check.verdict().name(), check.experiment(), check.configuration(), check.message());
        }
        out.flush();
    }
}
