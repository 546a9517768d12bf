package dev.limitlab.cli;

import dev.limitlab.exit.ExitCode;

import dev.limitlab.report.ReportFormat;
import dev.limitlab.report.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code limitlab report <run>}: rebuilds report.html, report.md and summary.csv from a run's files. */
@Command(name = "report", description = "Rebuild report.html, report.md and summary.csv from a run's raw files.")
final class ReportCommand extends RunReadingCommand {
    @Option(names = "--out", paramLabel = "DIR", description = "Write the reports here instead of into the run directory.")
    Path outDirectory;

    @Override
    int execute(RunDirectory directory, PrintWriter out) throws IOException {
        Path target = outDirectory == null ? directory.directory() : Files.createDirectories(outDirectory);
        for (Path written : ReportFormat.writeAll(directory, target)) {
            out.println("wrote " + written);
        }
        directory.notes().forEach(note -> out.println("note: " + note));
        return ExitCode.OK.code();
    }
}
