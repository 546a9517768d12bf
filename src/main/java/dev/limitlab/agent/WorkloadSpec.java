package dev.limitlab.agent;

/** A parsed command line: which workload to run and with which settings. */
public sealed interface WorkloadSpec {

    /** The workload name as it appears on the command line and in every JSON line. */
    String name();

    long reportMs();

    /** {@code threads} threads each busy {@code loadPercent} % of every {@code sliceMs} slice; 0 duration = forever. */
    record Cpu(int threads, int loadPercent, long sliceMs, long reportMs, long durationMs) implements WorkloadSpec {
        public String name() { return "cpu"; }
    }

    /** Grow resident memory to {@code targetBytes} at {@code rateBytesPerSec}; hold -1 = forever; leak = ignore target. */
    record Memory(long targetBytes, long rateBytesPerSec, long holdMs, MemoryMode mode, boolean leak, long reportMs)
            implements WorkloadSpec {
        public String name() { return "memory"; }
    }

    /** Wait {@code runForMs}, then exit with {@code exitCode}. */
    record Crash(long runForMs, int exitCode, long reportMs) implements WorkloadSpec {
        public String name() { return "crash"; }
    }

    /** Where the memory workload puts its bytes. */
    enum MemoryMode { NATIVE, HEAP }
}
