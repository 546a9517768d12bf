package dev.limitlab.agent;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code <workload> --option value ... [--flag]} into a {@link WorkloadSpec}; {@link Agent} documents the syntax.
 * Hand-written because the agent image holds no argument-parsing library.
 */
public final class AgentArgs {

    private static final long MAX_MS = Long.MAX_VALUE / 1_000_000; // so ms -> ns never overflows
    private static final int MAX_PIDS_THREADS = 1_000_000;
    private static final String WORKLOADS = "cpu, memory, crash, pids, fork-bomb, phases, serve or load";
    private static final Set<String> CPU_OPTIONS = Set.of("threads", "load", "slice-ms", "report-ms", "duration-ms");
    private static final Set<String> MEMORY_OPTIONS = Set.of("target-bytes", "rate-bytes-per-sec", "hold-ms", "mode", "report-ms", "reread",
            "reread-write-bytes");
    private static final Set<String> CRASH_OPTIONS = Set.of("run-for-ms", "exit-code", "report-ms", "succeed-after",
            "exit-probability", "seed", "state-dir");
    private static final Set<String> PIDS_OPTIONS = Set.of("threads", "hold-ms", "report-ms");
    private static final Set<String> FORK_BOMB_OPTIONS = Set.of("max-threads", "report-ms");
    private static final Set<String> MEMORY_FLAGS = Set.of("leak");
    private static final Set<String> SERVE_OPTIONS = Set.of("port", "threads", "work-us", "hold-bytes", "report-ms", "duration-ms");
    private static final Set<String> SERVE_FLAGS = Set.of("retain");
    private static final Set<String> LOAD_FLAGS = Set.of("ready-tcp");
    private static final Set<String> LOAD_OPTIONS = Set.of("ready-http", "ready-timeout-ms", "port", "rate", "connections", "warmup-ms",
            "duration-ms", "timeout-ms", "report-ms");
    private static final String PHASE = "--phase";
    private static final String REQUEST = "--request";
    private static final String HEADER = "--header";
    private static final String BODY = "--body";
    private static final int MAX_PORT = 65_535;
    /** Each connection is a driver thread. */
    private static final int MAX_CONNECTIONS = 10_000;
    /** Enough to absorb a stall of a few hundred ms at a few hundred requests/s without delaying later sends. */
    private static final long OPEN_MODEL_CONNECTIONS = 64;
    /**
     * What can run in a phase, with the option that would otherwise end it and the value meaning "until stopped":
     * in a phase, the phase's duration alone decides.
     */
    private static final Map<String, List<String>> PHASE_WORKLOAD_ENDS = Map.of(
            "cpu", List.of("--duration-ms", "0"),
            "memory", List.of("--hold-ms", "-1"),
            "pids", List.of("--hold-ms", "-1"));

    private final String workload;
    private final Map<String, String> values = new HashMap<>();

    /** @param workload the workload as named in messages, e.g. {@code cpu} or {@code cpu in phase 1} */
    private AgentArgs(String workload) {
        this.workload = workload;
    }

