package dev.limitlab.agent;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes an HdrHistogram log (HistogramLogWriter's text: header, legend, one base64-compressed interval histogram
 * a line) as {@value #TYPE} JSON lines, each carrying one log line in {@code line}: the container's root is
 * read-only, so stdout carries the log, and the host rebuilds the file by joining the {@code line}s with newlines.
 * Values are nanoseconds; the log's Interval_Max column is in milliseconds.
 */
final class HistogramLogLines {

    static final String TYPE = "hlog";
    private final Reporter reporter;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final HistogramLogWriter writer = new HistogramLogWriter(new PrintStream(buffer, true, StandardCharsets.UTF_8));

    /** Starts the log: format version, start time and legend; interval timestamps count from {@code startEpochMs}. */
    HistogramLogLines(Reporter reporter, long startEpochMs) {
        this.reporter = reporter;
        writer.setBaseTime(startEpochMs);
        writer.outputLogFormatVersion();
        writer.outputStartTime(startEpochMs);
        writer.outputLegend();
        flush();
    }

    /** One interval; one that began before the base time (in the warm-up, with nothing in it) starts at it. */
    void write(Histogram interval) {
        interval.setStartTimeStamp(Math.max(interval.getStartTimeStamp(), writer.getBaseTime()));
        writer.outputIntervalHistogram(interval); // timestamps relative to the base time, max column at the default ratio
        flush();
    }

    private void flush() {
        String text = buffer.toString(StandardCharsets.UTF_8);
        buffer.reset();
        text.lines().forEach(line -> reporter.emit(reporter.line(TYPE).put("line", line)));
    }
}
