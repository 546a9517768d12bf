package dev.limitlab.engine;

import dev.limitlab.metrics.StatsSample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container's cgroup files on this host, v1 (one directory per controller) or v2 (one unified
 * directory), found from {@code /proc/<pid>/cgroup} of its process, and read into a {@link StatsSample}.
 */
public final class CgroupFiles {
    public enum Version { V1, V2 }

    private final Version version;
    private final Map<String, Path> directories; // v1: controller -> directory; v2: "" -> directory

    CgroupFiles(Version version, Map<String, Path> directories) {
        this.version = version;
        this.directories = Map.copyOf(directories);
    }

    public Version version() {
        return version;
    }

    /**
     * Locates a container's cgroups under {@code root} (normally /sys/fs/cgroup) from its main process;
     * empty when the process is gone or is not that container's (e.g. the engine runs in another PID
     * namespace or on another host), so that limitlab never reads another process's counters.
     */
    public static Optional<CgroupFiles> ofProcess(Path root, Path procCgroup, String containerId) {
        List<String> lines;
        try {
            lines = Files.readAllLines(procCgroup);
        } catch (IOException gone) {
            return Optional.empty();
        }
        if (lines.stream().noneMatch(line -> line.contains(containerId))) {
            return Optional.empty();
        }
        boolean unified = Files.exists(root.resolve("cgroup.controllers"));
        Map<String, Path> directories = new HashMap<>();
        for (String line : lines) {
            String[] parts = line.split(":", 3); // hierarchy-id:controllers:path
            if (parts.length != 3) {
                continue;
            }
            String relative = parts[2].startsWith("/") ? parts[2].substring(1) : parts[2];
            if (unified && parts[0].equals("0")) {
                directories.put("", root.resolve(relative));
            } else if (!unified) {
                for (String controller : parts[1].split(",")) {
                    if (List.of("cpu", "cpuacct", "memory", "pids").contains(controller)) {
                        directories.put(controller, root.resolve(controller).resolve(relative));
                    }
                }
            }
        }
        if (unified) {
            return directories.containsKey("") ? Optional.of(new CgroupFiles(Version.V2, directories)) : Optional.empty();
        }
        return directories.keySet().containsAll(List.of("cpu", "cpuacct", "memory"))
                ? Optional.of(new CgroupFiles(Version.V1, directories)) : Optional.empty();
    }

