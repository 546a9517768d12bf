package dev.limitlab.scenario;

import dev.limitlab.format.Sizes;
import dev.limitlab.metrics.LoadMetrics;
import dev.limitlab.metrics.RecommendTargets;
import dev.limitlab.scenario.YamlReader.Fields;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.reader.ReaderException;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Loads a scenario file into validated records. Every problem, from malformed YAML to a memory-swap below memory,
 * becomes one {@link ScenarioException} line located at the offending node. The language is described in
 * {@code docs/scenarios.md} and, for editors, in {@code scenarios/schema.json}.
 */
public final class ScenarioLoader {
    private static final int MAX_CODE_POINTS = 1 << 20;
    private static final long MIN_MEMORY = 6L << 20; // the engine refuses smaller memory limits
    private static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);
    private static final int DEFAULT_REPEAT = 1;
    private static final int MAX_REGEX_LENGTH = 1000;
    private static final Pattern NAME_PATTERN = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern DECIMAL = Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)");
    private static final Pattern WHOLE = Pattern.compile("[-+]?\\d+");
    /** An image reference as the engine parses it: [domain[:port]/]path[:tag][@digest]. */
    private static final Pattern IMAGE_REFERENCE;

    static {
        String domainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
        String domain = domainComponent + "(?:\\." + domainComponent + ")*(?::[0-9]+)?";
        String pathComponent = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
        String tag = "[\\w][\\w.-]{0,127}";
        String digest = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
        IMAGE_REFERENCE = Pattern.compile("(?:" + domain + "/)?" + pathComponent + "(?:/" + pathComponent + ")*"
                + "(?::" + tag + ")?(?:@" + digest + ")?");
    }

    // Package-private: the schema test checks scenarios/schema.json offers exactly these keys.
    static final List<String> SCENARIO_KEYS = List.of("name", "description", "defaults", "recommend", "experiments", "regression");
    static final List<String> DEFAULTS_KEYS = List.of("duration", "warmup", "repeat", "timeout");
    static final List<String> RECOMMEND_KEYS = List.of("cpu-headroom", "memory-headroom", "throughput-target", "throttled-target",
            "demand-percentile", "default-restarts", "cpu-step", "memory-step", "latency-p50", "latency-p90", "latency-p99",
            "latency-p999", "error-rate");
    static final List<String> EXPERIMENT_KEYS = List.of("name", "workload", "limits", "matrix", "duration", "warmup", "repeat", "timeout", "hardening", "security", "search", "isolation");
    static final List<String> ISOLATION_EXPERIMENT_KEYS = List.of("name", "isolation", "duration", "timeout");
    static final List<String> ISOLATION_KEYS = List.of("victim", "aggressor", "cpuset", "target", "host-memory-floor");
    static final List<String> VICTIM_KEYS = List.of("workload", "limits");
    static final List<String> AGGRESSOR_KEYS = List.of("workload", "limits", "matrix");
    static final List<String> VICTIM_KINDS = List.of("cpu", "service");
    static final List<String> AGGRESSOR_KINDS = List.of("cpu-hog", "memory-hog", "fork-bomb", "command");
    static final Map<String, List<String>> AGGRESSOR_WORKLOAD_KEYS = Map.of(
            "cpu-hog", List.of("kind", "threads"),
            "memory-hog", List.of("kind", "rate", "cap"),
            "fork-bomb", List.of("kind"),
            "command", List.of("kind", "image", "command"));
    private static final List<String> ANY_AGGRESSOR_KEYS = AGGRESSOR_KINDS.stream()
            .flatMap(kind -> AGGRESSOR_WORKLOAD_KEYS.get(kind).stream()).distinct().toList();
    private static final String ISOLATION_EXPECTED = "expected a mapping such as {victim: {workload: {kind: cpu}, limits: {cpus: 1.0}},"
            + " aggressor: {workload: {kind: cpu-hog}, limits: {memory: 64m}, matrix: {cpus: [0.2, 1.0]}}, target: 0.9}";
    private static final String VICTIM_EXPECTED = "expected a mapping such as {workload: {kind: cpu, threads: 1}, limits: {cpus: 1.0}}";
    private static final String AGGRESSOR_EXPECTED = "expected a mapping such as {workload: {kind: fork-bomb}, limits: {memory: 64m, pids-limit: 64}}";
    private static final String AGGRESSOR_WORKLOAD_EXPECTED = "expected a mapping such as {kind: cpu-hog, threads: 4}";
    private static final ValueType<String> AGGRESSOR_KIND = oneOf("aggressor kind", AGGRESSOR_KINDS);
    private static final ValueType<Double> ISOLATION_TARGET = new ValueType<>("expected a share in (0, 1], e.g. 0.9 or \"90%\"",
            text -> {
                double share = parseFraction(text);
                if (share <= 0) throw new IllegalArgumentException("is out of range");
                return share;
            });
    /** How long an aggressor that reached its memory cap keeps it: past any phase, it is removed long before. */
    private static final Duration HELD_UNTIL_REMOVED = Duration.ofHours(1);
    static final List<String> SEARCH_KEYS = List.of("cpus", "memory", "max-trials", "max-time", "mode");
    static final List<String> RANGE_KEYS = List.of("from", "to", "precision");
    static final List<String> SEARCH_MODES = List.of("per-trial", "in-place");
    private static final String SEARCH_EXPECTED = "expected a mapping such as {cpus: {from: 0.1, to: 2.0, precision: 0.05}, max-trials: 12}";
    private static final ValueType<String> SEARCH_MODE = oneOf("mode", SEARCH_MODES);
    static final List<String> SECURITY_KEYS = List.of("image", "command", "check", "user", "non-root-user", "timeout", "expect");
    static final List<String> EXPECT_KEYS = List.of("cap-add", "no-new-privileges", "read-only", "non-root");
    private static final String SECURITY_EXPECTED = "expected a mapping such as {check: \"touch f && chown u f\", expect: {cap-add: [CHOWN]}}";
    static final List<String> HARDENING_KEYS = List.of("cap-drop-all", "cap-add", "no-new-privileges", "read-only", "user", "network");
    private static final String HARDENING_EXPECTED = "expected a mapping that loosens the defaults one key at a time, such as {read-only: false, cap-add: [CHOWN]}";
    private static final ValueType<String> NETWORK = new ValueType<>("expected none or bridge (limitlab never uses the host's network)", text -> {
        if (!text.equals("none") && !text.equals("bridge")) throw new IllegalArgumentException("is not a network limitlab runs workloads on");
        return text;
    });
    private static final ValueType<String> CAPABILITY = new ValueType<>("expected a capability such as CHOWN or NET_BIND_SERVICE", Hardening::capabilityName);
    static final List<String> LIMIT_KEYS = List.of("cpus", "memory", "memory-swap", "pids-limit", "restart");
    static final List<String> PHASE_KEYS = List.of("duration", "workload");
    static final List<String> KINDS = List.of("cpu", "memory", "crash", "pids", "command", "phases", "jmh", "service");
    static final List<String> PHASE_KINDS = List.of("cpu", "memory", "pids");
    static final Map<String, List<String>> WORKLOAD_KEYS = Map.of(
            "cpu", List.of("kind", "threads", "load", "slice"),
            "memory", List.of("kind", "target", "rate", "hold", "mode", "leak", "reread"),
            "crash", List.of("kind", "run-for", "exit-code", "succeed-after", "exit-probability"),
            "pids", List.of("kind", "threads", "hold"),
            "command", List.of("kind", "image", "command"),
            "phases", List.of("kind", "phases"),
            "jmh", List.of("kind", "jar", "include", "warmup-iterations", "iterations", "iteration-time", "threads"),
            "service", ServiceReader.SERVICE_KEYS);
    private static final List<String> ANY_WORKLOAD_KEYS = KINDS.stream()
            .flatMap(kind -> WORKLOAD_KEYS.get(kind).stream()).distinct().toList();
    private static final List<String> RESTART_NAMES = List.of("no", "on-failure", "always", "unless-stopped");

    private static final String REGRESSION_EXPECTED = "expected a mapping of metric to tolerance such as {throughput: -10%, oom-kills: no-increase}";
    private static final ValueType<String> TOLERANCE = new ValueType<>(RegressionRule.EXPECTED, text -> text);
    private static final String SCENARIO_EXPECTED = "expected a mapping with keys: " + String.join(", ", SCENARIO_KEYS);
    private static final String DEFAULTS_EXPECTED = "expected a mapping such as {duration: 10s, repeat: 1, timeout: 120s}";
    private static final String RECOMMEND_EXPECTED = "expected a mapping such as {cpu-headroom: 15%, memory-step: 16m}";
    private static final String EXPERIMENTS_EXPECTED = "expected a list of experiments, each with a name and a workload";
    private static final String EXPERIMENT_EXPECTED = "expected a mapping such as {name: cpu, workload: {kind: cpu}}";
    private static final String WORKLOAD_EXPECTED = "expected a mapping such as {kind: cpu, threads: 2}";
    private static final String PHASES_EXPECTED = "expected a list of phases such as [{duration: 3s, workload: {kind: cpu}}]";
    private static final String PHASE_EXPECTED = "expected a mapping such as {duration: 3s, workload: {kind: cpu, load: 10}}";
    private static final String COMMAND_EXPECTED = "expected a non-empty list of strings such as [sh, -c, \"sleep 5\"]";
    private static final String LIMITS_EXPECTED = "expected a mapping such as {cpus: 0.5, memory: 256m}";
    private static final String MATRIX_EXPECTED = "expected a mapping of lists such as {cpus: [0.5, 1.0]}";
    private static final String AXIS_EXPECTED = "expected a non-empty list of values such as [0.5, 1.0] or [128m, 256m]";

    private static final ValueType<String> NAME = new ValueType<>(
            "expected a name of lowercase letters, digits, '.', '_' or '-', e.g. quickstart", text -> {
                if (!NAME_PATTERN.matcher(text).matches()) throw new IllegalArgumentException("is not a valid name");
                return text;
            });
    static final ValueType<String> TEXT = new ValueType<>("expected text", text -> text);
    private static final ValueType<Boolean> BOOLEAN = new ValueType<>("expected true or false", text -> switch (text) {
        case "true" -> true;
        case "false" -> false;
        default -> throw new IllegalArgumentException("is not true or false");
    });
    static final ValueType<Long> SIZE = new ValueType<>("examples: 512m, 2g", Sizes::parse);
    private static final ValueType<Long> MEMORY = SIZE.requiring(bytes -> bytes >= MIN_MEMORY, "is below the engine's minimum of 6m");
    private static final ValueType<Long> TARGET = SIZE.requiring(bytes -> bytes > 0, "must be more than 0")
            .expecting("examples: 200m, 1g; or leak: true to grow until killed");
    private static final ValueType<Workload.Reread> REREAD = new ValueType<>(
            "expected a size to write (e.g. 96m) or an absolute path in the image (e.g. /opt/java/lib/modules)", text -> {
                if (text.startsWith("/")) return Workload.Reread.ofImageFile(text);
                long bytes = Sizes.parse(text);
                if (bytes <= 0 || bytes > Integer.MAX_VALUE) throw new IllegalArgumentException("is not a size above 0 and up to 2g");
                return Workload.Reread.written(bytes);
            });
    private static final ValueType<Long> RATE = new ValueType<>("examples: 100m/s, 1g/s", ScenarioLoader::parseRate);
    private static final ValueType<Long> CAP = SIZE.requiring(bytes -> bytes > 0, "must be more than 0")
            .expecting("examples: 256m, 1g; or no cap to grow until killed");
    private static final ValueType<Long> MEMORY_FLOOR = SIZE.expecting("examples: 256m, 1g");
    static final ValueType<Duration> DURATION = new ValueType<>("examples: 500ms, 10s, 1.5m", Durations::parse);
    static final ValueType<Duration> POSITIVE_DURATION = DURATION.requiring(duration -> !duration.isZero(), "must be longer than 0");
    private static final ValueType<Integer> REPEAT = wholeNumber(1, Integer.MAX_VALUE, "3");
    private static final ValueType<Double> CPUS = new ValueType<>("expected cores above 0, e.g. 0.5 or 2", ScenarioLoader::parseCpus);
    private static final ValueType<MemorySwap> MEMORY_SWAP = new ValueType<>(
            "expected a size such as 512m, same for no swap, or -1 for unlimited", ScenarioLoader::parseMemorySwap);
    private static final ValueType<Long> PIDS_LIMIT = new ValueType<>("expected a whole number >= 1, or -1 for unlimited, e.g. 100", text -> {
        long pids = parseWhole(text);
        if (pids < 1 && pids != -1) throw new IllegalArgumentException("is out of range");
        return pids;
    });
    private static final ValueType<RestartPolicy> RESTART = new ValueType<>(
            "expected no, on-failure, on-failure:N, always or unless-stopped", ScenarioLoader::parseRestart);
    private static final ValueType<String> KIND = oneOf("kind", KINDS);
    private static final ValueType<String> PHASE_KIND = phaseKind(oneOf("kind", PHASE_KINDS));
    static final ValueType<Integer> THREADS = wholeNumber(1, Integer.MAX_VALUE, "2");
    private static final ValueType<Integer> PIDS_THREADS = wholeNumber(1, Integer.MAX_VALUE, "200");
    private static final ValueType<Integer> LOAD_PERCENT = wholeNumber(1, 100, "60");
    private static final ValueType<Integer> LOAD = new ValueType<>("expected a percentage from 1 to 100, e.g. 60 or \"60%\"",
            text -> LOAD_PERCENT.parser().apply(text.endsWith("%") ? text.substring(0, text.length() - 1) : text));
    private static final ValueType<String> MODE = oneOf("mode", List.of("native", "heap"));
    private static final ValueType<Integer> EXIT_CODE = wholeNumber(0, 255, "3");
    private static final ValueType<Integer> SUCCEED_AFTER = wholeNumber(1, Integer.MAX_VALUE, "2");
    private static final ValueType<Double> FRACTION = new ValueType<>(
            "expected a fraction from 0 to 1 or a percentage, e.g. 0.15 or \"15%\"", ScenarioLoader::parseFraction);
    private static final ValueType<Double> POSITIVE_FRACTION = FRACTION.requiring(fraction -> fraction > 0, "must be more than 0");
    private static final ValueType<Integer> DEFAULT_RESTARTS = wholeNumber(1, Integer.MAX_VALUE, "5");
    private static final ValueType<Double> CPU_STEP = CPUS.expecting("expected cores above 0, e.g. 0.05 or 0.25");
    private static final ValueType<Long> MEMORY_STEP = SIZE.requiring(bytes -> bytes > 0, "must be more than 0")
            .expecting("examples: 16m, 64m");
    static final ValueType<String> IMAGE = new ValueType<>(
            "expected a local image such as busybox:1.36 or registry.example/team/app:2.1", text -> {
                if (text.length() > 255 || !IMAGE_REFERENCE.matcher(text).matches()) {
                    throw new IllegalArgumentException("is not an image reference");
                }
                return text;
            });
    private static final ValueType<String> INCLUDE = new ValueType<>("expected a regular expression over benchmark names, e.g. \".*Parse.*\"",
            ScenarioLoader::parseRegex);
    private static final ValueType<Integer> WARMUP_ITERATIONS = wholeNumber(0, 10_000, "1");
    private static final ValueType<Integer> ITERATIONS = wholeNumber(1, 10_000, "3");

    private final YamlReader yaml;
    private final ValueType<Double> hostCpus;
    private final int lastCpu;
    private final ValueType<String> jar;

    private ScenarioLoader(YamlReader yaml, int hostCpus, Path baseDirectory) {
        this.yaml = yaml;
        this.lastCpu = hostCpus - 1;
        String cpusOfHost = hostCpus + (hostCpus == 1 ? " CPU" : " CPUs");
        // --cpus above the host's count is refused by the engine; say so before any trial starts.
        this.hostCpus = new ValueType<>(CPUS.expected(), text -> {
            double cores = CPUS.parser().apply(text);
            if (cores > hostCpus) throw new ValueType.Invalid("is more than the " + cpusOfHost + " of this host", "expected at most " + hostCpus);
            return cores;
        });
        this.jar = new ValueType<>("expected the path of a benchmarks jar, relative to the scenario file, e.g. build/benchmarks.jar",
                text -> resolveJar(baseDirectory, text));
    }

    /** Loads {@code file}, checking cpus against this host's processor count; errors name the file as given. */
    public static Scenario load(Path file) throws ScenarioException, IOException {
        return load(file, Runtime.getRuntime().availableProcessors());
    }

    /** Loads {@code file} for a host with {@code hostCpus} processors; a jmh jar is resolved against the file's directory. */
    public static Scenario load(Path file, int hostCpus) throws ScenarioException, IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (CharacterCodingException e) {
            throw new ScenarioException(file.toString(), 1, 1, "the file is not UTF-8 text");
        }
        return load(file.toString(), file, file.toAbsolutePath().getParent(), text, hostCpus);
    }

    /** Loads YAML from {@code reader}, naming it {@code displayName} in errors; the scenario's source is null. */
    public static Scenario load(String displayName, Reader reader) throws ScenarioException, IOException {
        return load(displayName, reader, Runtime.getRuntime().availableProcessors());
    }

    /** As {@link #load(String, Reader)} for a host with {@code hostCpus} processors; a jmh jar is resolved against the working directory. */
    public static Scenario load(String displayName, Reader reader, int hostCpus) throws ScenarioException, IOException {
        StringWriter text = new StringWriter();
        reader.transferTo(text);
        return load(displayName, null, Path.of("").toAbsolutePath(), text.toString(), hostCpus);
    }

    private static Scenario load(String displayName, Path source, Path baseDirectory, String text, int hostCpus) throws ScenarioException {
        if (hostCpus < 1) throw new IllegalArgumentException("hostCpus must be >= 1, not " + hostCpus);
        ScenarioLoader loader = new ScenarioLoader(new YamlReader(displayName), hostCpus, baseDirectory);
        return loader.scenario(loader.compose(text), source);
    }

    /** The YAML node tree, every node with its position; only SnakeYAML's exceptions are turned into ours here. */
    private Node compose(String text) throws ScenarioException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(20); // no "billion laughs"
        options.setNestingDepthLimit(20);        // a valid scenario nests 7 deep (a phase's workload)
        options.setCodePointLimit(MAX_CODE_POINTS);
        try {
            return new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            String context = e.getContext() != null && e.getContextMark() != null && e.getProblem() != null
                    ? " (" + e.getContext() + " at line " + (e.getContextMark().getLine() + 1) + ")" : "";
            throw yaml.error(mark, oneLine("not valid YAML: " + problem + context));
        } catch (ReaderException e) {
            throw errorAtFirst(text, e.getCodePoint(), String.format("not valid YAML: character U+%04X is not allowed", e.getCodePoint()));
        } catch (YAMLException e) { // limits such as alias count or nesting depth, which carry no position
            throw yaml.error(1, 1, oneLine("not valid YAML: " + e.getMessage()));
        }
    }

    private ScenarioException errorAtFirst(String text, int codePoint, String problem) {
        int index = Math.max(0, text.indexOf(codePoint));
        int lineStart = text.lastIndexOf('\n', index - 1) + 1;
        int line = (int) text.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
        return yaml.error(line, text.codePointCount(lineStart, index) + 1, problem);
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }

    private Scenario scenario(Node root, Path source) throws ScenarioException {
        if (root == null) throw yaml.error(1, 1, "the file has no scenario (" + SCENARIO_EXPECTED + ")");
        Fields top = yaml.mapping(root, "", "scenario", SCENARIO_EXPECTED).allowOnly(SCENARIO_KEYS, "scenario");
        String name = top.require("name", NAME);
        String description = top.read("description", TEXT, "");
        Defaults defaults = defaults(top.get("defaults"));
        RecommendTargets recommend = recommend(top.get("recommend"));
        List<Experiment> experiments = new ArrayList<>();
        Map<String, Node> namesSeen = new HashMap<>();
        for (Node item : yaml.list(top.require("experiments", EXPERIMENTS_EXPECTED), "experiments", EXPERIMENTS_EXPECTED)) {
            experiments.add(experiment(item, defaults, namesSeen));
        }
        return new Scenario(name, description, source, experiments, recommend, regression(top.get("regression")));
    }

    /** The {@code regression:} block (metric: tolerance) over the default tolerances. */
    private RegressionRules regression(Optional<Node> node) throws ScenarioException {
        if (node.isEmpty()) return RegressionRules.DEFAULTS;
        List<RegressionRule> declared = new ArrayList<>();
        for (Map.Entry<String, Node> entry : yaml.mapping(node.get(), "regression", "regression", REGRESSION_EXPECTED).values().entrySet()) {
            String path = "regression." + entry.getKey();
            try {
                declared.add(RegressionRule.parse(entry.getKey(), yaml.read(entry.getValue(), path, TOLERANCE)));
            } catch (IllegalArgumentException bad) {
                throw yaml.error(entry.getValue(), path + " " + bad.getMessage());
            }
        }
        return RegressionRules.overDefaults(declared);
    }

    /** The scenario-wide defaults; {@code timeout} stays a node since its default depends on each experiment's duration. */
    private record Defaults(Duration duration, Duration warmup, int repeat, Optional<Node> timeout) {}

    private Defaults defaults(Optional<Node> node) throws ScenarioException {
        if (node.isEmpty()) return new Defaults(DEFAULT_DURATION, Duration.ZERO, DEFAULT_REPEAT, Optional.empty());
        Fields fields = yaml.mapping(node.get(), "defaults", "defaults", DEFAULTS_EXPECTED).allowOnly(DEFAULTS_KEYS, "defaults");
        fields.read("timeout", POSITIVE_DURATION); // checked here once; compared with each experiment's duration later
        return new Defaults(fields.read("duration", POSITIVE_DURATION, DEFAULT_DURATION),
                fields.read("warmup", DURATION, Duration.ZERO), fields.read("repeat", REPEAT, DEFAULT_REPEAT), fields.get("timeout"));
    }

    /** The {@code recommend:} block; every key it leaves out keeps its value in {@link RecommendTargets#DEFAULTS}. */
    private RecommendTargets recommend(Optional<Node> node) throws ScenarioException {
        RecommendTargets d = RecommendTargets.DEFAULTS;
        if (node.isEmpty()) return d;
        Fields fields = yaml.mapping(node.get(), "recommend", "recommend", RECOMMEND_EXPECTED).allowOnly(RECOMMEND_KEYS, "recommend");
        return new RecommendTargets(
                fields.read("cpu-headroom", FRACTION, d.cpuHeadroom()),
                fields.read("memory-headroom", FRACTION, d.memoryHeadroom()),
                fields.read("throughput-target", POSITIVE_FRACTION, d.throughputTarget()),
                fields.read("throttled-target", FRACTION, d.throttledTarget()),
                fields.read("demand-percentile", POSITIVE_FRACTION, d.demandPercentile()),
                fields.read("default-restarts", DEFAULT_RESTARTS, d.defaultRestarts()),
                fields.read("cpu-step", CPU_STEP, d.cpuStep()),
                fields.read("memory-step", MEMORY_STEP, d.memoryStep()),
                latencyObjective(fields),
                fields.read("error-rate", FRACTION, d.errorRate()));
    }

    /** {@code latency-p99: 50ms} and its siblings: the most each percentile may take, in milliseconds. */
    private Map<LoadMetrics.Percentile, Double> latencyObjective(Fields fields) throws ScenarioException {
        Map<LoadMetrics.Percentile, Double> objective = new java.util.EnumMap<>(LoadMetrics.Percentile.class);
        for (LoadMetrics.Percentile percentile : LoadMetrics.Percentile.values()) {
            Optional<Duration> most = fields.read("latency-" + percentile.key(), POSITIVE_DURATION);
            if (most.isPresent()) {
                objective.put(percentile, most.get().toNanos() / 1e6);
            }
        }
        return objective;
    }

    private Experiment experiment(Node item, Defaults defaults, Map<String, Node> namesSeen) throws ScenarioException {
        Fields fields = yaml.mapping(item, "", "experiment", EXPERIMENT_EXPECTED).allowOnly(EXPERIMENT_KEYS, "experiment");
        String name = fields.require("name", NAME);
        Node nameNode = fields.get("name").orElseThrow();
        Node earlier = namesSeen.putIfAbsent(name, nameNode);
        if (earlier != null) {
            throw yaml.error(nameNode, "name " + YamlReader.quote(name) + " is already used by the experiment at line "
                    + (earlier.getStartMark().getLine() + 1) + " (expected a unique name per experiment)");
        }
        if (fields.get("isolation").isPresent()) {
            return isolationExperiment(fields, name, defaults);
        }
        Node workloadNode = fields.require("workload", WORKLOAD_EXPECTED);
        Workload workload = workload(workloadNode, "workload", false);

        Map<String, Node> fixed = limitEntries(fields.get("limits"), "limits", LIMITS_EXPECTED);
        Map<String, Node> varied = limitEntries(fields.get("matrix"), "matrix", MATRIX_EXPECTED);
        Map<MemorySwap, Node> swapNodes = new HashMap<>(); // where each memory-swap value was written, to locate cross-checks
        Limits limits = Limits.NONE;
        for (Map.Entry<String, Node> entry : fixed.entrySet()) {
            limits = withLimit(limits, entry.getKey(), entry.getValue(), "limits." + entry.getKey(), swapNodes);
        }
        List<MatrixAxis> matrix = new ArrayList<>();
        for (Map.Entry<String, Node> entry : varied.entrySet()) {
            if (fixed.containsKey(entry.getKey())) {
                // The matrix value would silently replace the fixed one in every configuration.
                throw yaml.error(entry.getValue(), "matrix." + entry.getKey() + " is also set in limits (expected each key in limits or matrix, not both)");
            }
            matrix.add(axis("matrix", entry.getKey(), entry.getValue(), swapNodes));
        }

        Duration duration = fields.read("duration", POSITIVE_DURATION, defaults.duration());
        Duration warmup = fields.read("warmup", DURATION, defaults.warmup());
        if (warmup.compareTo(duration) >= 0) {
            Node at = fields.get("warmup").or(() -> fields.get("duration")).orElse(item);
            throw yaml.error(at, "warmup " + Durations.format(warmup) + " leaves nothing of the duration " + Durations.format(duration)
                    + " of experiment " + YamlReader.quote(name) + " to measure (expected a warmup shorter than the duration)");
        }
        checkWorkloadFits(workload, workloadNode, duration, name);
        int repeat = fields.read("repeat", REPEAT, defaults.repeat());
        Duration defaultTimeout = duration.multipliedBy(3).plusSeconds(30);
        Optional<Node> timeoutNode = fields.get("timeout").or(defaults::timeout);
        Duration timeout = timeoutNode.isEmpty() ? defaultTimeout : yaml.read(timeoutNode.get(), "timeout", POSITIVE_DURATION);
        if (timeout.compareTo(duration) <= 0) {
            throw yaml.error(timeoutNode.orElseThrow(), "timeout " + Durations.format(timeout) + " is not longer than the duration "
                    + Durations.format(duration) + " of experiment " + YamlReader.quote(name) + " (expected more than " + Durations.format(duration) + ", e.g. "
                    + Durations.format(defaultTimeout) + ")");
        }

        Optional<Search> search = search(fields.get("search"), fixed, varied);
        Experiment experiment = new Experiment(name, workload, limits, matrix, duration, warmup, repeat, timeout,
                hardening(fields.get("hardening")), security(fields.get("security")), search);
        checkMemorySwap(experiment, swapNodes, varied.containsKey("memory-swap") ? "matrix.memory-swap" : "limits.memory-swap");
        return experiment;
    }

    /**
     * An experiment with {@code isolation:}: a victim and an aggressor, each configuration of the aggressor run in three
     * phases of {@code duration} each; {@code timeout} bounds one configuration.
     */
    private Experiment isolationExperiment(Fields fields, String name, Defaults defaults) throws ScenarioException {
        fields.allowOnly(ISOLATION_EXPERIMENT_KEYS, "an isolation experiment");
        Node node = fields.get("isolation").orElseThrow();
        Fields isolation = yaml.mapping(node, "isolation", "isolation", ISOLATION_EXPECTED).allowOnly(ISOLATION_KEYS, "isolation");
        Fields victimFields = yaml.mapping(isolation.require("victim", VICTIM_EXPECTED), isolation.path("victim"), "isolation.victim",
                VICTIM_EXPECTED).allowOnly(VICTIM_KEYS, "isolation.victim");
        Node victimWorkload = victimFields.require("workload", WORKLOAD_EXPECTED);
        Workload victim = workload(victimWorkload, victimFields.path("workload"), false);
        if (!VICTIM_KINDS.contains(victim.kind())) {
            throw yaml.error(victimWorkload, victimFields.path("workload") + " kind " + victim.kind()
                    + " has no throughput or latency figure over time to compare (expected kind: cpu or service)");
        }
        Map<MemorySwap, Node> swapNodes = new HashMap<>();
        Limits victimLimits = limits(limitEntries(victimFields.get("limits"), victimFields.path("limits"), LIMITS_EXPECTED),
                victimFields.path("limits"), swapNodes);

        Node aggressorNode = isolation.require("aggressor", AGGRESSOR_EXPECTED);
        Fields aggressorFields = yaml.mapping(aggressorNode, isolation.path("aggressor"), "isolation.aggressor", AGGRESSOR_EXPECTED)
                .allowOnly(AGGRESSOR_KEYS, "isolation.aggressor");
        Fields aggressorWorkload = yaml.mapping(aggressorFields.require("workload", AGGRESSOR_WORKLOAD_EXPECTED),
                aggressorFields.path("workload"), aggressorFields.path("workload"), AGGRESSOR_WORKLOAD_EXPECTED)
                .allowOnly(ANY_AGGRESSOR_KEYS, "aggressor workload");
        String kind = aggressorWorkload.require("kind", AGGRESSOR_KIND);
        aggressorWorkload.allowOnly(AGGRESSOR_WORKLOAD_KEYS.get(kind), kind + " aggressor");
        Isolation.Aggressor aggressor = aggressor(kind, aggressorWorkload, aggressorFields, swapNodes);

        Optional<String> cpuset = isolation.read("cpuset", cpuset());
        double target = isolation.read("target", ISOLATION_TARGET, Isolation.DEFAULT_TARGET);
        long floor = isolation.read("host-memory-floor", MEMORY_FLOOR, Isolation.DEFAULT_HOST_MEMORY_FLOOR);

        Duration phase = fields.read("duration", POSITIVE_DURATION, defaults.duration());
        // Three phases, the containers' starts and the aggressor's removal: a configuration is bounded, never open-ended.
        Duration defaultTimeout = phase.multipliedBy(3).plusSeconds(60);
        Optional<Node> timeoutNode = fields.get("timeout");
        Duration timeout = timeoutNode.isEmpty() ? defaultTimeout : yaml.read(timeoutNode.get(), "timeout", POSITIVE_DURATION);
        if (timeout.compareTo(phase.multipliedBy(3)) <= 0) {
            throw yaml.error(timeoutNode.orElseThrow(), "timeout " + Durations.format(timeout) + " does not leave time for three phases of "
                    + Durations.format(phase) + " in experiment " + YamlReader.quote(name) + " (expected more than "
                    + Durations.format(phase.multipliedBy(3)) + ", e.g. " + Durations.format(defaultTimeout) + ")");
        }
        Isolation spec = new Isolation(new Isolation.Victim(victim, victimLimits), aggressor, cpuset, target, floor);
        return new Experiment(name, victim, victimLimits, List.of(), phase, Duration.ZERO, 1, timeout, Hardening.DEFAULT,
                Optional.empty(), Optional.empty(), Optional.of(spec));
    }

    /**
     * The aggressor: its workload, and limits that always hold memory (with no swap unless set) and pids; a fork bomb
     * without an explicit pids limit is refused, since the pids limit is all that stops it.
     */
    private Isolation.Aggressor aggressor(String kind, Fields workload, Fields fields, Map<MemorySwap, Node> swapNodes)
            throws ScenarioException {
        Workload aggressor = switch (kind) {
            case "cpu-hog" -> new Workload.Cpu(workload.read("threads", THREADS, 1), 100, Duration.ofMillis(10));
            case "memory-hog" -> {
                Optional<Long> cap = workload.read("cap", CAP);
                yield new Workload.Memory(cap.orElse(0L), workload.read("rate", RATE, 100L << 20), HELD_UNTIL_REMOVED, "native", cap.isEmpty());
            }
            case "fork-bomb" -> new Workload.ForkBomb();
            case "command" -> new Workload.Command(workload.require("image", IMAGE), command(workload));
            default -> throw new IllegalStateException("aggressor kind " + kind + " passed AGGRESSOR_KIND but is not read"); // a bug
        };
        String limitsPath = fields.path("limits");
        String matrixPath = fields.path("matrix");
        Map<String, Node> fixed = limitEntries(fields.get("limits"), limitsPath, LIMITS_EXPECTED);
        Map<String, Node> varied = limitEntries(fields.get("matrix"), matrixPath, MATRIX_EXPECTED);
        Limits limits = limits(fixed, limitsPath, swapNodes);
        List<MatrixAxis> matrix = new ArrayList<>();
        for (Map.Entry<String, Node> entry : varied.entrySet()) {
            if (fixed.containsKey(entry.getKey())) {
                throw yaml.error(entry.getValue(), matrixPath + "." + entry.getKey() + " is also set in limits (expected each key in limits or matrix, not both)");
            }
            matrix.add(axis(matrixPath, entry.getKey(), entry.getValue(), swapNodes));
        }
        Node at = fields.get("limits").or(() -> fields.get("workload")).orElseThrow();
        if (!fixed.containsKey("memory") && !varied.containsKey("memory")) {
            throw yaml.error(at, limitsPath + " has no memory: an aggressor never runs without a memory limit (expected e.g. limits: {memory: 64m, pids-limit: 64})");
        }
        boolean pidsSet = fixed.containsKey("pids-limit") || varied.containsKey("pids-limit");
        if (kind.equals("fork-bomb") && !pidsSet) {
            throw yaml.error(at, limitsPath + " has no pids-limit: a fork-bomb is refused without one, since it is all that stops the bomb"
                    + " (expected e.g. limits: {memory: 64m, pids-limit: 64})");
        }
        Isolation.Aggressor result = new Isolation.Aggressor(kind, aggressor,
                fixed.containsKey("memory-swap") || varied.containsKey("memory-swap") ? limits : limits.withMemorySwap(MemorySwap.SAME), matrix);
        for (Limits configuration : result.configurations()) {
            if (Long.valueOf(-1).equals(configuration.pidsLimit())) {
                throw yaml.error(at, limitsPath + " pids-limit -1 leaves the aggressor unbounded (expected a pids-limit >= 1)");
            }
        }
        return result;
    }

    private Limits limits(Map<String, Node> entries, String path, Map<MemorySwap, Node> swapNodes) throws ScenarioException {
        Limits limits = Limits.NONE;
        for (Map.Entry<String, Node> entry : entries.entrySet()) {
            limits = withLimit(limits, entry.getKey(), entry.getValue(), path + "." + entry.getKey(), swapNodes);
        }
        return limits;
    }

    /** A cpuset as the engine takes it ({@code 0}, {@code 0-1}, {@code 0,2}), every CPU one of this host's. */
    private ValueType<String> cpuset() {
        int last = lastCpu;
        return new ValueType<>("expected CPUs of this host, from 0 to " + last + ", such as \"0\" or \"0-1\"", text -> {
            if (!text.matches("\\d{1,4}(-\\d{1,4})?(,\\d{1,4}(-\\d{1,4})?)*")) throw new IllegalArgumentException("is not a list of CPUs");
            for (String part : text.split("[,-]")) {
                if (Integer.parseInt(part) > last) {
                    throw new ValueType.Invalid("names CPU " + part + ", outside this host's CPUs 0 to " + last,
                            "expected CPUs from 0 to " + last + ", such as \"0\"");
                }
            }
            return text;
        });
    }

    /** The workload at {@code node}, an experiment's or a phase's; {@code path} prefixes its keys in messages. */
    private Workload workload(Node node, String path, boolean inPhase) throws ScenarioException {
        // Unknown keys first so a misspelled "kind" gets a suggestion rather than "missing kind".
        Fields fields = yaml.mapping(node, path, path, WORKLOAD_EXPECTED).allowOnly(ANY_WORKLOAD_KEYS, "workload");
        String kind = fields.require("kind", inPhase ? PHASE_KIND : KIND);
        // A load mapping is a service's driver (a cpu workload's load is its scalar duty cycle).
        if (!kind.equals("service") && fields.get("load").filter(load -> load instanceof MappingNode).isPresent()) {
            throw yaml.error(fields.get("load").get(), fields.path("load") + " drives a service, not a " + kind
                    + " workload (expected kind: service with an image and a port, or no load)");
        }
        fields.allowOnly(WORKLOAD_KEYS.get(kind), kind + " workload");
        if (inPhase && fields.get("hold").isPresent()) {
            throw yaml.error(fields.get("hold").get(), fields.path("hold")
                    + " cannot be set in a phase (expected the phase's duration alone to say how long its workload runs)");
        }
        return switch (kind) {
            case "cpu" -> new Workload.Cpu(fields.read("threads", THREADS, 1), fields.read("load", LOAD, 100),
                    fields.read("slice", POSITIVE_DURATION, Duration.ofMillis(10)));
            case "memory" -> {
                boolean leak = fields.read("leak", BOOLEAN, false);
                // A leak grows until killed, so it needs no target; 0 stands for "none".
                long target = leak ? fields.read("target", TARGET, 0L) : fields.require("target", TARGET);
                yield new Workload.Memory(target, fields.read("rate", RATE, 100L << 20),
                        fields.read("hold", DURATION, Duration.ofSeconds(5)), fields.read("mode", MODE, "native"), leak,
                        fields.read("reread", REREAD, null));
            }
            case "crash" -> crash(fields);
            case "pids" -> new Workload.Pids(fields.require("threads", PIDS_THREADS), fields.read("hold", DURATION, Duration.ZERO));
            case "command" -> new Workload.Command(fields.require("image", IMAGE), command(fields));
            case "phases" -> new Workload.Phases(phases(fields));
            case "service" -> new ServiceReader(yaml).service(fields, command(fields, false));
            case "jmh" -> new Workload.Jmh(fields.read("jar", jar).orElse(null), fields.read("include", INCLUDE, ".*"),
                    fields.read("warmup-iterations", WARMUP_ITERATIONS, 1), fields.read("iterations", ITERATIONS, 3),
                    fields.read("iteration-time", POSITIVE_DURATION, Duration.ofSeconds(1)), fields.read("threads", THREADS, 1));
            default -> throw new IllegalStateException("kind " + kind + " passed KIND but has no workload"); // a bug, not bad input
        };
    }

    private Workload.Crash crash(Fields fields) throws ScenarioException {
        int exitCode = fields.read("exit-code", EXIT_CODE, 1);
        Optional<Integer> succeedAfter = fields.read("succeed-after", SUCCEED_AFTER);
        Optional<Double> exitProbability = fields.read("exit-probability", FRACTION);
        if (succeedAfter.isPresent() && exitProbability.isPresent()) {
            throw yaml.error(fields.get("exit-probability").orElseThrow(), fields.path("exit-probability")
                    + " cannot be combined with succeed-after (expected one of succeed-after or exit-probability)");
        }
        if (exitCode == 0 && (succeedAfter.isPresent() || exitProbability.isPresent())) {
            String key = succeedAfter.isPresent() ? "succeed-after" : "exit-probability";
            throw yaml.error(fields.get(key).orElseThrow(), fields.path(key)
                    + " needs runs that fail, but exit-code is 0 (expected an exit-code from 1 to 255)");
        }
        return new Workload.Crash(fields.read("run-for", DURATION, Duration.ofSeconds(1)), exitCode,
                succeedAfter.orElse(null), exitProbability.orElse(null));
    }

    /** The experiment's {@code search:} block; a searched key may be neither fixed in limits nor varied by the matrix. */
    private Optional<Search> search(Optional<Node> node, Map<String, Node> fixed, Map<String, Node> varied) throws ScenarioException {
        if (node.isEmpty()) return Optional.empty();
        Fields fields = yaml.mapping(node.get(), "search", "search", SEARCH_EXPECTED).allowOnly(SEARCH_KEYS, "search");
        Optional<Search.Range> cpus = range(fields, Search.Resource.CPUS, hostCpus, CPUS.expecting("expected cores above 0, e.g. 0.05"));
        Optional<Search.Range> memory = range(fields, Search.Resource.MEMORY, MEMORY.map(Long::doubleValue),
                MEMORY_STEP.map(Long::doubleValue));
        if (cpus.isEmpty() && memory.isEmpty()) {
            throw yaml.error(node.get(), "search names no limit to find (expected cpus or memory, e.g. {cpus: {from: 0.1, to: 2.0, precision: 0.05}})");
        }
        for (Search.Range range : List.of(cpus, memory).stream().flatMap(Optional::stream).toList()) {
            String key = range.resource().key();
            Node at = fields.get(key).orElseThrow();
            if (varied.containsKey(key)) {
                throw yaml.error(at, "search." + key + " is also varied by matrix." + key + " (expected each key in search or matrix, not both)");
            }
            if (fixed.containsKey(key)) {
                throw yaml.error(at, "search." + key + " is also set in limits (expected each key in search or limits, not both)");
            }
        }
        Search.Mode mode = fields.read("mode", SEARCH_MODE).map(m -> m.equals("in-place") ? Search.Mode.IN_PLACE : Search.Mode.PER_TRIAL)
                .orElse(Search.Mode.PER_TRIAL);
        if (mode == Search.Mode.IN_PLACE && cpus.isEmpty()) {
            throw yaml.error(fields.get("mode").orElseThrow(), "search.mode in-place changes a running container's CPU limit only,"
                    + " and a memory search needs a container per trial (expected mode: per-trial, or a cpus range)");
        }
        return Optional.of(new Search(cpus, memory, fields.read("max-trials", REPEAT.expecting("expected a whole number >= 1, e.g. 12")),
                fields.read("max-time", POSITIVE_DURATION), mode));
    }

    /** One range of a search, {@code from < to} and {@code 0 < precision <= to - from}, in the limit's own unit. */
    private Optional<Search.Range> range(Fields search, Search.Resource resource, ValueType<Double> bound, ValueType<Double> step)
            throws ScenarioException {
        String key = resource.key();
        if (search.get(key).isEmpty()) return Optional.empty();
        String example = resource == Search.Resource.CPUS ? "{from: 0.1, to: 2.0, precision: 0.05}" : "{from: 32m, to: 2g, precision: 16m}";
        Fields fields = yaml.mapping(search.get(key).get(), search.path(key), "search." + key, "expected a mapping such as " + example)
                .allowOnly(RANGE_KEYS, "search." + key);
        double from = fields.require("from", bound);
        double to = fields.require("to", bound);
        if (from >= to) {
            throw yaml.error(fields.get("to").orElseThrow(), fields.path("to") + " " + spell(resource, to) + " is not above from "
                    + spell(resource, from) + " (expected from < to, e.g. " + example + ")");
        }
        double precision = fields.require("precision", step);
        if (precision > to - from) {
            throw yaml.error(fields.get("precision").orElseThrow(), fields.path("precision") + " " + spell(resource, precision)
                    + " is wider than the range " + spell(resource, from) + " to " + spell(resource, to)
                    + " (expected a precision above 0 and at most to - from)");
        }
        return Optional.of(new Search.Range(resource, from, to, precision));
    }

    private static String spell(Search.Resource resource, double value) {
        return resource == Search.Resource.CPUS ? BigDecimal.valueOf(value).stripTrailingZeros().toPlainString() : Sizes.format(Math.round(value));
    }

    /** The experiment's {@code hardening:} block: the defaults, each key given loosening (or restating) one of them. */
    private Hardening hardening(Optional<Node> node) throws ScenarioException {
        if (node.isEmpty()) return Hardening.DEFAULT;
        Fields fields = yaml.mapping(node.get(), "hardening", "hardening", HARDENING_EXPECTED).allowOnly(HARDENING_KEYS, "hardening");
        Hardening defaults = Hardening.DEFAULT;
        List<String> capAdd = fields.get("cap-add").isPresent() ? capabilities(fields, "cap-add") : List.of();
        return new Hardening(fields.read("cap-drop-all", BOOLEAN, defaults.capDropAll()),
                fields.read("no-new-privileges", BOOLEAN, defaults.noNewPrivileges()),
                fields.read("network", NETWORK, defaults.networkMode()),
                fields.read("read-only", BOOLEAN, defaults.readOnlyRootfs()),
                fields.read("user", TEXT, defaults.user()),
                defaults.defaultPidsLimit(), capAdd, List.of());
    }

    /** The experiment's {@code security:} block: a {@code limitlab harden} review repeated with every run. */
    private Optional<SecurityCheck> security(Optional<Node> node) throws ScenarioException {
        if (node.isEmpty()) return Optional.empty();
        Fields fields = yaml.mapping(node.get(), "security", "security", SECURITY_EXPECTED).allowOnly(SECURITY_KEYS, "security");
        SecurityCheck.Expected expect = SecurityCheck.Expected.NOTHING;
        if (fields.get("expect").isPresent()) {
            Fields expected = yaml.mapping(fields.get("expect").get(), "security.expect", "security.expect",
                    "expected a mapping such as {cap-add: [CHOWN], read-only: false}").allowOnly(EXPECT_KEYS, "security.expect");
            expect = new SecurityCheck.Expected(
                    expected.get("cap-add").isPresent() ? Optional.of(capabilities(expected, "cap-add")) : Optional.empty(),
                    optional(expected, "no-new-privileges", BOOLEAN), optional(expected, "read-only", BOOLEAN),
                    optional(expected, "non-root", BOOLEAN));
        }
        return Optional.of(new SecurityCheck(optional(fields, "image", IMAGE),
                fields.get("command").isPresent() ? command(fields) : List.of(), optional(fields, "check", TEXT),
                optional(fields, "user", TEXT), fields.read("non-root-user", TEXT, Hardening.NON_ROOT_USER),
                fields.read("timeout", POSITIVE_DURATION, SecurityCheck.DEFAULT_TIMEOUT), expect));
    }

    private <T> Optional<T> optional(Fields fields, String key, ValueType<T> type) throws ScenarioException {
        return fields.get(key).isPresent() ? Optional.of(yaml.read(fields.get(key).get(), fields.path(key), type)) : Optional.empty();
    }

    private List<String> capabilities(Fields fields, String key) throws ScenarioException {
        List<String> capabilities = new ArrayList<>();
        List<Node> items = yaml.list(fields.get(key).get(), fields.path(key), "expected a list of capabilities such as [CHOWN]");
        for (int i = 0; i < items.size(); i++) {
            capabilities.add(yaml.read(items.get(i), fields.path(key) + "[" + i + "]", CAPABILITY));
        }
        return capabilities;
    }

    private List<String> command(Fields fields) throws ScenarioException {
        return command(fields, true);
    }

    /** The {@code command} list; when not {@code required} and absent, empty (the image's own command). */
    private List<String> command(Fields fields, boolean required) throws ScenarioException {
        if (!required && fields.get("command").isEmpty()) return List.of();
        List<String> command = new ArrayList<>();
        List<Node> items = yaml.list(fields.require("command", COMMAND_EXPECTED), fields.path("command"), COMMAND_EXPECTED);
        for (int i = 0; i < items.size(); i++) {
            command.add(yaml.read(items.get(i), fields.path("command") + "[" + i + "]", TEXT));
        }
        return command;
    }

    private List<Workload.Phase> phases(Fields fields) throws ScenarioException {
        List<Workload.Phase> phases = new ArrayList<>();
        List<Node> items = yaml.list(fields.require("phases", PHASES_EXPECTED), fields.path("phases"), PHASES_EXPECTED);
        for (int i = 0; i < items.size(); i++) {
            String path = fields.path("phases") + "[" + i + "]";
            Fields phase = yaml.mapping(items.get(i), path, path, PHASE_EXPECTED).allowOnly(PHASE_KEYS, "phase");
            Duration duration = phase.require("duration", POSITIVE_DURATION);
            phases.add(new Workload.Phase(duration, workload(phase.require("workload", WORKLOAD_EXPECTED), phase.path("workload"), true)));
        }
        return phases;
    }

    /** Phases and benchmark iterations cut short by the end of the trial would measure nothing: refuse them up front. */
    private void checkWorkloadFits(Workload workload, Node at, Duration duration, String experiment) throws ScenarioException {
        String outOf = " of experiment " + YamlReader.quote(experiment);
        if (workload instanceof Workload.Service service && service.load().warmup().compareTo(duration) >= 0) {
            throw yaml.error(at, "workload.load.warmup " + Durations.format(service.load().warmup()) + " leaves nothing of the duration "
                    + Durations.format(duration) + outOf + " to measure (expected a warm-up shorter than the duration)");
        }
        if (workload instanceof Workload.Phases phases && phases.total().compareTo(duration) > 0) {
            throw yaml.error(at, "workload.phases last " + Durations.format(phases.total()) + " in all, longer than the duration "
                    + Durations.format(duration) + outOf + " (expected phases that fit in the duration, or a duration of at least "
                    + Durations.format(phases.total()) + ")");
        }
        if (workload instanceof Workload.Jmh jmh && jmh.minimumRunTime().compareTo(duration) >= 0) {
            throw yaml.error(at, "workload.iterations: " + jmh.warmupIterations() + " warm-up and " + jmh.iterations()
                    + " measured iterations of " + Durations.format(jmh.iterationTime()) + " take at least " + Durations.format(jmh.minimumRunTime())
                    + ", which leaves no time of the duration " + Durations.format(duration) + outOf
                    + " (expected fewer or shorter iterations, or a duration longer than " + Durations.format(jmh.minimumRunTime()) + ")");
        }
    }

    /** The entries of {@code limits} or {@code matrix}, which take the same keys; empty when absent. */
    private Map<String, Node> limitEntries(Optional<Node> node, String path, String expected) throws ScenarioException {
        if (node.isEmpty()) return Map.of();
        return yaml.mapping(node.get(), path, path, expected).allowOnly(LIMIT_KEYS, path).values();
    }

    private MatrixAxis axis(String matrixPath, String key, Node node, Map<MemorySwap, Node> swapNodes) throws ScenarioException {
        String path = matrixPath + "." + key;
        List<Limits> values = new ArrayList<>();
        for (Node item : yaml.list(node, path, AXIS_EXPECTED)) {
            Limits value = withLimit(Limits.NONE, key, item, path, swapNodes);
            if (values.contains(value)) throw yaml.error(item, path + " lists the same value twice (expected distinct values)");
            values.add(value);
        }
        return new MatrixAxis(key, values);
    }

    /** {@code base} with the limit {@code key} set from {@code node}. */
    private Limits withLimit(Limits base, String key, Node node, String path, Map<MemorySwap, Node> swapNodes) throws ScenarioException {
        return switch (key) {
            case "cpus" -> base.withCpus(yaml.read(node, path, hostCpus));
            case "memory" -> base.withMemory(yaml.read(node, path, MEMORY));
            case "memory-swap" -> {
                MemorySwap swap = yaml.read(node, path, MEMORY_SWAP);
                swapNodes.put(swap, node);
                yield base.withMemorySwap(swap);
            }
            case "pids-limit" -> base.withPidsLimit(yaml.read(node, path, PIDS_LIMIT));
            case "restart" -> base.withRestart(yaml.read(node, path, RESTART));
            default -> throw new IllegalStateException("limit key " + key + " passed LIMIT_KEYS but is not read"); // a bug
        };
    }

    /** What the engine would refuse at container creation, checked for every configuration the matrix expands to. */
    private void checkMemorySwap(Experiment experiment, Map<MemorySwap, Node> swapNodes, String swapPath) throws ScenarioException {
        for (Limits configuration : experiment.configurations()) {
            MemorySwap swap = configuration.memorySwap();
            if (swap == null || swap.kind() == MemorySwap.Kind.UNLIMITED) continue;
            Node at = swapNodes.get(swap);
            if (configuration.memory() == null) {
                throw yaml.error(at, swapPath + " " + swap + " needs a memory limit (expected memory in limits or matrix as well, e.g. memory: 256m)");
            }
            if (swap.kind() == MemorySwap.Kind.BYTES && swap.bytes() < configuration.memory()) {
                throw yaml.error(at, swapPath + " " + Sizes.format(swap.bytes()) + " is less than memory " + Sizes.format(configuration.memory())
                        + " (expected memory-swap >= memory, or same for no swap)");
            }
        }
    }

    // --- scalar parsers: each throws IllegalArgumentException with the reason, which YamlReader#read locates ---

    static ValueType<Integer> wholeNumber(int min, int max, String example) {
        String range = max == Integer.MAX_VALUE ? ">= " + min : "from " + min + " to " + max;
        return new ValueType<>("expected a whole number " + range + ", e.g. " + example, text -> {
            long value = parseWhole(text);
            if (value < min || value > max) throw new IllegalArgumentException("is out of range");
            return (int) value;
        });
    }

    private static long parseWhole(String text) {
        if (!WHOLE.matcher(text).matches()) throw new IllegalArgumentException("is not a whole number");
        if (text.length() > 40 || new BigInteger(text).bitLength() > 63) throw new IllegalArgumentException("is out of range");
        return Long.parseLong(text);
    }

    private static BigDecimal parseDecimal(String text) {
        if (text.length() > 32 || !DECIMAL.matcher(text).matches()) throw new IllegalArgumentException("is not a number");
        return new BigDecimal(text);
    }

    private static ValueType<String> oneOf(String what, List<String> options) {
        return new ValueType<>("expected one of: " + String.join(", ", options), text -> {
            if (!options.contains(text)) throw new ValueType.Invalid("is not a known " + what, Suggestions.hint(text, options, "expected one of"));
            return text;
        });
    }

    /** {@code phaseKinds}, telling a kind that exists but cannot run in a phase from a misspelled one. */
    private static ValueType<String> phaseKind(ValueType<String> phaseKinds) {
        return new ValueType<>(phaseKinds.expected(), text -> {
            if (KINDS.contains(text) && !PHASE_KINDS.contains(text)) throw new IllegalArgumentException("cannot run in a phase");
            return phaseKinds.parser().apply(text);
        });
    }

    private static double parseCpus(String text) {
        BigDecimal cores = parseDecimal(text);
        if (cores.signum() <= 0) throw new IllegalArgumentException("must be more than 0");
        // The engine counts whole billionths of a core in a 64-bit NanoCpus.
        BigDecimal nanoCpus = cores.movePointRight(9);
        if (nanoCpus.stripTrailingZeros().scale() > 0) throw new IllegalArgumentException("is finer than a billionth of a core");
        if (nanoCpus.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) throw new IllegalArgumentException("is too large");
        return cores.doubleValue();
    }

    /** {@code 0.15} or {@code 15%}, within [0, 1]. */
    private static double parseFraction(String text) {
        boolean percent = text.endsWith("%");
        BigDecimal value = parseDecimal(percent ? text.substring(0, text.length() - 1) : text);
        if (percent) value = value.movePointLeft(2);
        if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) throw new IllegalArgumentException("is out of range");
        return value.doubleValue();
    }

    private static long parseRate(String text) {
        if (!text.endsWith("/s")) throw new IllegalArgumentException("is not a rate per second");
        long bytesPerSecond = Sizes.parse(text.substring(0, text.length() - 2));
        if (bytesPerSecond <= 0) throw new IllegalArgumentException("must be more than 0");
        return bytesPerSecond;
    }

    private static MemorySwap parseMemorySwap(String text) {
        return switch (text) {
            case "same" -> MemorySwap.SAME;
            case "-1" -> MemorySwap.UNLIMITED;
            default -> MemorySwap.ofBytes(Sizes.parse(text));
        };
    }

    /** As the engine accepts it: a retry count only after on-failure, and never negative. */
    private static RestartPolicy parseRestart(String text) {
        int colon = text.indexOf(':');
        String name = colon < 0 ? text : text.substring(0, colon);
        if (!RESTART_NAMES.contains(name)) {
            throw new ValueType.Invalid("is not a restart policy", Suggestions.hint(name, RESTART_NAMES, "expected one of"));
        }
        if (colon < 0) return new RestartPolicy(name, 0);
        if (!name.equals("on-failure")) throw new IllegalArgumentException("takes no retry count");
        String count = text.substring(colon + 1);
        if (!count.matches("\\d{1,9}")) throw new IllegalArgumentException("needs a retry count that is a whole number >= 0");
        return new RestartPolicy(name, Integer.parseInt(count));
    }

    /** The regex as given, once it compiles; the compiler's own message spans lines, so only its gist is kept. */
    private static String parseRegex(String text) {
        if (text.length() > MAX_REGEX_LENGTH) throw new IllegalArgumentException("is too long");
        try {
            Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("is not a regular expression: " + e.getDescription().replaceAll("\\s+", " "));
        } catch (StackOverflowError e) { // deeply nested groups
            throw new IllegalArgumentException("is nested too deeply");
        }
        return text;
    }

    /** The absolute path of an existing file, {@code text} being relative to {@code baseDirectory} unless absolute. */
    private static String resolveJar(Path baseDirectory, String text) {
        Path path;
        try {
            path = baseDirectory.resolve(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("is not a valid path");
        }
        String resolved = path.toString().replaceAll("\\p{Cntrl}", "?"); // one line, whatever the name holds
        if (text.isBlank() || !Files.exists(path)) throw new IllegalArgumentException("does not exist: there is no " + resolved);
        if (!Files.isRegularFile(path)) throw new IllegalArgumentException("is not a file: " + resolved + " is a directory or a device");
        return path.toString();
    }
}
