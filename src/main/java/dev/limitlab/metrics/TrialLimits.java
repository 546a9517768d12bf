package dev.limitlab.metrics;

/**
 * The limits a trial's container actually ran with, in the engine's units (bytes, cores), as run.json
 * records them. Null is "not set" (unlimited); {@code memorySwap} -1 is unlimited swap; {@code cpuset} the
 * CPUs a parallel trial was pinned to (e.g. {@code 1}), null when it was not pinned.
 */
public record TrialLimits(Double cpus, Long memory, Long memorySwap, Long pidsLimit, String restart, String cpuset) {
    /** The configuration without the parallel slot it ran in: repeats in different slots are one configuration. */
    public TrialLimits unpinned() {
        return new TrialLimits(cpus, memory, memorySwap, pidsLimit, restart, null);
    }
}
