package dev.limitlab.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Busy loops on the host, outside any container, each pinned with {@code taskset} to one of the given CPUs and each
 * under {@code setsid}: a session, and so a scheduling group, of its own (with {@code sched_autogroup_enabled}, loops
 * sharing one session would compete with the docker cgroup as one entity and take little from it; see
 * engine-facts.md "A busy host, reproduced"). Closing kills each loop by its own PID.
 */
final class CpuHog implements AutoCloseable {
    private final List<Process> loops;

    private CpuHog(List<Process> loops) {
        this.loops = loops;
    }

    /**
     * Enough loops that a container's fair share of {@code cpus} (the loops and the container's cgroup each
     * weigh the same) is about half of {@code limit} cores, and at least one loop per CPU.
     */
    static int loopsFor(double limit, int cpus) {
        return Math.max(cpus, (int) Math.ceil(2 * cpus / limit) - 1);
    }

    /** Starts {@code count} loops, round-robin over {@code cpus}. */
    static CpuHog start(int count, List<Integer> cpus) {
        List<Process> loops = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                // setsid is not a process-group leader here, so it calls setsid() itself and execs, as taskset does:
                // the PID is the loop's own.
                loops.add(new ProcessBuilder("setsid", "taskset", "-c", Integer.toString(cpus.get(i % cpus.size())),
                        "sh", "-c", "while :; do :; done")
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start());
            }
        } catch (IOException cannot) {
            new CpuHog(loops).close();
            throw new UncheckedIOException("cannot start a busy loop (setsid and taskset, of util-linux): " + cannot.getMessage(), cannot);
        }
        return new CpuHog(loops);
    }

    int size() {
        return loops.size();
    }

    @Override
    public void close() {
        for (Process loop : loops) {
            loop.destroyForcibly();
        }
        for (Process loop : loops) {
            try {
                if (!loop.waitFor(5, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("busy loop " + loop.pid() + " outlived its SIGKILL by 5 s");
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
