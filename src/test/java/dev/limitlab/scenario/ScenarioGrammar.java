package dev.limitlab.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Random scenario files from a small grammar over the language's keys and values. With {@code junk} 0 every file is
 * valid (for a host of at least {@link #HOST_CPUS} CPUs, loaded from this module's directory, where {@code pom.xml}
 * stands in for a benchmarks jar); above 0, that share of keys and values is replaced by a misspelling, a key of
 * another place, junk or a missing entry, and some mappings gain a stray key.
 */
final class ScenarioGrammar {
    static final int HOST_CPUS = 64;

    private static final String[] NAMES = {"quick", "a.b_c-1", "sweep", "x", "0day"};
    private static final String[] DURATIONS = {"5s", "10s", "30s", "1m", "90s", "2m"}; // all > every warmup below, < every timeout
    private static final String[] WARMUPS = {"0", "500ms", "1s", "2s"};
    private static final String[] TIMEOUTS = {"5m", "10m"};
    private static final Map<String, String[]> LIMIT_VALUES = Map.of(
            "cpus", new String[] {"0.25", "0.5", "1", "1.5", "2", "\"0.75\""},
            "memory", new String[] {"64m", "128m", "256m", "512m", "1g", "100000000"},
            "memory-swap", new String[] {"same", "-1", "2g", "4g"},
            "pids-limit", new String[] {"64", "100", "1024", "-1"},
            "restart", new String[] {"no", "always", "unless-stopped", "on-failure", "\"on-failure:3\""});
    private static final Map<String, String[]> RECOMMEND_VALUES = new TreeMap<>(Map.of( // sorted: Map.of's order changes per JVM
            "cpu-headroom", new String[] {"0.15", "\"20%\"", "0", "1"},
            "memory-headroom", new String[] {"0.15", "\"20%\"", "0", "1"},
            "throughput-target", new String[] {"0.9", "1", "\"95%\""},
            "throttled-target", new String[] {"0", "0.1", "\"5%\""},
            "demand-percentile", new String[] {"0.5", "0.95", "1"},
            "default-restarts", new String[] {"1", "5"},
            "cpu-step", new String[] {"0.05", "0.25", "1"},
            "memory-step", new String[] {"16m", "64m", "1048576"}));
    private static final String[] IMAGES = {"busybox", "\"busybox:1.36\"", "\"registry.local:5000/team/app:1.2\"",
            "\"alpine@sha256:" + "0123456789abcdef".repeat(4) + "\""};
    private static final String[] COMMAND_WORDS = {"sh", "-c", "\"sleep 5\"", "echo", "7", "\"\""};
    private static final String[] JUNK = {"", "~", "[]", "{}", "-1", "0", "abc", "1e9", "\"\"", "12XB", "99999999999999999999",
            "\"on-failure:x\"", "privileged", "-", "0.0000000001", "1.5", "100%", "\"150%\"", "true", "null", "*undefined",
            "&anchor x", "!!binary x", "[0.5, 1.0]", "{kind: cpu}", "\"\\t\"", "1m30s", "-5s", "\"(\"", "\"a b\"", "999999h",
            "Busybox", "\"../nowhere.jar\"", "cpu", "crash", "phases", "[{duration: 1s, workload: {kind: crash}}]"};
    private static final List<String> EVERY_KEY = everyKey();

    private final Random random;
    private final double junk;

    ScenarioGrammar(Random random, double junk) {
        this.random = random;
        this.junk = junk;
    }

    /** One scenario file's text. */
    String scenario() {
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("name", pick(NAMES));
        if (chance(0.4)) top.put("description", pick("\"A scenario.\"", "plain words here", "\"\""));
        if (chance(0.5)) top.put("defaults", defaults());
        if (chance(0.4)) top.put("recommend", someOf(RECOMMEND_VALUES));
        List<Object> experiments = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) experiments.add(experiment(i));
        top.put("experiments", experiments);
        StringBuilder out = new StringBuilder();
        block(out, top, 0);
        return out.toString();
    }

    private Map<String, Object> defaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        if (chance(0.6)) defaults.put("duration", pick(DURATIONS));
        if (chance(0.4)) defaults.put("warmup", pick(WARMUPS));
        if (chance(0.4)) defaults.put("repeat", pick("1", "2", "3"));
        if (chance(0.3)) defaults.put("timeout", pick(TIMEOUTS));
        return defaults;
    }

    private Map<String, Object> experiment(int index) {
        Map<String, Object> experiment = new LinkedHashMap<>();
        experiment.put("name", "e" + index);
        String kind = pick(ScenarioLoader.KINDS.toArray(String[]::new));
        experiment.put("workload", workload(kind, false));
        limitsAndMatrix(experiment);
        // Phases last at most 3 x 2s, so give them a duration of their own; every other workload fits in 5s.
        if (kind.equals("phases")) experiment.put("duration", pick("30s", "1m"));
        else if (chance(0.4)) experiment.put("duration", pick(DURATIONS));
        if (chance(0.3)) experiment.put("warmup", pick(WARMUPS));
        if (chance(0.3)) experiment.put("repeat", pick("1", "2"));
        if (chance(0.2)) experiment.put("timeout", pick(TIMEOUTS));
        return experiment;
    }

    private Map<String, Object> workload(String kind, boolean inPhase) {
        Map<String, Object> workload = new LinkedHashMap<>();
        workload.put("kind", kind);
        switch (kind) {
            case "cpu" -> {
                if (chance(0.5)) workload.put("threads", pick("1", "2", "4"));
                if (chance(0.5)) workload.put("load", pick("10", "60", "100", "\"50%\""));
                if (chance(0.3)) workload.put("slice", pick("5ms", "10ms", "100ms"));
            }
            case "memory" -> {
                boolean leak = chance(0.2);
                if (leak) workload.put("leak", "true");
                else if (chance(0.2)) workload.put("leak", "false");
                if (!leak || chance(0.5)) workload.put("target", pick("32m", "200m", "1g", "300000000"));
                if (chance(0.5)) workload.put("rate", pick("10m/s", "100m/s", "1g/s"));
                if (chance(0.4) && !inPhase) workload.put("hold", pick("0", "1s", "5s"));
                if (chance(0.4)) workload.put("mode", pick("native", "heap"));
            }
            case "crash" -> {
                if (chance(0.5)) workload.put("run-for", pick("0", "200ms", "1s"));
                workload.put("exit-code", pick("1", "3", "137"));
                if (chance(0.3)) workload.put("succeed-after", pick("1", "2", "5"));
                else if (chance(0.3)) workload.put("exit-probability", pick("0", "0.5", "\"25%\"", "1"));
            }
            case "pids" -> {
                workload.put("threads", pick("1", "50", "500"));
                if (chance(0.4) && !inPhase) workload.put("hold", pick("0", "2s"));
            }
            case "command" -> {
                workload.put("image", pick(IMAGES));
                List<Object> command = new ArrayList<>();
                for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) command.add(pick(COMMAND_WORDS));
                workload.put("command", command);
            }
            case "phases" -> {
                List<Object> phases = new ArrayList<>();
                for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                    Map<String, Object> phase = new LinkedHashMap<>();
                    phase.put("duration", pick("500ms", "1s", "2s"));
                    phase.put("workload", workload(pick(ScenarioLoader.PHASE_KINDS.toArray(String[]::new)), true));
                    phases.add(phase);
                }
                workload.put("phases", phases);
            }
            case "jmh" -> { // at most (1 + 3) x 1s = 4s, within the shortest duration
                if (chance(0.3)) workload.put("jar", "pom.xml");
                if (chance(0.3)) workload.put("include", pick("\".*\"", "\".*Parse.*\""));
                if (chance(0.3)) workload.put("warmup-iterations", pick("0", "1"));
                if (chance(0.3)) workload.put("iterations", pick("1", "2", "3"));
                if (chance(0.3)) workload.put("iteration-time", pick("200ms", "1s"));
                if (chance(0.3)) workload.put("threads", pick("1", "2"));
            }
            case "service" -> {
                boolean builtIn = chance(0.4);
                if (!builtIn) {
                    workload.put("image", pick(IMAGES));
                    workload.put("port", pick("80", "8080", "65535"));
                    if (chance(0.3)) workload.put("command", new ArrayList<>(List.of(pick(COMMAND_WORDS))));
                    Map<String, Object> ready = new LinkedHashMap<>();
                    switch (random.nextInt(3)) {
                        case 0 -> ready.put("http", "/healthz");
                        case 1 -> ready.put("tcp", "true");
                        default -> ready.put("log", "\"Started .* in\"");
                    }
                    if (chance(0.3)) ready.put("timeout", pick("30s", "2m"));
                    workload.put("ready", ready);
                } else {
                    if (chance(0.5)) workload.put("work", pick("0", "0.5ms", "2ms"));
                    if (chance(0.3)) workload.put("hold", pick("0", "64k", "1m"));
                    if (chance(0.3)) workload.put("threads", pick("1", "8"));
                }
                if (chance(0.3)) workload.put("tmpfs", new ArrayList<>(List.of("/tmp")));
                if (chance(0.3)) workload.put("env", new LinkedHashMap<>(Map.of("JAVA_TOOL_OPTIONS", "\"-XX:+UseSerialGC\"")));
                Map<String, Object> load = new LinkedHashMap<>();
                if (chance(0.7)) load.put("rate", pick("200/s", "10", "5000/s"));
                if (!load.containsKey("rate") || chance(0.3)) load.put("connections", pick("1", "16"));
                Map<String, Object> request = new LinkedHashMap<>();
                request.put("path", pick("/", "/api/items"));
                if (chance(0.3)) request.put("method", pick("GET", "POST"));
                load.put("requests", new ArrayList<>(List.of(request)));
                if (chance(0.3)) load.put("warmup", pick("0", "500ms"));
                if (chance(0.3)) load.put("timeout", pick("1s", "2s"));
                workload.put("load", load);
            }
            default -> throw new IllegalStateException("no grammar for kind " + kind);
        }
        return workload;
    }

    /** Each limit key fixed, varied or absent; memory-swap brings memory along, as the loader requires. */
    private void limitsAndMatrix(Map<String, Object> experiment) {
        Map<String, Object> limits = new LinkedHashMap<>();
        Map<String, Object> matrix = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(ScenarioLoader.LIMIT_KEYS);
        Collections.shuffle(keys, random);
        for (String key : keys) {
            double roll = random.nextDouble();
            if (roll < 0.3) limits.put(key, pick(LIMIT_VALUES.get(key)));
            else if (roll < 0.55) matrix.put(key, distinct(LIMIT_VALUES.get(key)));
        }
        if ((limits.containsKey("memory-swap") || matrix.containsKey("memory-swap")) && !limits.containsKey("memory") && !matrix.containsKey("memory")) {
            limits.put("memory", pick(LIMIT_VALUES.get("memory")));
        }
        if (!limits.isEmpty()) experiment.put("limits", limits);
        if (!matrix.isEmpty()) experiment.put("matrix", matrix);
    }

    private Map<String, Object> someOf(Map<String, String[]> values) {
        Map<String, Object> chosen = new LinkedHashMap<>();
        values.forEach((key, options) -> {
            if (chance(0.4)) chosen.put(key, pick(options));
        });
        return chosen;
    }

    /** 1 to 3 distinct values; the candidate lists hold no two spellings of one value. */
    private List<Object> distinct(String[] options) {
        List<Object> shuffled = new ArrayList<>(List.of(options));
        Collections.shuffle(shuffled, random);
        return new ArrayList<>(shuffled.subList(0, 1 + random.nextInt(Math.min(3, options.length))));
    }

    // --- rendering, where junk goes in ---

    private void block(StringBuilder out, Map<String, Object> map, int indent) {
        String pad = " ".repeat(indent);
        for (Map.Entry<String, Object> entry : damaged(map).entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (value instanceof String scalar) {
                out.append(pad).append(key).append(": ").append(scalar(scalar)).append('\n');
            } else if (chance(0.5) || (value instanceof Map<?, ?> nested && nested.isEmpty())) { // an empty block would read as null
                out.append(pad).append(key).append(": ").append(flow(value)).append('\n');
            } else if (value instanceof Map<?, ?> nested) {
                out.append(pad).append(key).append(":\n");
                block(out, cast(nested), indent + 2);
            } else {
                out.append(pad).append(key).append(":\n");
                for (Object item : (List<?>) value) {
                    if (item instanceof Map<?, ?> nested && chance(0.7)) {
                        StringBuilder itemText = new StringBuilder();
                        block(itemText, cast(nested), indent + 4);
                        // The first key moves up beside the dash: "  - name: x".
                        out.append(pad).append("  - ").append(itemText.length() > indent + 4 ? itemText.substring(indent + 4) : "{}\n");
                    } else {
                        out.append(pad).append("  - ").append(item instanceof String s ? scalar(s) : flow(item)).append('\n');
                    }
                }
            }
        }
    }

    private String flow(Object value) {
        if (value instanceof String scalar) return scalar(scalar);
        List<String> parts = new ArrayList<>();
        if (value instanceof Map<?, ?> map) {
            damaged(cast(map)).forEach((key, item) -> parts.add(key + ": " + flow(item)));
            return "{" + String.join(", ", parts) + "}";
        }
        for (Object item : (List<?>) value) parts.add(flow(item));
        return "[" + String.join(", ", parts) + "]";
    }

    /** The entries as they will be written: keys misspelled or swapped, entries dropped, a stray key added. */
    private Map<String, Object> damaged(Map<String, Object> map) {
        if (junk == 0) return map;
        Map<String, Object> damaged = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            if (chance(junk / 4)) continue;
            damaged.put(chance(junk / 3) ? misspelled(entry.getKey()) : entry.getKey(), entry.getValue());
        }
        if (chance(junk / 4)) damaged.put(chance(0.3) ? "privileged" : pick(EVERY_KEY.toArray(String[]::new)), pick(JUNK));
        return damaged;
    }

    private String scalar(String token) {
        return junk > 0 && chance(junk) ? pick(JUNK) : token;
    }

    private String misspelled(String key) {
        if (key.length() < 2 || chance(0.3)) return pick(EVERY_KEY.toArray(String[]::new));
        int at = random.nextInt(key.length() - 1);
        return chance(0.5)
                ? key.substring(0, at) + key.charAt(at + 1) + key.charAt(at) + key.substring(at + 2)
                : key.substring(0, at) + key.substring(at + 1);
    }

    private boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static List<String> everyKey() {
        List<String> keys = new ArrayList<>();
        for (List<String> group : List.of(ScenarioLoader.SCENARIO_KEYS, ScenarioLoader.DEFAULTS_KEYS, ScenarioLoader.RECOMMEND_KEYS,
                ScenarioLoader.EXPERIMENT_KEYS, ScenarioLoader.LIMIT_KEYS, ScenarioLoader.PHASE_KEYS)) {
            keys.addAll(group);
        }
        ScenarioLoader.WORKLOAD_KEYS.values().forEach(keys::addAll);
        return keys.stream().distinct().sorted().toList();
    }
}
