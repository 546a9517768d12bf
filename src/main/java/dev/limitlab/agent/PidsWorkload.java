package dev.limitlab.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Starts parked platform threads one by one, each a task the kernel counts against {@code --pids-limit}, until it has
 * the number asked for or the kernel refuses one; then holds them. A refusal is a result, reported once, not an error.
 */
final class PidsWorkload implements AgentWorkload {

    /** Small stacks, so that the pids limit, not memory, is what stops the threads (the JVM rounds up to its minimum). */
    private static final long STACK_BYTES = 256 * 1024;

    /** Starts a thread running {@code body}; throws OutOfMemoryError ("unable to create native thread") when refused. */
    @FunctionalInterface
    interface ThreadStarter {
        Thread start(Runnable body, String name);
    }

    private final WorkloadSpec.Pids spec;
    private final ThreadStarter starter;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean released;

    PidsWorkload(WorkloadSpec.Pids spec, ThreadStarter starter) {
        this.spec = spec;
        this.starter = starter;
    }

    /** The real thing: a daemon platform thread, so that nothing it holds can keep the JVM from exiting. */
    static Thread startPlatformThread(Runnable body, String name) {
        Thread thread = new Thread(null, body, name, STACK_BYTES);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public int run(Reporter reporter, long stopAtNanos) {
        long reportNanos = TimeUnit.MILLISECONDS.toNanos(spec.reportMs());
        long nextReport = reporter.startNanos() + reportNanos;
        try {
            boolean refused = false;
            while (threads.size() < spec.threads() && System.nanoTime() < stopAtNanos) {
                try {
                    threads.add(starter.start(this::park, "pids-" + threads.size()));
                } catch (OutOfMemoryError e) { // what the JVM throws when the kernel refuses a new task
                    reporter.emit(withThreads(reporter.line("refused")).put("error", String.valueOf(e.getMessage())));
                    refused = true;
                    break;
                }
                long now = System.nanoTime();
                if (now >= nextReport) {
                    reporter.emit(withThreads(reporter.sample(now)));
                    nextReport = Reporter.nextTick(nextReport, reportNanos, now);
                }
            }
            if (!refused && threads.size() == spec.threads()) reporter.emit(withThreads(reporter.line("reached")));

            long holdEnd = spec.holdMs() < 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(spec.holdMs());
            long end = Math.min(holdEnd, stopAtNanos);
            while (System.nanoTime() < end) {
                Reporter.sleepUntil(Math.min(nextReport, end));
                long now = System.nanoTime();
                if (now >= nextReport) {
                    reporter.emit(withThreads(reporter.sample(now)));
                    nextReport = Reporter.nextTick(nextReport, reportNanos, now);
                }
            }
            reporter.emit(withThreads(reporter.line("end")));
            return 0;
        } finally {
            release();
        }
    }

    /** Threads started so far, and all of the process's threads (the JVM's own count against the limit too). */
    private JsonLine withThreads(JsonLine line) {
        long processThreads = ProcessMemory.threads();
        return line.put("threadsStarted", threads.size()).put("processThreads", processThreads < 0 ? null : processThreads);
    }

    private void park() {
        while (!released) LockSupport.park(this);
    }

    /** Ends every thread and waits for it, so that the next phase starts with the tasks back. */
    private void release() {
        released = true;
        threads.forEach(LockSupport::unpark);
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        threads.clear();
    }
}
