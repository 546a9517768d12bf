package dev.limitlab.docker;

/** One line a container printed, on the stream it printed it to, without its line break. */
public record LogLine(Stream stream, String text) {
    /** The container's output streams (a container without a TTY keeps them apart). */
    public enum Stream { STDOUT, STDERR }

    public static LogLine stdout(String text) {
        return new LogLine(Stream.STDOUT, text);
    }

    public static LogLine stderr(String text) {
        return new LogLine(Stream.STDERR, text);
    }
}
