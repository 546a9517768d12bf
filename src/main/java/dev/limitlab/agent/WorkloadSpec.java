package dev.limitlab.agent;

import java.nio.file.Path;
import java.util.List;

/** A parsed command line: which workload to run and with which settings. */
public sealed interface WorkloadSpec {

    /** The workload name as it appears on the command line and in every JSON line. */
    String name();

    /** {@code threads} threads each busy {@code loadPercent} % of every {@code sliceMs} slice; 0 duration = forever. */
    record Cpu(int threads, int loadPercent, long sliceMs, long reportMs, long durationMs) implements WorkloadSpec {
        public String name() { return "cpu"; }
    }

    /** Grow resident memory to {@code targetBytes} at {@code rateBytesPerSec}; hold -1 = forever; leak = ignore target. */
    record Memory(long targetBytes, long rateBytesPerSec, long holdMs, MemoryMode mode, boolean leak, long reportMs)
            implements WorkloadSpec {
        public String name() { return "memory"; }
    }

    /**
     * Wait {@code runForMs}, then exit with {@code exitCode}, or with 0 when {@code succeedAfter} runs have already failed
     * (counted in {@code stateDir}) or, with {@code exitProbability}, by chance. Null fields are unset.
     *
     * @param seed of the chance; null = the clock's nanoseconds
     */
    record Crash(long runForMs, int exitCode, long reportMs, Integer succeedAfter, Double exitProbability, Long seed, Path stateDir)
            implements WorkloadSpec {
        public String name() { return "crash"; }
    }

    /** Start up to {@code threads} parked threads, then keep them {@code holdMs} (-1 = until killed or stopped). */
    record Pids(int threads, long holdMs, long reportMs) implements WorkloadSpec {
        public String name() { return "pids"; }
    }

    /** Workloads run one after another, each for its phase's duration. */
    record Phases(List<Phase> phases) implements WorkloadSpec {
        public Phases {
            phases = List.copyOf(phases);
        }
        public String name() { return "phases"; }
    }

    /** One phase: a cpu, memory or pids workload that runs for {@code durationMs}, however it was told to end. */
    record Phase(long durationMs, WorkloadSpec workload) {
    }

    /** Where the memory workload puts its bytes. */
    enum MemoryMode { NATIVE, HEAP }
}
