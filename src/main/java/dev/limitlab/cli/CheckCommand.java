package dev.limitlab.cli;

import dev.limitlab.engine.ScenarioRunner;
import dev.limitlab.regression.Baseline;
import dev.limitlab.regression.BaselineException;
import dev.limitlab.regression.BaselineJson;
import dev.limitlab.regression.CheckReport;
import dev.limitlab.regression.Comparison;
import dev.limitlab.regression.History;
import dev.limitlab.regression.MetricCheck;
import dev.limitlab.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
    ScenarioRun run;

    @Option(names = "--baseline", paramLabel = "FILE", required = true, description = "The baseline to compare with (limitlab baseline save).")
    Path baseline;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also copy junit.xml here (it is always written beside run.json).")
    Path junitCopy;

    @Option(names = "--summary", paramLabel = "FILE", description = "Also copy summary.md here, e.g. $GITHUB_STEP_SUMMARY.")
    Path summaryCopy;

    @Override
    public Integer call() throws Exception {
        return check(spec, run, baseline, junitCopy, summaryCopy);
    }

    /** {@code check}, and {@code run --baseline}: everything is read and checked before the engine is needed. */
    static int check(CommandSpec spec, ScenarioRun run, Path baselineFile, Path junitCopy, Path summaryCopy) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Scenario scenario = run.load();
        Baseline baseline;
        try {
            baseline = BaselineJson.read(baselineFile);
            if (!baseline.scenario().equals(scenario.name())) {
                throw new BaselineException(baselineFile + " is a baseline of scenario \"" + baseline.scenario() + "\", not \""
                        + scenario.name() + "\" (expected one saved from a run of " + run.scenarioFile + ")");
            }
        } catch (BaselineException bad) {
            spec.commandLine().getErr().println("error: " + bad.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        ScenarioRunner.Outcome outcome = run.execute(scenario, out);
        Comparison comparison = Comparison.of(scenario.regression(), baseline, baselineFile.toString(), outcome.run());
        Path junit = CheckReport.JUNIT.writeInto(outcome.directory(), comparison);
        Path summary = CheckReport.SUMMARY.writeInto(outcome.directory(), comparison);
        Path history = outcome.directory().getParent().resolve(History.FILE_NAME);
        History.append(history, comparison);
        copy(junit, junitCopy);
        copy(summary, summaryCopy);

        print(out, comparison);
        out.println("junit:   " + junit + (junitCopy == null ? "" : " (and " + junitCopy + ")"));
        out.println("summary: " + summary + (summaryCopy == null ? "" : " (and " + summaryCopy + ")"));
        out.println("history: " + history);
        // A trial the engine could not run makes the comparison incomplete: a tool failure, as for run.
        boolean incomplete = ScenarioRun.reportFailedTrials(outcome, out) || comparison.count(MetricCheck.Verdict.ERROR) > 0;
        // A security: review that found the image needing more than before is a regression too.
        boolean securityChanged = !run.securityRegressions.isEmpty();
        out.println("result: " + (incomplete ? "tool failure" : securityChanged ? "regression (security: "
                + String.join("; ", run.securityRegressions) + ")" : comparison.verdict()));
        if (incomplete) {
            return ExitCodes.TOOL_FAILURE;
        }
        return comparison.regressed() || securityChanged ? ExitCodes.REGRESSION : ExitCodes.OK;
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

    private static void copy(Path written, Path copy) throws IOException {
        if (copy == null) {
            return;
        }
        Path parent = copy.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.copy(written, copy, StandardCopyOption.REPLACE_EXISTING);
    }
}
