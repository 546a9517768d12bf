package dev.limitlab.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The agent's {@code sample} mode, run by a Swarm global service on every node: reads the cgroup files of the node's
 * containers every interval and prints each container's raw file texts as one JSON line, so that limitlab, reading
 * this service's logs through the engine's API, parses the counters with the same code as its local sampler.
 *
 * <pre>
 * Agent sample --root DIR --v1-files F1,F2,... --v2-files F1,F2,... [--interval-ms MS] [--duration-ms MS]
 * </pre>
 * The node's cgroup version decides the files: v2 when {@code DIR/cgroup.controllers} exists, scanned from {@code DIR};
 * else v1, scanned from {@code DIR/cpu}. A container's cgroup is a directory there (at most 3 levels down) whose name holds a 64-hex
 * container id ({@code <id>}, {@code docker-<id>.scope}); each file {@code CTRL/NAME} is read at
 * {@code DIR/CTRL/<that directory's path under SUBDIR>/NAME}, a file without {@code CTRL/} at {@code DIR/<path>/NAME}
 * (v2). Line: {@code {"type":"cgroup","c":"<id>","t":<epoch ms>,"f":{"<file>":"<text>",...}}}; files that cannot
 * be read are left out. Containers whose cgroups were there when the sampler started (itself among them) are left out:
 * the trials it measures start after its first line, {@code {"type":"ready",...}}. Runs until {@code --duration-ms} passes (default: until stopped).
 */
final class CgroupSampleMode {
    private static final Pattern CONTAINER_ID = Pattern.compile("(?:^|[-_.])([0-9a-f]{64})(?:\\.scope)?$");
    private static final int MAX_DEPTH = 3;

    /** The environment variable naming the sampler's node (a Swarm template fills it in), added to every line as "n". */
    static final String NODE_VARIABLE = "LIMITLAB_NODE";

    record Settings(Path root, String scan, List<String> files, long intervalMs, long durationMs, String node) {
    }

    private CgroupSampleMode() {
    }

    static Settings parse(String[] args) {
        Map<String, String> options = new TreeMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new UsageException("sample: expected --option value pairs, got '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        for (String required : List.of("root", "v1-files", "v2-files")) {
            if (!options.containsKey(required)) {
                throw new UsageException("sample: --" + required + " is required");
            }
        }
        try {
            Path root = Path.of(options.get("root"));
            boolean v2 = Files.exists(root.resolve("cgroup.controllers"));
            return new Settings(root, v2 ? "" : "cpu", List.of(options.get(v2 ? "v2-files" : "v1-files").split(",")),
                    Long.parseLong(options.getOrDefault("interval-ms", "100")),
                    Long.parseLong(options.getOrDefault("duration-ms", "-1")), System.getenv(NODE_VARIABLE));
        } catch (NumberFormatException notANumber) {
            throw new UsageException("sample: --interval-ms and --duration-ms take milliseconds: " + notANumber.getMessage());
        }
    }

    /** Samples until the duration passes; returns the exit code. */
    static int run(Settings settings, AgentEnv env) {
        long start = env.wallClock().millis();
        long next = System.nanoTime();
        java.util.Set<String> before = new java.util.HashSet<>(containerDirectories(settings).keySet());
        // Only now are containers new to it: limitlab starts a trial after this line.
        env.out().println(new JsonLine().put("type", "ready").put("t", start).put("skipped", before.size()));
        env.out().flush();
        while (settings.durationMs() < 0 || env.wallClock().millis() - start < settings.durationMs()) {
            for (String line : sampleOnce(settings, env.wallClock().millis(), before)) {
                env.out().println(line);
            }
            env.out().flush();
            next += settings.intervalMs() * 1_000_000;
            LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
        }
        return 0;
    }

    /** One line per container cgroup found now, but those in {@code skipped}. */
    static List<String> sampleOnce(Settings settings, long nowMs, java.util.Set<String> skipped) {
        List<String> lines = new ArrayList<>();
        containerDirectories(settings).forEach((id, relative) -> {
            if (!skipped.contains(id)) {
                lines.add(line(settings, relative, id, nowMs));
            }
        });
        return lines;
    }

    /** Container id to its cgroup directory, relative to where the scan starts. */
    static Map<String, Path> containerDirectories(Settings settings) {
        Map<String, Path> found = new TreeMap<>();
        Path scanRoot;
        try {
            scanRoot = settings.root().resolve(settings.scan()).toRealPath(); // v1's cpu is a link to cpu,cpuacct
        } catch (IOException noCgroups) {
            return found;
        }
        try (Stream<Path> directories = Files.walk(scanRoot, MAX_DEPTH)) {
            directories.filter(Files::isDirectory).forEach(directory -> {
                Matcher id = CONTAINER_ID.matcher(directory.getFileName().toString());
                if (id.find()) {
                    found.put(id.group(1), scanRoot.relativize(directory));
                }
            });
        } catch (IOException | java.io.UncheckedIOException vanished) {
            // a cgroup removed during the walk: the next tick sees the rest
        }
        return found;
    }

    private static String line(Settings settings, Path relative, String containerId, long nowMs) {
        JsonLine texts = new JsonLine();
        for (String file : settings.files()) {
            int slash = file.indexOf('/');
            Path path = slash < 0 ? settings.root().resolve(relative).resolve(file)
                    : settings.root().resolve(file.substring(0, slash)).resolve(relative).resolve(file.substring(slash + 1));
            try {
                texts.put(file, Files.readString(path));
            } catch (IOException missing) {
                // e.g. memory.peak on an older kernel: the reader treats it as absent
            }
        }
        JsonLine line = new JsonLine().put("type", "cgroup").put("c", containerId).put("t", nowMs);
        if (settings.node() != null) {
            line.put("n", settings.node());
        }
        return line.put("f", texts).toString();
    }
}
