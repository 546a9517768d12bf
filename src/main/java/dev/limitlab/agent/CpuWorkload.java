package dev.limitlab.agent;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.LongAdder;

/**
 * N platform threads burning CPU in fixed-size units. Below 100 % load each thread runs a duty cycle in
 * slices: busy at a slice's start until it has used its share of CPU time, parked for the rest, so its
 * average demand is load % of one core however the scheduler treats it.
 */
final class CpuWorkload implements AgentWorkload {

    /** Iterations of xorshift per unit: a few microseconds, fine-grained enough for a 1 ms slice. */
    private static final int UNIT_ITERATIONS = 4096;
    /** Units between two reads of the thread's CPU time (a system call): ~15 us of work. */
    private static final int UNITS_PER_CHECK = 4;
    private static final long MAX_DEBT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final WorkloadSpec.Cpu spec;
    /** LongAdder spreads contended increments over padded cells, so threads don't false-share one counter. */
    private final LongAdder completedUnits = new LongAdder();
    private volatile boolean running = true;
    /** Every thread's final xorshift state lands here so the JIT cannot drop the work as dead code. */
    private volatile long sink;

    CpuWorkload(WorkloadSpec.Cpu spec) {
        this.spec = spec;
    }

    @Override
    public int run(Reporter reporter, long stopAtNanos) {
        long start = reporter.startNanos();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < spec.threads(); i++) {
            long seed = 0x9E3779B97F4A7C15L * (i + 1); // distinct, never zero (zero is xorshift's fixed point)
            Thread worker = new Thread(() -> work(start, seed), "cpu-worker-" + i);
            worker.setDaemon(true); // a kill or an early exit must never wait for workers
            worker.start();
            workers.add(worker);
        }

        long reportNanos = TimeUnit.MILLISECONDS.toNanos(spec.reportMs());
        long deadline = Math.min(stopAtNanos,
                spec.durationMs() > 0 ? start + TimeUnit.MILLISECONDS.toNanos(spec.durationMs()) : Long.MAX_VALUE);
        long nextReport = start + reportNanos;
        long lastNanos = start;
        long lastTotal = 0;
        while (true) {
            Reporter.sleepUntil(Math.min(nextReport, deadline));
            long now = System.nanoTime();
            long total = completedUnits.sum();
            long ops = total - lastTotal;
            // Divide by the interval actually elapsed: a throttled container oversleeps, and that must show.
            double opsPerSec = ops * 1e9 / Math.max(1, now - lastNanos);
            reporter.emit(reporter.sample(now)
                    .put("ops", ops).put("totalOps", total).put("opsPerSec", Math.round(opsPerSec * 10) / 10.0));
            lastNanos = now;
            lastTotal = total;
            if (now >= deadline) break;
            nextReport = Reporter.nextTick(nextReport, reportNanos, now);
        }

        running = false;
        workers.forEach(LockSupport::unpark); // cut short any duty-cycle sleep
        for (Thread worker : workers) {
            joinQuietly(worker);
        }
        reporter.emit(reporter.line("end").put("totalOps", completedUnits.sum()));
        return 0;
    }

    /**
     * Below 100 % the thread keeps its CPU time at load % of the wall time since it started, counted in
     * its own CPU time (not wall time), so that being preempted by a busy host does not lower the demand.
     * Busy phases start at slice boundaries; a debt larger than one CFS period (100 ms) is forgiven, so a
     * thread starved for a while does not burst afterwards.
     */
    private void work(long epochNanos, long seed) {
        long sliceNanos = TimeUnit.MILLISECONDS.toNanos(spec.sliceMs());
        long state = seed;
        if (spec.loadPercent() >= 100) {
            while (running) {
                state = unitOfWork(state);
                completedUnits.increment();
            }
            sink = state;
            return;
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long owed = 0; // CPU time the thread is due, in ns, net of what it used
        long lastNanos = System.nanoTime();
        long lastCpu = threads.getCurrentThreadCpuTime();
        while (running) {
            long now = System.nanoTime();
            owed = Math.min(owed + (now - lastNanos) * spec.loadPercent() / 100, MAX_DEBT_NANOS);
            lastNanos = now;
            while (running && owed > 0) {
                for (int i = 0; i < UNITS_PER_CHECK; i++) {
                    state = unitOfWork(state);
                }
                completedUnits.add(UNITS_PER_CHECK);
                long cpu = threads.getCurrentThreadCpuTime();
                long wall = System.nanoTime();
                owed += (wall - lastNanos) * spec.loadPercent() / 100 - (cpu - lastCpu);
                lastNanos = wall;
                lastCpu = cpu;
            }
            long sliceEnd = now - Math.floorMod(now - epochNanos, sliceNanos) + sliceNanos;
            for (long left = sliceEnd - System.nanoTime(); running && left > 0; left = sliceEnd - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
        }
        sink = state;
    }

    /**
     * Spends {@code cpuNanos} of the calling thread's own CPU time (not wall time: a throttled or preempted thread
     * takes longer), in units checked every {@link #UNITS_PER_CHECK}; returns the xorshift state for a sink.
     */
    static long spendCpu(ThreadMXBean threads, long cpuNanos, long state) {
        long until = threads.getCurrentThreadCpuTime() + cpuNanos;
        while (threads.getCurrentThreadCpuTime() < until) {
            for (int i = 0; i < UNITS_PER_CHECK; i++) {
                state = unitOfWork(state);
            }
        }
        return state;
    }

    static long unitOfWork(long state) {
        for (int i = 0; i < UNIT_ITERATIONS; i++) {
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
        }
        return state;
    }

    static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
