package dev.limitlab.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.ToLongFunction;

/** Reads the process's resident memory and thread count, and the container's memory limit, from procfs / cgroupfs. */
final class ProcessMemory {

    static final long MIB = 1024 * 1024;
    /** cgroup v1 reports "unlimited" as a huge page-aligned number near Long.MAX_VALUE. */
    private static final long CGROUP_V1_UNLIMITED = 1L << 62;

    private ProcessMemory() {
    }

    /** Resident set of this process in bytes (VmRSS; kB units, so no page-size guess), or -1 if unreadable. */
    static long residentBytes() {
        return readStatus(ProcessMemory::parseVmRssBytes);
    }

    /**
     * The container's resident memory as its cgroup accounts it (usage minus inactive file cache: the working
     * set, the JVM's baseline included), which is what its memory limit holds against; the process's RSS when
     * there is no memory limit or the cgroup cannot be read (outside a container). Shared library pages already charged to another
     * cgroup make RSS overstate what this container is charged.
     */
    static long containerResidentBytes() {
        Path cgroup = Path.of("/sys/fs/cgroup");
        // Only under a memory limit is /sys/fs/cgroup surely this container's own cgroup (on a host it is the
        // root of the hierarchy, whose usage is the whole machine's).
        long workingSet = containerLimitBytes(cgroup) != null ? workingSetBytes(cgroup) : -1;
        return workingSet >= 0 ? workingSet : residentBytes();
    }

    /** The cgroup's working set under {@code cgroupRoot} (v2 memory.current, v1 memory/usage_in_bytes), or -1. */
    static long workingSetBytes(Path cgroupRoot) {
        try {
            if (Files.isReadable(cgroupRoot.resolve("memory.current"))) {
                return parseWorkingSet(Files.readString(cgroupRoot.resolve("memory.current")),
                        Files.readString(cgroupRoot.resolve("memory.stat")), "inactive_file ");
            }
            Path v1 = cgroupRoot.resolve("memory");
            return parseWorkingSet(Files.readString(v1.resolve("memory.usage_in_bytes")),
                    Files.readString(v1.resolve("memory.stat")), "total_inactive_file ");
        } catch (IOException | RuntimeException unreadable) {
            return -1;
        }
    }

    static long parseWorkingSet(String usage, String memoryStat, String inactiveFileKey) {
        long inactive = 0;
        for (String line : memoryStat.split("\n")) {
            if (line.startsWith(inactiveFileKey)) inactive = Long.parseLong(line.substring(inactiveFileKey.length()).trim());
        }
        return Math.max(0, Long.parseLong(usage.trim()) - inactive);
    }

    /** Threads of this process, the JVM's own included: what counts against a pids limit. -1 if unreadable. */
    static long threads() {
        return readStatus(status -> statusField(status, "Threads:"));
    }

    static long parseVmRssBytes(String procStatus) {
        long kib = statusField(procStatus, "VmRSS:");
        return kib < 0 ? -1 : kib * 1024;
    }

    private static long readStatus(ToLongFunction<String> field) {
        try {
            return field.applyAsLong(Files.readString(Path.of("/proc/self/status")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The number after {@code name} in {@code /proc/self/status} text, or -1 when the field is missing. */
    static long statusField(String procStatus, String name) {
        for (String line : procStatus.split("\n")) {
            if (line.startsWith(name)) return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
        }
        return -1;
    }

    /**
     * The container memory limit in bytes, or null when there is none. Reads the cgroup files directly rather than
     * trusting the JVM's container detection, so the host sees exactly what the kernel enforces.
     */
    static Long containerLimitBytes(Path cgroupRoot) {
        Long v2 = readLimit(cgroupRoot.resolve("memory.max"));
        return v2 != null ? v2 : readLimit(cgroupRoot.resolve("memory/memory.limit_in_bytes"));
    }

    private static Long readLimit(Path file) {
        try {
            return parseLimit(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Parses a v2 {@code memory.max} or v1 {@code memory.limit_in_bytes}; "max" or a near-2^63 value is no limit. */
    static Long parseLimit(String content) {
        String value = content.trim();
        if (value.equals("max")) return null;
        long bytes = Long.parseLong(value);
        return bytes >= CGROUP_V1_UNLIMITED ? null : bytes;
    }

    /** Bytes as MiB rounded to one decimal, as a human-scale companion to the exact byte count. */
    static double mib(long bytes) {
        return Math.round(bytes * 10.0 / MIB) / 10.0;
    }
}
