package dev.limitlab.agent;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code <workload> --option value ... [--flag]} into a {@link WorkloadSpec}.
 * Hand-written because the agent image holds no third-party classes.
 */
public final class AgentArgs {

    private static final long MAX_MS = Long.MAX_VALUE / 1_000_000; // so ms -> ns never overflows
    private static final Set<String> CPU_OPTIONS = Set.of("threads", "load", "slice-ms", "report-ms", "duration-ms");
    private static final Set<String> MEMORY_OPTIONS = Set.of("target-bytes", "rate-bytes-per-sec", "hold-ms", "mode", "report-ms");
    private static final Set<String> CRASH_OPTIONS = Set.of("run-for-ms", "exit-code", "report-ms");
    private static final Set<String> MEMORY_FLAGS = Set.of("leak");

    private final String workload;
    private final Map<String, String> values = new HashMap<>();

    private AgentArgs(String workload) {
        this.workload = workload;
    }

    /** @throws UsageException with a one-line explanation of what is wrong */
    public static WorkloadSpec parse(String... args) {
        if (args.length == 0) throw new UsageException("missing workload (cpu, memory or crash)");
        var parsed = new AgentArgs(args[0]);
        return switch (args[0]) {
            case "cpu" -> parsed.read(args, CPU_OPTIONS, Set.of()).cpu();
            case "memory" -> parsed.read(args, MEMORY_OPTIONS, MEMORY_FLAGS).memory();
            case "crash" -> parsed.read(args, CRASH_OPTIONS, Set.of()).crash();
            default -> throw new UsageException("unknown workload '" + args[0] + "' (expected cpu, memory or crash)");
        };
    }

    private AgentArgs read(String[] args, Set<String> options, Set<String> flags) {
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            String name = arg.startsWith("--") ? arg.substring(2) : null;
            if (name == null || !(options.contains(name) || flags.contains(name))) {
                throw new UsageException("unexpected argument '" + arg + "' for workload " + workload);
            }
            if (values.containsKey(name)) throw new UsageException("--" + name + " given twice");
            if (flags.contains(name)) {
                values.put(name, "true");
            } else if (i + 1 < args.length) {
                values.put(name, args[++i]);
            } else {
                throw new UsageException("--" + name + " needs a value");
            }
        }
        return this;
    }

    private WorkloadSpec.Cpu cpu() {
        return new WorkloadSpec.Cpu(
                (int) number("threads", null, 1, 10_000),
                (int) number("load", 100L, 1, 100),
                number("slice-ms", 10L, 1, MAX_MS),
                reportMs(),
                number("duration-ms", 0L, 0, MAX_MS));
    }

    private WorkloadSpec.Memory memory() {
        String mode = values.getOrDefault("mode", "native");
        if (!mode.equals("native") && !mode.equals("heap")) {
            throw new UsageException("--mode must be native or heap, not '" + mode + "'");
        }
        return new WorkloadSpec.Memory(
                number("target-bytes", null, 1, Long.MAX_VALUE),
                number("rate-bytes-per-sec", null, 1, Long.MAX_VALUE),
                number("hold-ms", 0L, -1, MAX_MS),
                WorkloadSpec.MemoryMode.valueOf(mode.toUpperCase(Locale.ROOT)),
                values.containsKey("leak"),
                reportMs());
    }

    private WorkloadSpec.Crash crash() {
        // Exit codes are one byte on Linux; anything else would be silently truncated by the kernel.
        return new WorkloadSpec.Crash(number("run-for-ms", null, 0, MAX_MS), (int) number("exit-code", null, 0, 255), reportMs());
    }

    private long reportMs() {
        return number("report-ms", 1000L, 1, MAX_MS);
    }

    /** The option's value as a long in [min, max]; {@code fallback == null} makes the option required. */
    private long number(String name, Long fallback, long min, long max) {
        String text = values.get(name);
        if (text == null) {
            if (fallback == null) throw new UsageException("--" + name + " is required for workload " + workload);
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, not '" + text + "'");
        }
        if (value < min || value > max) {
            throw new UsageException("--" + name + " must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }
}
