package dev.limitlab.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code wrk} (4.1.0), the peer the load driver is compared with: run inside a container's network namespace
 * ({@code nsenter -t <pid> -n}), so that {@code 127.0.0.1} is the container's own loopback and nothing else is reached,
 * pinned to one CPU ({@code taskset -c}), one thread, a closed loop on its connections.
 */
final class Wrk {
    static final String PROGRAM = "wrk";
    /** Beyond its own duration, how long wrk may take to connect, drain and print before it is taken for hung. */
    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final Pattern REQUESTS_PER_SEC = Pattern.compile("(?m)^Requests/sec:\\s+([0-9.]+)");
    private static final Pattern REQUESTS = Pattern.compile("(?m)^\\s*(\\d+) requests in ");
    private static final Pattern P50 = Pattern.compile("(?m)^\\s*50(?:\\.0+)?%\\s+([0-9.]+)(us|ms|s|m)\\s*$");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    /**
     * What one wrk run printed.
     *
     * @param requestsPerSec responses per second over the run, of any status
     * @param p50Ms          the median latency ({@code --latency}), null when it printed none
     * @param errors         socket errors (connect, read, write, timeout) and responses of status 400 and above
     */
    record Result(double requestsPerSec, long requests, Double p50Ms, long errors) {
    }

    private Wrk() {
    }

    /** The command line: wrk in {@code pid}'s network namespace, on {@code cpu}, against {@code url}. */
    static List<String> command(int pid, String cpu, int connections, Duration duration, Duration timeout, String url) {
        return List.of("nsenter", "-t", Integer.toString(pid), "-n", "taskset", "-c", cpu,
                PROGRAM, "-t1", "-c" + connections, "-d" + duration.toSeconds() + "s",
                "--timeout", Math.max(1, timeout.toSeconds()) + "s", "--latency", url); // wrk takes s, m or h, not ms
    }

    /** Reads wrk's report; fails naming what was missing, with the report itself. */
    static Result parse(String output) {
        Matcher rate = REQUESTS_PER_SEC.matcher(output);
        Matcher requests = REQUESTS.matcher(output);
        if (!rate.find() || !requests.find()) {
            throw new IllegalArgumentException("wrk: expected \"N requests in\" and \"Requests/sec:\" in its output, got: " + output.strip());
        }
        Matcher p50 = P50.matcher(output);
        Double p50Ms = p50.find() ? millis(Double.parseDouble(p50.group(1)), p50.group(2)) : null;
        long errors = 0;
        Matcher socket = SOCKET_ERRORS.matcher(output);
        if (socket.find()) {
            for (int group = 1; group <= 4; group++) {
                errors += Long.parseLong(socket.group(group));
            }
        }
        Matcher non2xx = NON_2XX.matcher(output);
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        return new Result(Double.parseDouble(rate.group(1)), Long.parseLong(requests.group(1)), p50Ms, errors);
    }

    private static double millis(double value, String unit) {
        return switch (unit) {
            case "us" -> value / 1000;
            case "ms" -> value;
            case "s" -> value * 1000;
            case "m" -> value * 60_000;
            default -> throw new IllegalArgumentException("wrk: unknown time unit " + unit);
        };
    }

    /** Whether wrk is on the PATH: the bench says how to install it rather than failing inside nsenter. */
    static boolean installed() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Pattern.compile(File.pathSeparator, Pattern.LITERAL).splitAsStream(path)
                .filter(directory -> !directory.isEmpty())
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, PROGRAM)));
    }

    /** Runs {@code command} (from {@link #command}) to its end, bounded by {@code duration} and a grace. */
    static Result run(List<String> command, Duration duration) {
        Path output = null;
        try {
            output = Files.createTempFile("limitlab-wrk", ".txt");
            // To a file, not a pipe: wait with a bound, never block on a full pipe.
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(duration.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("wrk did not end within " + duration.plus(GRACE).toSeconds() + " s: " + String.join(" ", command));
            }
            String text = Files.readString(output);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.format(Locale.ROOT, "%s exited with %d: %s",
                        String.join(" ", command), process.exitValue(), text.strip()));
            }
            return parse(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while wrk ran", e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a small file in the temporary directory
                }
            }
        }
    }
}
