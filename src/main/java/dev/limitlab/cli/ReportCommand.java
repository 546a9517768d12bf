package dev.limitlab.cli;

import dev.limitlab.report.ReportFormat;
import dev.limitlab.report.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code limitlab report <run>}: rebuilds report.html, report.md and summary.csv from a run's files. */
@Command(name = "report", description = "Rebuild report.html, report.md and summary.csv from a run's raw files.")
final class ReportCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN",
            description = "A run directory, its run.json, or a scenario's results directory (its latest run).")
    Path run;

    @Option(names = "--out", paramLabel = "DIR", description = "Write the reports here instead of into the run directory.")
    Path outDirectory;

    @Override
    public Integer call() throws Exception {
        return RunInputs.call(spec, () -> {
            RunDirectory directory = RunDirectory.load(run);
            Path target = outDirectory == null ? directory.directory() : Files.createDirectories(outDirectory);
            PrintWriter out = spec.commandLine().getOut();
            for (Path written : ReportFormat.writeAll(directory, target)) {
                out.println("wrote " + written);
            }
            directory.notes().forEach(note -> out.println("note: " + note));
            out.flush();
            return ExitCodes.OK;
        });
    }
}
