package dev.limitlab.regression;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/** The files a check writes beside run.json, each a pure function of the comparison. */
public enum CheckReport {
    JUNIT("junit.xml", JUnitXmlWriter::render),
    SUMMARY("summary.md", SummaryMarkdownWriter::render);

    private final String fileName;
    private final Function<Comparison, String> renderer;

    CheckReport(String fileName, Function<Comparison, String> renderer) {
        this.fileName = fileName;
        this.renderer = renderer;
    }

    public String fileName() {
        return fileName;
    }

    public String render(Comparison comparison) {
        return renderer.apply(comparison);
    }

    /** Writes this report into {@code directory} and returns its path. */
    public Path writeInto(Path directory, Comparison comparison) throws IOException {
        return Files.writeString(directory.resolve(fileName), render(comparison));
    }
}