    /** Reads every counter now; empty when the cgroup is gone (the container stopped or is restarting). */
    public Optional<StatsSample> read(Instant now) {
        try {
            return Optional.of(version == Version.V1 ? readV1(now) : readV2(now));
        } catch (NoSuchFileException | IllegalStateException gone) {
            return Optional.empty();
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * Task starts the kernel refused at the pids limit: the {@code max} count of {@code pids.events} (v1 and v2); empty
     * when the file cannot be read (no pids controller, or the cgroup is gone).
     */
    public Optional<Long> pidsRefused() {
        try {
            return Optional.ofNullable(keyValues(read(version == Version.V1 ? "pids" : "", "pids.events")).get("max"));
        } catch (IOException | IllegalStateException unreadable) {
            return Optional.empty();
        }
    }

    private StatsSample readV1(Instant now) throws IOException {
        Map<String, Long> cpuStat = keyValues(read("cpu", "cpu.stat"));
        Map<String, Long> memoryStat = keyValues(read("memory", "memory.stat"));
        Map<String, Long> oomControl = keyValues(read("memory", "memory.oom_control"));
        long usage = number(read("memory", "memory.usage_in_bytes"));
        // With --memory-swap equal to --memory, a charge fails on memory+swap first, so memory.failcnt stays 0; seen
        // here on 6.18, memsw.failcnt stayed 0 too, at the limit and through an OOM kill: MemoryPressure reads usage.
        Long limit = lower(optionalNumber("memory", "memory.limit_in_bytes"),
                optionalNumber("memory", "memory.memsw.limit_in_bytes")); // memsw: absent without swap accounting
        Long memswFailcnt = optionalNumber("memory", "memory.memsw.failcnt");
        StatsSample.Reclaim reclaim = new StatsSample.Reclaim(memoryStat.get("total_pgmajfault"), null,
                refaults(memoryStat, "total_"), limit);
        return new StatsSample(now,
                number(read("cpuacct", "cpuacct.usage")),
                cpuStat.getOrDefault("nr_periods", 0L),
                cpuStat.getOrDefault("nr_throttled", 0L),
                cpuStat.getOrDefault("throttled_time", 0L),
                usage,
                number(read("memory", "memory.max_usage_in_bytes")),
                Math.max(0, usage - memoryStat.getOrDefault("total_inactive_file", 0L)),
                optionalNumber("pids", "pids.current"),
                number(read("memory", "memory.failcnt")) + (memswFailcnt == null ? 0 : memswFailcnt),
                oomControl.get("oom_kill")) // absent before kernel 4.13
                .withReclaim(reclaim);
    }

    private StatsSample readV2(Instant now) throws IOException {
        Map<String, Long> cpuStat = keyValues(read("", "cpu.stat"));
        Map<String, Long> memoryStat = keyValues(read("", "memory.stat"));
        Map<String, Long> memoryEvents = keyValues(read("", "memory.events"));
        long usage = number(read("", "memory.current"));
        return new StatsSample(now,
                cpuStat.getOrDefault("usage_usec", 0L) * 1000,
                cpuStat.getOrDefault("nr_periods", 0L),
                cpuStat.getOrDefault("nr_throttled", 0L),
                cpuStat.getOrDefault("throttled_usec", 0L) * 1000,
                usage,
                optionalNumber("", "memory.peak"), // kernel >= 5.19
                Math.max(0, usage - memoryStat.getOrDefault("inactive_file", 0L)),
                optionalNumber("", "pids.current"),
                memoryEvents.get("max"),
                memoryEvents.get("oom_kill"),
                optionalNumber("", "pids.peak"), // absent on older kernels
                pressure())
                .withReclaim(new StatsSample.Reclaim(memoryStat.get("pgmajfault"), memoryEvents.get("high"),
                        refaults(memoryStat, ""), lower(optionalNumber("", "memory.max"), optionalNumber("", "memory.high"))));
    }

    private static Long lower(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.min(a, b));
    }

    /** File and anonymous pages refaulted; null when the kernel (before 5.9) counts neither. */
    private static Long refaults(Map<String, Long> memoryStat, String prefix) {
        Long file = memoryStat.get(prefix + "workingset_refault_file");
        Long anon = memoryStat.get(prefix + "workingset_refault_anon");
        return file == null && anon == null ? null : (file == null ? 0 : file) + (anon == null ? 0 : anon);
    }

    /**
     * The container's threads now (v1 {@code tasks} of its cpu cgroup, v2 {@code cgroup.threads}), as this host's
     * PID namespace numbers them; empty when the cgroup is gone.
     */
    public List<Long> threads() {
        try {
            String text = version == Version.V1 ? read("cpu", "tasks") : read("", "cgroup.threads");
            return text.lines().map(String::strip).filter(line -> !line.isEmpty()).map(Long::parseLong).toList();
        } catch (IOException | NumberFormatException gone) {
            return List.of();
        }
    }

    /** The PSI totals; null when the kernel has no PSI (CONFIG_PSI off, or psi=0 on its command line). */
    private StatsSample.Pressure pressure() {
        try {
            Map<String, Long> cpu = pressureTotals(read("", "cpu.pressure"));
            Map<String, Long> memory = pressureTotals(read("", "memory.pressure"));
            return new StatsSample.Pressure(cpu.getOrDefault("some", 0L), cpu.getOrDefault("full", 0L),
                    memory.getOrDefault("some", 0L), memory.getOrDefault("full", 0L));
        } catch (IOException | UnsupportedOperationException noPsi) {
            return null;
        }
    }

    /** Parses {@code some avg10=0.00 avg60=0.00 avg300=0.00 total=123} lines into {@code some -> 123} (µs). */
    static Map<String, Long> pressureTotals(String text) {
        Map<String, Long> totals = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] fields = line.strip().split(" ");
            for (String field : fields) {
                if (field.startsWith("total=")) {
                    totals.put(fields[0], Long.parseLong(field.substring("total=".length())));
                }
            }
        }
        return totals;
    }

    private String read(String controller, String file) throws IOException {
        Path directory = directories.get(controller);
        if (directory == null) {
            throw new NoSuchFileException(controller + "/" + file);
        }
        return Files.readString(directory.resolve(file));
    }

    private Long optionalNumber(String controller, String file) {
        try {
            return number(read(controller, file));
        } catch (IOException | NumberFormatException missing) {
            return null;
        }
    }

    /** Parses {@code key value} lines (cpu.stat, memory.stat, memory.events, memory.oom_control). */
    static Map<String, Long> keyValues(String text) {
        Map<String, Long> values = new HashMap<>();
        for (String line : text.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                try {
                    values.put(line.substring(0, space), Long.parseLong(line.substring(space + 1).strip()));
                } catch (NumberFormatException notANumber) {
                    // e.g. a future key with a non-numeric value
                }
            }
        }
        return values;
    }

    static long number(String text) {
        String value = text.strip();
        if (value.equals("max")) {
            return Long.MAX_VALUE;
        }
        return Long.parseLong(value);
    }
}
