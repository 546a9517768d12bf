package dev.limitlab.metrics;

/** Why a trial ended: run.json's {@code trials[].endReason}. */
public enum EndReason implements Spelled {
    /** The container stopped for good by itself. */
    EXITED,
    /** limitlab stopped it when its time was up. */
    DURATION,
    /** A service that was not ready within its {@code ready.timeout}: a result, with the service's last lines. */
    NOT_READY,
    /**
     * The engine went away while the trial ran (its daemon stopped or crashed): what was measured is not the
     * workload's doing, so the trial carries an {@code error} and no recommendation or gate uses it.
     */
    ENGINE_LOST,
    /** An infrastructure failure (see the trial's {@code error}); a workload's crash or OOM kill is never one. */
    ERROR
}
