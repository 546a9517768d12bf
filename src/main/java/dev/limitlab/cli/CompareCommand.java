package dev.limitlab.cli;

import dev.limitlab.exit.ExitCode;
import dev.limitlab.exit.ExitException;

import dev.limitlab.metrics.RunRecord;
import dev.limitlab.report.Comparison;
import dev.limitlab.report.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code limitlab compare A B [...]}, or {@code compare A --configs X,Y}: metrics side by side, with their changes. */
@Command(name = "compare", description = {"Compare runs side by side, or configurations within one run (--configs).",
        "A change marked * is larger than the spread seen across repeats."})
final class CompareCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RUN",
            description = "Run directories or run.json files; the first is the baseline.")
    List<Path> runs;

    @Option(names = "--configs", split = ",", paramLabel = "CONFIG",
            description = "Configurations of one run to compare, named as the reports name them, e.g. cpus=0.5,cpus=1.")
    List<String> configs;

    @Override
    public Integer call() throws Exception {
        List<Comparison.Column> columns;
        if (configs != null && !configs.isEmpty()) {
            if (runs.size() != 1 || configs.size() < 2) {
                throw ExitException.badInput("--configs compares two or more configurations of one run (got "
                        + runs.size() + " run(s), " + configs.size() + " configuration(s))");
            }
            columns = Comparison.ofConfigurations(RunDirectory.readRun(runs.get(0)), runs.get(0).toString(), configs);
        } else {
            if (runs.size() < 2) {
                throw ExitException.badInput("compare needs two or more runs, or one run with --configs");
            }
            List<RunRecord> records = new ArrayList<>();
            for (Path run : runs) {
                records.add(RunDirectory.readRun(run));
            }
            columns = Comparison.ofRuns(records, runs.stream().map(Path::toString).toList());
        }
        spec.commandLine().getOut().print(Comparison.render(columns));
        spec.commandLine().getOut().flush();
        return ExitCode.OK.code();
    }
}
