package dev.limitlab.agent;

import java.util.concurrent.TimeUnit;

/** Reports for a while, then exits with a chosen code: the host uses it to exercise restart policies. */
final class CrashWorkload {

    private final WorkloadSpec.Crash spec;

    CrashWorkload(WorkloadSpec.Crash spec) {
        this.spec = spec;
    }

    int run(Reporter reporter) {
        long start = reporter.startNanos();
        long reportNanos = TimeUnit.MILLISECONDS.toNanos(spec.reportMs());
        long exitAt = start + TimeUnit.MILLISECONDS.toNanos(spec.runForMs());
        for (long nextReport = start + reportNanos; nextReport < exitAt; ) {
            Reporter.sleepUntil(nextReport);
            long now = System.nanoTime();
            if (now >= exitAt) break;
            long remainingMs = TimeUnit.NANOSECONDS.toMillis(exitAt - now);
            reporter.emit(reporter.sample(now).put("remainingMs", remainingMs));
            nextReport = Reporter.nextTick(nextReport, reportNanos, now);
        }
        Reporter.sleepUntil(exitAt);
        reporter.emit(reporter.line("exit").put("exitCode", spec.exitCode()));
        return spec.exitCode();
    }
}
