package dev.limitlab.metrics;

/** How far a run got: run.json's {@code status}. */
public enum RunStatus implements Spelled {
    /** Written after each trial while the run goes on. */
    RUNNING,
    COMPLETE,
    /** Stopped by Ctrl-C or SIGTERM. */
    INTERRUPTED,
    /** The engine went away and did not come back in time. */
    ENGINE_LOST
}
