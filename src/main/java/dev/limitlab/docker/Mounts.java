package dev.limitlab.docker;

import java.util.List;
import java.util.Map;

/**
 * Writable places and files a container gets despite its read-only root filesystem.
 *
 * @param volumes       paths that get an anonymous volume: kept across the container's restarts, removed with it
 * @param tmpfs         paths that get a small tmpfs (e.g. /tmp for a forked JVM)
 * @param readOnlyBinds host path to container path, mounted read-only (e.g. a user's benchmarks jar)
 */
public record Mounts(List<String> volumes, List<String> tmpfs, Map<String, String> readOnlyBinds) {
    public static final Mounts NONE = new Mounts(List.of(), List.of(), Map.of());
    /** tmpfs options: world-writable like /tmp, nothing executable, bounded (it counts as the container's memory). */
    public static final String TMPFS_OPTIONS = "rw,noexec,nosuid,nodev,size=64m,mode=1777";

    public Mounts {
        volumes = List.copyOf(volumes);
        tmpfs = List.copyOf(tmpfs);
        readOnlyBinds = Map.copyOf(readOnlyBinds);
    }
}