    /** @throws UsageException with a one-line explanation of what is wrong */
    public static WorkloadSpec parse(String... args) {
        if (args.length == 0) throw new UsageException("missing workload (" + WORKLOADS + ")");
        String[] options = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "phases" -> phases(options);
            case "load" -> load(options);
            default -> single(args[0], options, args[0]);
        };
    }

    private static WorkloadSpec single(String kind, String[] options, String label) {
        var parsed = new AgentArgs(label);
        return switch (kind) {
            case "cpu" -> parsed.read(options, CPU_OPTIONS, Set.of()).cpu();
            case "memory" -> parsed.read(options, MEMORY_OPTIONS, MEMORY_FLAGS).memory();
            case "crash" -> parsed.read(options, CRASH_OPTIONS, Set.of()).crash();
            case "pids" -> parsed.read(options, PIDS_OPTIONS, Set.of()).pids();
            case "fork-bomb" -> parsed.read(options, FORK_BOMB_OPTIONS, Set.of()).forkBomb();
            case "serve" -> parsed.read(options, SERVE_OPTIONS, SERVE_FLAGS).serve();
            default -> throw new UsageException("unknown workload '" + kind + "' (expected " + WORKLOADS + ")");
        };
    }

    /** {@code --phase MS KIND [OPTIONS...]}, repeated: each phase's options run up to the next {@code --phase}. */
    private static WorkloadSpec.Phases phases(String[] args) {
        if (args.length == 0 || !args[0].equals(PHASE)) {
            throw new UsageException("phases needs " + PHASE + " MS KIND [OPTIONS...], one or more"
                    + (args.length == 0 ? "" : ", not '" + args[0] + "'"));
        }
        List<WorkloadSpec.Phase> phases = new ArrayList<>();
        for (String[] phase : groupsAfter(PHASE, args)) {
            phases.add(phase(phases.size(), phase));
        }
        return new WorkloadSpec.Phases(phases);
    }

    /** The arguments after each {@code marker}, up to the next; what precedes the first marker is not included. */
    private static List<String[]> groupsAfter(String marker, String[] args) {
        List<String[]> groups = new ArrayList<>();
        int start = Arrays.asList(args).indexOf(marker);
        while (start >= 0 && start < args.length) {
            int end = start + 1;
            while (end < args.length && !args[end].equals(marker)) end++;
            groups.add(Arrays.copyOfRange(args, start + 1, end));
            start = end;
        }
        return groups;
    }

    /** {@code load OPTIONS... --request METHOD PATH [--body TEXT] [--header NAME:VALUE]...}, one or more requests. */
    private static WorkloadSpec.Load load(String[] args) {
        int firstRequest = Arrays.asList(args).indexOf(REQUEST);
        var parsed = new AgentArgs("load").read(Arrays.copyOfRange(args, 0, firstRequest < 0 ? args.length : firstRequest),
                LOAD_OPTIONS, LOAD_FLAGS);
        List<WorkloadSpec.LoadRequest> requests = new ArrayList<>();
        for (String[] request : groupsAfter(REQUEST, args)) {
            requests.add(request(requests.size(), request));
        }
        return parsed.load(requests);
    }

    private static WorkloadSpec.LoadRequest request(int index, String[] args) {
        if (args.length < 2) throw new UsageException(REQUEST + " needs a method and a path (request " + index + ")");
        String body = "";
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i += 2) {
            String option = args[i];
            if (!option.equals(BODY) && !option.equals(HEADER)) {
                throw new UsageException("unexpected argument '" + option + "' in request " + index + " (expected " + BODY + " or " + HEADER + ")");
            }
            if (i + 1 >= args.length) throw new UsageException(option + " needs a value (request " + index + ")");
            String value = args[i + 1];
            if (option.equals(BODY)) {
                body = value;
                continue;
            }
            int colon = value.indexOf(':');
            if (colon <= 0) throw new UsageException(HEADER + " must be NAME:VALUE, not '" + value + "' (request " + index + ")");
            headers.put(value.substring(0, colon).strip(), value.substring(colon + 1).strip());
        }
        return new WorkloadSpec.LoadRequest(args[0], args[1], body, headers);
    }

    private static WorkloadSpec.Phase phase(int index, String[] args) {
        String where = "phase " + index;
        if (args.length < 2) throw new UsageException(PHASE + " needs a duration in ms and a workload (" + where + ")");
        long durationMs = parseNumber(PHASE, args[0], 1, MAX_MS);
        String kind = args[1];
        List<String> end = PHASE_WORKLOAD_ENDS.get(kind);
        if (end == null) {
            throw new UsageException("workload '" + kind + "' cannot run in a phase (" + where + "; expected cpu, memory or pids)");
        }
        List<String> options = new ArrayList<>(Arrays.asList(args).subList(2, args.length));
        if (options.contains(end.get(0))) {
            throw new UsageException(end.get(0) + " cannot be set in a phase (" + where + "): the phase's duration says how long "
                    + kind + " runs");
        }
        options.addAll(end);
        return new WorkloadSpec.Phase(durationMs, single(kind, options.toArray(String[]::new), kind + " in " + where));
    }

    private AgentArgs read(String[] args, Set<String> options, Set<String> flags) {
        for (int i = 0; i < args.length; i++) {
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
                reportMs(),
                values.get("reread"),
                rereadWriteBytes());
    }

    private long rereadWriteBytes() {
        if (values.containsKey("reread-write-bytes") && !values.containsKey("reread")) {
            throw new UsageException("--reread-write-bytes goes with --reread, the file it writes");
        }
        return number("reread-write-bytes", 0L, 1, Integer.MAX_VALUE); // a mapping holds at most 2 GiB
    }

    private WorkloadSpec.Crash crash() {
        boolean succeedAfter = values.containsKey("succeed-after");
        boolean probability = values.containsKey("exit-probability");
        if (succeedAfter && probability) throw new UsageException("--succeed-after and --exit-probability exclude each other");
        if (succeedAfter && !values.containsKey("state-dir")) {
            throw new UsageException("--succeed-after needs --state-dir, where runs are counted across restarts");
        }
        if (values.containsKey("seed") && !probability) throw new UsageException("--seed goes with --exit-probability");
        return new WorkloadSpec.Crash(
                number("run-for-ms", null, 0, MAX_MS),
                (int) number("exit-code", null, 0, 255), // one byte on Linux; anything else would be silently truncated
                reportMs(),
                succeedAfter ? (int) number("succeed-after", null, 1, Integer.MAX_VALUE) : null,
                probability ? probability() : null,
                values.containsKey("seed") ? number("seed", null, Long.MIN_VALUE, Long.MAX_VALUE) : null,
                values.containsKey("state-dir") ? path("state-dir") : null);
    }

    private WorkloadSpec.Pids pids() {
        return new WorkloadSpec.Pids((int) number("threads", null, 1, MAX_PIDS_THREADS), number("hold-ms", -1L, -1, MAX_MS), reportMs());
    }

    private WorkloadSpec.ForkBomb forkBomb() {
        return new WorkloadSpec.ForkBomb((int) number("max-threads", (long) MAX_PIDS_THREADS, 1, MAX_PIDS_THREADS), reportMs());
    }

    private WorkloadSpec.Serve serve() {
        return new WorkloadSpec.Serve(
                (int) number("port", null, 0, MAX_PORT), // 0: a free port, for tests
                (int) number("threads", 8L, 1, 10_000),
                number("work-us", 0L, 0, MAX_MS),
                (int) number("hold-bytes", 0L, 0, Integer.MAX_VALUE - 8), // one Java array
                values.containsKey("retain"),
                reportMs(),
                number("duration-ms", 0L, 0, MAX_MS));
    }

    private WorkloadSpec.Load load(List<WorkloadSpec.LoadRequest> requests) {
        if (!values.containsKey("rate") && !values.containsKey("connections")) {
            throw new UsageException("load needs --rate (requests started per second, open model) or --connections alone"
                    + " (requests in flight, closed model)");
        }
        WorkloadSpec.LoadModel model = values.containsKey("rate")
                ? new WorkloadSpec.OpenModel(number("rate", null, 1, 1_000_000), connections(OPEN_MODEL_CONNECTIONS))
                : new WorkloadSpec.ClosedModel(connections(null));
        return new WorkloadSpec.Load(
                (int) number("port", null, 1, MAX_PORT),
                model,
                requests,
                number("warmup-ms", 0L, 0, MAX_MS),
                number("duration-ms", null, 1, MAX_MS),
                number("timeout-ms", 2000L, 1, MAX_MS),
                reportMs(),
                readyCheck());
    }

    /** {@code --ready-http PATH} or {@code --ready-tcp}, with {@code --ready-timeout-ms} (default 60 s); null for neither. */
    private WorkloadSpec.ReadyCheck readyCheck() {
        if (values.containsKey("ready-http") && values.containsKey("ready-tcp")) {
            throw new UsageException("--ready-http and --ready-tcp exclude each other");
        }
        if (!values.containsKey("ready-http") && !values.containsKey("ready-tcp")) {
            if (values.containsKey("ready-timeout-ms")) throw new UsageException("--ready-timeout-ms needs --ready-http or --ready-tcp");
            return null;
        }
        String path = values.get("ready-http");
        if (path != null && !path.startsWith("/")) throw new UsageException("--ready-http must be a path such as /healthz, not '" + path + "'");
        return new WorkloadSpec.ReadyCheck(path, number("ready-timeout-ms", 60_000L, 1, MAX_MS));
    }

    private int connections(Long fallback) {
        return (int) number("connections", fallback, 1, MAX_CONNECTIONS);
    }

    private long reportMs() {
        return number("report-ms", 1000L, 1, MAX_MS);
    }

    private double probability() {
        String text = values.get("exit-probability");
        try {
            double value = Double.parseDouble(text);
            if (value >= 0 && value <= 1) return value; // false for NaN too
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw new UsageException("--exit-probability must be a number from 0 to 1, not '" + text + "'");
    }

    private Path path(String name) {
        String text = values.get(name);
        try {
            if (!text.isEmpty()) return Path.of(text);
        } catch (InvalidPathException e) {
            // reported below
        }
        throw new UsageException("--" + name + " must be a directory path, not '" + text + "'");
    }

    /** The option's value as a long in [min, max]; {@code fallback == null} makes the option required. */
    private long number(String name, Long fallback, long min, long max) {
        String text = values.get(name);
        if (text == null) {
            if (fallback == null) throw new UsageException("--" + name + " is required for workload " + workload);
            return fallback;
        }
        return parseNumber("--" + name, text, min, max);
    }

    private static long parseNumber(String option, String text, long min, long max) {
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a whole number, not '" + text + "'");
        }
        if (value < min || value > max) {
            throw new UsageException(option + " must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }
}
