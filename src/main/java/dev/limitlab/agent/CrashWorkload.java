package dev.limitlab.agent;

import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Reports for a while, then exits with a chosen code: the host uses it to exercise restart policies. With a state
 * directory it numbers its runs across the container's restarts, so that it can fail the first K of them and then
 * succeed; with an exit probability it fails by chance.
 */
final class CrashWorkload implements AgentWorkload {

    /** The state directory could not be read or written; the line before the exit says why. */
    static final int EXIT_STATE_DIR = 4;

    private final WorkloadSpec.Crash spec;

    CrashWorkload(WorkloadSpec.Crash spec) {
        this.spec = spec;
    }

    @Override
    public int run(Reporter reporter, long stopAtNanos) {
        long start = reporter.startNanos();
        Integer run = null;
        if (spec.stateDir() != null) {
            try {
                run = RunCounter.next(spec.stateDir()); // counted before the wait, so a run killed meanwhile still counts
            } catch (IOException | RuntimeException e) {
                reporter.emit(reporter.line("error").put("error", "state-dir").put("message", String.valueOf(e.getMessage())));
                return EXIT_STATE_DIR;
            }
        }
        long reportNanos = TimeUnit.MILLISECONDS.toNanos(spec.reportMs());
        long exitAt = Math.min(start + TimeUnit.MILLISECONDS.toNanos(spec.runForMs()), stopAtNanos);
        for (long nextReport = start + reportNanos; nextReport < exitAt; ) {
            Reporter.sleepUntil(nextReport);
            long now = System.nanoTime();
            if (now >= exitAt) break;
            long remainingMs = TimeUnit.NANOSECONDS.toMillis(exitAt - now);
            reporter.emit(reporter.sample(now).put("remainingMs", remainingMs));
            nextReport = Reporter.nextTick(nextReport, reportNanos, now);
        }
        Reporter.sleepUntil(exitAt);
        int exitCode = exitCode(run);
        JsonLine exit = reporter.line("exit").put("exitCode", exitCode);
        reporter.emit(run == null ? exit : exit.put("run", run));
        return exitCode;
    }

    private int exitCode(Integer run) {
        if (spec.succeedAfter() != null) return run != null && run > spec.succeedAfter() ? 0 : spec.exitCode();
        if (spec.exitProbability() != null) {
            long seed = spec.seed() != null ? spec.seed() : System.nanoTime();
            return fails(seed, run == null ? 0 : run, spec.exitProbability()) ? spec.exitCode() : 0;
        }
        return spec.exitCode();
    }

    /**
     * The chance draw of one run. The run number is mixed into the seed: a fixed seed gives a reproducible sequence of
     * outcomes across restarts, rather than the same outcome every run.
     */
    static boolean fails(long seed, int run, double probability) {
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * run)).nextDouble() < probability;
    }
}
