package dev.limitlab.report;

/** Turns a run on disk into one report file's text. Pure: the same run gives the same text, in any Locale. */
public interface ReportWriter {
    String render(RunDirectory run);
}
