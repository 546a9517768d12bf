package dev.limitlab.scenario;

import java.time.Duration;

/** What runs inside a workload container. */
public sealed interface Workload permits Workload.Cpu, Workload.Memory, Workload.Crash {
    String kind();

    /** {@code threads} busy threads, each busy {@code loadPercent} % of every {@code slice} (a duty cycle). */
    record Cpu(int threads, int loadPercent, Duration slice) implements Workload {
        public Cpu {
            if (threads < 1) throw new IllegalArgumentException("threads must be >= 1");
            if (loadPercent < 1 || loadPercent > 100) throw new IllegalArgumentException("load must be 1..100");
        }
        public String kind() { return "cpu"; }
    }

    /**
     * Grow the container's resident memory (the agent's own baseline counted) to {@code target} bytes at
     * {@code rateBytesPerSecond}, then hold it for {@code hold}; with {@code leak}, grow until killed.
     */
    record Memory(long target, long rateBytesPerSecond, Duration hold, String mode, boolean leak) implements Workload {
        public Memory {
            if (!mode.equals("native") && !mode.equals("heap")) throw new IllegalArgumentException("mode must be native or heap");
        }
        public String kind() { return "memory"; }
    }

    /** Run for {@code runFor}, then exit with {@code exitCode}. */
    record Crash(Duration runFor, int exitCode) implements Workload {
        public String kind() { return "crash"; }
    }
}
