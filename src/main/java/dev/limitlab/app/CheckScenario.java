package dev.limitlab.app;

import dev.limitlab.exit.ExitCode;
import dev.limitlab.regression.Baseline;
import dev.limitlab.regression.BaselineException;
import dev.limitlab.regression.BaselineJson;
import dev.limitlab.regression.CheckReport;
import dev.limitlab.regression.Comparison;
import dev.limitlab.regression.History;
import dev.limitlab.regression.MetricCheck;
import dev.limitlab.scenario.Scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The use case {@code limitlab check} (and {@code run --baseline}): the baseline is read and matched to the scenario
 * before the engine is needed, then the scenario runs as {@link RunScenario} runs it, each checked metric is compared
 * with the baseline under the scenario's {@code regression:} rules, and junit.xml, summary.md, a row per check in
 * history.csv and the reports are written.
 */
public final class CheckScenario {
    private final RunScenario runScenario;

    public CheckScenario(RunScenario runScenario) {
        this.runScenario = runScenario;
    }

    /**
     * What a check found.
     *
     * @param junit   junit.xml beside run.json
     * @param summary summary.md beside run.json
     * @param history the scenario's history.csv
     */
    public record Outcome(RunScenario.Outcome run, Comparison comparison, Path junit, Path summary, Path history) {
        /** A trial the engine could not run, or a check the tool could not make: the comparison is incomplete. */
        public boolean incomplete() {
            return run.failedTrials() > 0 || comparison.count(MetricCheck.Verdict.ERROR) > 0;
        }

        /** A {@code security:} review that found the image needing more than before is a regression too. */
        public boolean securityChanged() {
            return !run.security().regressions().isEmpty();
        }

        /** "pass", "regression", "regression (security: ...)", "inconclusive: the host was busy" or "tool failure". */
        public String verdict() {
            if (incomplete()) {
                return "tool failure";
            }
            return securityChanged() ? "regression (security: " + String.join("; ", run.security().regressions()) + ")"
                    : comparison.verdict();
        }

        public ExitCode exitCode() {
            if (incomplete()) {
                return ExitCode.TOOL_FAILURE;
            }
            if (comparison.regressed() || securityChanged()) {
                return ExitCode.REGRESSION;
            }
            return comparison.inconclusive() ? ExitCode.INCONCLUSIVE : ExitCode.OK;
        }
    }

    /**
     * Checks the scenario against the baseline in {@code baselineFile}; {@code junitCopy} and {@code summaryCopy}, when
     * not null, get a copy of junit.xml and summary.md (where CI looks for them). A baseline that is not one, or one of
     * another scenario, is bad input, found before anything runs.
     */
    public Outcome check(Scenario scenario, Path baselineFile, RunScenario.Settings settings, RunScenario.Listener listener,
                         Path junitCopy, Path summaryCopy) throws IOException {
        Baseline baseline = BaselineJson.read(baselineFile);
        if (!baseline.scenario().equals(scenario.name())) {
            throw new BaselineException(baselineFile + " is a baseline of scenario \"" + baseline.scenario() + "\", not \""
                    + scenario.name() + "\" (expected one saved from a run of " + scenario.source() + ")");
        }
        RunScenario.Outcome run = runScenario.measure(scenario, settings, listener);
        Comparison comparison = Comparison.of(scenario.regression(), baseline, baselineFile.toString(), run.run());
        Path junit = CheckReport.JUNIT.writeInto(run.directory(), comparison);
        Path summary = CheckReport.SUMMARY.writeInto(run.directory(), comparison);
        Path history = History.besideRun(run.directory());
        History.append(history, comparison);
        copy(junit, junitCopy);
        copy(summary, summaryCopy);
        return new Outcome(run.withReports(RunScenario.writeReports(run.directory())), comparison, junit, summary, history);
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
