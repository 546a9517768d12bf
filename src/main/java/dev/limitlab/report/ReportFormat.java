package dev.limitlab.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The report files {@code limitlab report} writes into a run directory, each with its writer. */
public enum ReportFormat {
    HTML("report.html", HtmlReport::new),
    MARKDOWN("report.md", MarkdownReport::new),
    CSV("summary.csv", CsvReport::new);

    private final String fileName;
    private final Supplier<ReportWriter> writer;

    ReportFormat(String fileName, Supplier<ReportWriter> writer) {
        this.fileName = fileName;
        this.writer = writer;
    }

    public String fileName() {
        return fileName;
    }

    public ReportWriter writer() {
        return writer.get();
    }

    /** Writes every format into {@code directory}, returning the files in format order. */
    public static List<Path> writeAll(RunDirectory run, Path directory) throws IOException {
        List<Path> written = new ArrayList<>();
        for (ReportFormat format : values()) {
            Path file = directory.resolve(format.fileName);
            Files.writeString(file, format.writer().render(run), StandardCharsets.UTF_8);
            written.add(file);
        }
        return written;
    }
}
