package dev.limitlab.metrics;

import dev.limitlab.format.Sizes;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The limits a trial's container actually ran with, in the engine's units (bytes, cores), as run.json
 * records them. Null is "not set" (unlimited); {@code memorySwap} -1 is unlimited swap; {@code cpuset} the
 * CPUs a parallel trial was pinned to (e.g. {@code 1}), null when it was not pinned.
 */
public record TrialLimits(Double cpus, Long memory, Long memorySwap, Long pidsLimit, String restart, String cpuset) {
    /** The pids limit every container gets unless its scenario sets one; labels leave it out. */
    public static final long DEFAULT_PIDS_LIMIT = 1024;

    /** The configuration without the parallel slot it ran in: repeats in different slots are one configuration. */
    public TrialLimits unpinned() {
        return new TrialLimits(cpus, memory, memorySwap, pidsLimit, restart, null);
    }

    /**
     * The configuration as docker CLI flags would name it, shortest first: {@code cpus=0.5 memory=128m}; the pids
     * limit only when it is not the one every container gets by default. Tables show it, and baselines and
     * history.csv identify a configuration by it.
     */
    public String label() {
        List<String> parts = new ArrayList<>();
        if (cpus != null) {
            parts.add("cpus=" + BigDecimal.valueOf(cpus).stripTrailingZeros().toPlainString());
        }
        if (memory != null) {
            parts.add("memory=" + Sizes.format(memory));
        }
        if (memorySwap != null && !memorySwap.equals(memory)) {
            parts.add("memory-swap=" + (memorySwap < 0 ? "-1" : Sizes.format(memorySwap)));
        }
        if (pidsLimit != null && pidsLimit != DEFAULT_PIDS_LIMIT) {
            parts.add("pids-limit=" + pidsLimit);
        }
        if (restart != null && !restart.equals("no")) {
            parts.add("restart=" + restart);
        }
        return parts.isEmpty() ? "(no limits)" : String.join(" ", parts);
    }
}
