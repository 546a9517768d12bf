package dev.limitlab.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A fork bomb made of threads (the agent image is FROM scratch: there is no shell to fork): starts platform threads as
 * fast as the kernel accepts them, each spinning on the CPU, and when the kernel refuses one (the pids limit, or
 * memory for its stack) counts the refusal and tries again at once, as a bomb does. Runs until stopped or killed;
 * {@code maxThreads} caps it where no limit would.
 */
final class ForkBombWorkload implements AgentWorkload {

    private final WorkloadSpec.ForkBomb spec;
    private final PidsWorkload.ThreadStarter starter;
    private final List<Thread> threads = new ArrayList<>();
    private long refused;
    private volatile boolean running = true;
    /** Each thread's xorshift state ends here so the JIT cannot drop the spinning as dead code. */
    private volatile long sink;

    ForkBombWorkload(WorkloadSpec.ForkBomb spec, PidsWorkload.ThreadStarter starter) {
        this.spec = spec;
        this.starter = starter;
    }

    @Override
    public int run(Reporter reporter, long stopAtNanos) {
        long reportNanos = TimeUnit.MILLISECONDS.toNanos(spec.reportMs());
        long nextReport = reporter.startNanos() + reportNanos;
        String firstRefusal = null;
        try {
            while (System.nanoTime() < stopAtNanos) {
                if (threads.size() < spec.maxThreads()) {
                    try {
                        long seed = 0x9E3779B97F4A7C15L * (threads.size() + 1);
                        threads.add(starter.start(() -> spin(seed), "bomb-" + threads.size()));
                    } catch (OutOfMemoryError e) { // what the JVM throws when the kernel refuses a new task
                        refused++;
                        if (firstRefusal == null) {
                            firstRefusal = String.valueOf(e.getMessage());
                            reporter.emit(withCounts(reporter.line("refused")).put("error", firstRefusal));
                        }
                    }
                } else {
                    sink = CpuWorkload.unitOfWork(sink | 1); // at the cap the bomb still spins
                }
                long now = System.nanoTime();
                if (now >= nextReport) {
                    reporter.emit(withCounts(reporter.sample(now)));
                    nextReport = Reporter.nextTick(nextReport, reportNanos, now);
                }
            }
            reporter.emit(withCounts(reporter.line("end")));
            return 0;
        } finally {
            running = false;
            threads.forEach(CpuWorkload::joinQuietly);
        }
    }

    /** Threads started so far, refused starts so far, and all of the process's threads (the JVM's own count too). */
    private JsonLine withCounts(JsonLine line) {
        long processThreads = ProcessMemory.threads();
        return line.put("threadsStarted", threads.size()).put("refused", refused)
                .put("processThreads", processThreads < 0 ? null : processThreads);
    }

    private void spin(long seed) {
        long state = seed;
        while (running) {
            state = CpuWorkload.unitOfWork(state);
        }
        sink = state;
    }
}
