package dev.limitlab.metrics;

/** Where a trial's readings come from: run.json's {@code trials[].metrics.sampler} and samples.jsonl's {@code source}. */
public enum Sampler implements Spelled {
    /** The container's cgroup files, read directly every 100 ms (the engine is on this host). */
    CGROUP,
    /** The engine's stats stream, about once a second. */
    STATS
}
