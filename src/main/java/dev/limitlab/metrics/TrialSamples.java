package dev.limitlab.metrics;

import java.util.List;

/**
 * One trial's readings from both samplers. Its figures come from the 100 ms cgroup readings when there are
 * enough of them to measure with, else from the engine's stats frames: the run and every report choose alike.
 */
public record TrialSamples(List<StatsSample> cgroup, List<StatsSample> stats) {
    public TrialSamples {
        cgroup = List.copyOf(cgroup);
        stats = List.copyOf(stats);
    }

    /** The sampler the trial's figures come from. */
    public Sampler chosen() {
        return cgroup.size() >= 2 ? Sampler.CGROUP : Sampler.STATS;
    }

    /** The readings the trial's figures come from. */
    public List<StatsSample> measured() {
        return chosen() == Sampler.CGROUP ? cgroup : stats;
    }
}
