package dev.limitlab.agent;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Stamps and writes the JSON lines of one workload run. Elapsed times come from System.nanoTime (monotonic,
 * immune to wall-clock jumps); the {@code "t"} stamps come from the injected wall clock. Public for the workloads
 * in sub-packages (jmh).
 */
public final class Reporter {

    private final AgentEnv env;
    private final String workload;
    private final Integer phase;
    private final long startNanos = System.nanoTime();

    public Reporter(AgentEnv env, String workload) {
        this(env, workload, null);
    }

    private Reporter(AgentEnv env, String workload, Integer phase) {
        this.env = env;
        this.workload = workload;
        this.phase = phase;
    }

    /** A reporter for phase {@code index} (0-based) running {@code phaseWorkload}, its elapsed times counted from now. */
    Reporter forPhase(int index, String phaseWorkload) {
        return new Reporter(env, phaseWorkload, index);
    }

    long startNanos() {
        return startNanos;
    }

    /** A line of the given type with the common {@code type, workload, t} prefix, and {@code phase} within phases. */
    public JsonLine line(String type) {
        JsonLine line = new JsonLine().put("type", type).put("workload", workload).put("t", env.wallClock().millis());
        return phase == null ? line : line.put("phase", phase);
    }

    /** A {@code sample} line taken at {@code nowNanos}, so elapsedMs matches the instant its values were measured. */
    public JsonLine sample(long nowNanos) {
        return line("sample").put("elapsedMs", TimeUnit.NANOSECONDS.toMillis(nowNanos - startNanos));
    }

    /** Writes and flushes at once: the host reads the stream live and the process may be killed any moment. */
    public synchronized void emit(JsonLine line) {
        env.out().println(line);
        env.out().flush();
    }

    /** Parks until System.nanoTime() reaches the deadline (parkNanos may wake early, so loop). */
    static void sleepUntil(long deadlineNanos) {
        for (long left = deadlineNanos - System.nanoTime(); left > 0; left = deadlineNanos - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    /**
     * Calls {@code tick} with the time every {@code periodNanos} after {@code startNanos}, skipping ticks missed while
     * descheduled, and a last time at {@code deadlineNanos}.
     */
    static void tickUntil(long startNanos, long periodNanos, long deadlineNanos, LongConsumer tick) {
        long nextTick = startNanos + periodNanos;
        while (true) {
            sleepUntil(Math.min(nextTick, deadlineNanos));
            long now = System.nanoTime();
            tick.accept(now);
            if (now >= deadlineNanos) return;
            nextTick = nextTick(nextTick, periodNanos, now);
        }
    }

    /** The first report deadline strictly after {@code now}, skipping ticks missed while descheduled. */
    static long nextTick(long previousTick, long periodNanos, long now) {
        return previousTick + (Math.max(0, now - previousTick) / periodNanos + 1) * periodNanos;
    }
}
