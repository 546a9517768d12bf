package dev.limitlab.agent;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Stamps and writes the JSON lines of one workload run. Elapsed times come from System.nanoTime (monotonic,
 * immune to wall-clock jumps); the {@code "t"} stamps come from the injected wall clock. Public for the workloads
 * in sub-packages (jmh).
 */
public final class Reporter {

    private final AgentEnv env;
    private final String workload;
    private final long startNanos = System.nanoTime();

    public Reporter(AgentEnv env, String workload) {
        this.env = env;
        this.workload = workload;
    }

    long startNanos() {
        return startNanos;
    }

    /** A line of the given type with the common {@code type, workload, t} prefix. */
    public JsonLine line(String type) {
        return new JsonLine().put("type", type).put("workload", workload).put("t", env.wallClock().millis());
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

    /** The first report deadline strictly after {@code now}, skipping ticks missed while descheduled. */
    static long nextTick(long previousTick, long periodNanos, long now) {
        return previousTick + (Math.max(0, now - previousTick) / periodNanos + 1) * periodNanos;
    }
}
