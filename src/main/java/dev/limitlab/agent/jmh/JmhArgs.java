package dev.limitlab.agent.jmh;

import dev.limitlab.agent.UsageException;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The jmh workload's command line.
 *
 * @param include          regular expression over benchmark names ({@code class.method}), as JMH's {@code -i}
 * @param warmupIterations warm-up iterations per benchmark (0 for none)
 * @param iterations       measured iterations per benchmark
 * @param iterationMs      length of every iteration, warm-up or measured
 * @param threads          threads running the benchmark method at once
 * @param forks            1: each benchmark in a fresh JVM (needs a writable java.io.tmpdir); 0: in this JVM
 * @param jar              a user's benchmarks jar, searched instead of the built-in {@link CpuKernel}
 */
public record JmhArgs(String include, int warmupIterations, int iterations, long iterationMs, int threads, int forks,
                      Optional<Path> jar) {

    public static final String USAGE = "--include REGEX --warmup-iterations N --iterations N --iteration-ms MS"
            + " --threads N [--forks 0|1] [--jar PATH]";
    private static final Set<String> OPTIONS = Set.of(
            "include", "warmup-iterations", "iterations", "iteration-ms", "threads", "forks", "jar");

    public JmhArgs {
        try {
            Pattern.compile(include);
        } catch (PatternSyntaxException e) {
            throw new UsageException("--include '" + include + "' is not a regular expression: " + e.getDescription());
        }
        checkRange("warmup-iterations", warmupIterations, 0, 10_000);
        checkRange("iterations", iterations, 1, 10_000);
        checkRange("iteration-ms", iterationMs, 1, 86_400_000);
        checkRange("threads", threads, 1, 10_000);
        checkRange("forks", forks, 0, 1);
    }

    /** @throws UsageException with a one-line explanation of what is wrong */
    public static JmhArgs parse(List<String> args) {
        Map<String, String> values = new HashMap<>();
        for (Iterator<String> it = args.iterator(); it.hasNext(); ) {
            String arg = it.next();
            String name = arg.startsWith("--") ? arg.substring(2) : "";
            if (!OPTIONS.contains(name)) throw new UsageException("unexpected argument '" + arg + "' (usage: " + USAGE + ")");
            if (!it.hasNext()) throw new UsageException(arg + " needs a value");
            if (values.put(name, it.next()) != null) throw new UsageException(arg + " given twice");
        }
        return new JmhArgs(
                required(values, "include"),
                (int) integer(values, "warmup-iterations"),
                (int) integer(values, "iterations"),
                integer(values, "iteration-ms"),
                (int) integer(values, "threads"),
                values.containsKey("forks") ? (int) integer(values, "forks") : 1,
                Optional.ofNullable(values.get("jar")).map(Path::of));
    }

    private static String required(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null) throw new UsageException("--" + name + " is required (usage: " + USAGE + ")");
        return value;
    }

    private static long integer(Map<String, String> values, String name) {
        String text = required(values, name);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, not '" + text + "'");
        }
    }

    private static void checkRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new UsageException("--" + name + " must be between " + min + " and " + max + ", not " + value);
        }
    }
}
