package dev.limitlab.agent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fork bomb made of threads (the agent image is FROM scratch: there is no shell to fork): every thread, the first
 * included, starts another as fast as the kernel accepts, so the bomb grows as a real one does; when the kernel refuses
 * (the pids limit, or memory for a stack) the refusal is counted and the start retried at once, which keeps every
 * thread on the CPU. Runs until stopped or killed; {@code maxThreads} caps it where no limit would, and at the cap the
 * threads spin.
 */
final class ForkBombWorkload implements AgentWorkload {

    private final WorkloadSpec.ForkBomb spec;
    private final PidsWorkload.ThreadStarter starter;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    /** Starts claimed so far, so that the threads together never pass the cap. */
    private final AtomicInteger claimed = new AtomicInteger();
    private final LongAdder refused = new LongAdder();
    private volatile String firstRefusal;
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
        boolean refusalReported = false;
        try {
            Thread first = startOne();
            while (first == null && running && System.nanoTime() < stopAtNanos) {
                first = startOne(); // not even one: keep trying, as the threads would
            }
            long nextReport = reporter.startNanos() + reportNanos;
            while (true) {
                Reporter.sleepUntil(Math.min(nextReport, stopAtNanos));
                long now = System.nanoTime();
                if (!refusalReported && firstRefusal != null) {
                    reporter.emit(withCounts(reporter.line("refused")).put("error", firstRefusal));
                    refusalReported = true;
                }
                reporter.emit(withCounts(reporter.sample(now)));
                if (now >= stopAtNanos) break;
                nextReport = Reporter.nextTick(nextReport, reportNanos, now);
            }
            stop(); // the end line counts what the threads did, all of it
            reporter.emit(withCounts(reporter.line("end")));
            return 0;
        } finally {
            stop();
        }
    }

    private void stop() {
        running = false;
        threads.forEach(CpuWorkload::joinQuietly);
    }

    /** One more thread running {@link #bomb}, or null when the kernel refused it or the cap is reached. */
    private Thread startOne() {
        if (claimed.incrementAndGet() > spec.maxThreads()) {
            claimed.decrementAndGet();
            return null;
        }
        try {
            Thread thread = starter.start(this::bomb, "bomb-" + claimed.get());
            threads.add(thread);
            return thread;
        } catch (OutOfMemoryError e) { // what the JVM throws when the kernel refuses a new task
            claimed.decrementAndGet();
            refused.increment();
            if (firstRefusal == null) {
                firstRefusal = String.valueOf(e.getMessage());
            }
            return null;
        }
    }

    private void bomb() {
        long state = 0x9E3779B97F4A7C15L * (threads.size() + 1);
        while (running) {
            if (claimed.get() < spec.maxThreads()) {
                startOne();
            } else {
                state = CpuWorkload.unitOfWork(state);
            }
        }
        sink = state;
    }

    /** Threads started so far, refused starts so far, and all of the process's threads (the JVM's own count too). */
    private JsonLine withCounts(JsonLine line) {
        long processThreads = ProcessMemory.threads();
        return line.put("threadsStarted", threads.size()).put("refused", refused.sum())
                .put("processThreads", processThreads < 0 ? null : processThreads);
    }
}
