package dev.limitlab.cli;

import dev.limitlab.app.RunScenario;
import dev.limitlab.exit.ExitCode;
import dev.limitlab.recommend.RecommendationText;
import dev.limitlab.report.IsolationTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code limitlab run <scenario>}: runs every trial and prints a row for each as it finishes. */
@Command(name = "run", description = "Run a scenario's trials against the engine and write results/<scenario>/<UTC time>/run.json and its reports.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;
    @Spec
    CommandSpec spec;
    @Mixin
    ScenarioOptions scenario;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Also check the run against this baseline, as `check` does (exit code 4 on a regression).")
    Path baseline;

    @Override
    public Integer call() throws Exception {
        if (baseline != null) {
            return CheckCommand.check(spec.commandLine().getOut(), scenario, baseline, null, null);
        }
        PrintWriter out = spec.commandLine().getOut();
        RunScenario.Outcome outcome;
        try (LiveTable live = new LiveTable(out)) {
            outcome = RunScenario.on(scenario.engine.choice()).run(scenario.load(), scenario.settings(), live);
        }
        print(outcome, out);
        return failedTrials(outcome, out) ? ExitCode.TOOL_FAILURE.code() : ExitCode.OK.code();
    }

    /** After the table: the recommendation with its evidence, the security review, and where the results are. */
    static void print(RunScenario.Outcome outcome, PrintWriter out) {
        out.println();
        outcome.recommendation().ifPresent(recommendation -> {
            out.println(RecommendationText.render(recommendation));
            out.println();
        });
        outcome.run().isolation().forEach(isolation -> {
            IsolationTable.lines(isolation).forEach(out::println);
            out.println();
        });
        if (!outcome.security().lines().isEmpty()) {
            outcome.security().lines().forEach(out::println);
            out.println();
        }
        out.println("results: " + outcome.directory().resolve("run.json"));
        outcome.reportHtml().ifPresent(report -> out.println("report: " + report));
        out.flush();
    }

    /** True, after saying how many, when a trial could not run: the run is then a tool failure. */
    static boolean failedTrials(RunScenario.Outcome outcome, PrintWriter out) {
        long failed = outcome.failedTrials();
        if (failed > 0) {
            out.println(failed + " trial(s) failed to run; see the notes column");
        }
        return failed > 0;
    }
}
