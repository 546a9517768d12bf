package dev.limitlab.regression;

import dev.limitlab.metrics.Contention;
import dev.limitlab.metrics.EndReason;
import dev.limitlab.metrics.RepeatAggregator;
import dev.limitlab.metrics.RunRecord;
import dev.limitlab.metrics.RunStatus;
import dev.limitlab.metrics.Sampler;
import dev.limitlab.metrics.TrialLimits;
import dev.limitlab.metrics.TrialMetrics;
import dev.limitlab.metrics.TrialResult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Runs built from figures, for tests of what is computed from run.json: no engine. */
public final class Runs {
    public static final long MIB = 1 << 20;
    static final Instant STARTED = Instant.parse("2026-11-28T17:04:28Z");

    private final String runId;
    private final List<TrialResult> trials = new ArrayList<>();

    private Runs(String runId) {
        this.runId = runId;
    }

    public static Runs run(String runId) {
        return new Runs(runId);
    }

    public static TrialLimits cpus(double cpus) {
        return new TrialLimits(cpus, null, null, 1024L, "no", null);
    }

    public static TrialLimits memory(long bytes) {
        return new TrialLimits(null, bytes, bytes, 1024L, "no", null);
    }

    /** A cpu trial: throughput, throttled ratio, CPU used and peak memory. */
    public Runs cpu(TrialLimits limits, double throughput, double throttled, double cores, long memoryPeak) {
        return add("cpu", "cpu", limits, metrics(cores, throttled, memoryPeak, 0, 0, throughput), null);
    }

    /** A memory trial: peak memory and OOM kills. */
    public Runs memory(TrialLimits limits, long memoryPeak, int oomKills) {
        return add("memory", "memory", limits, metrics(0.1, null, memoryPeak, oomKills, 0, null), null);
    }

    /** A crash-loop trial: restarts. */
    public Runs crash(TrialLimits limits, int restarts) {
        return add("crash-loop", "crash", limits, metrics(0.1, null, 15 * MIB, 0, restarts, null), null);
    }

    /**
     * A cpu trial the busy host starved in each of its attempts (0.27 cores, never throttled, its threads waiting 87 %
     * of their runnable time): inconclusive after its two reruns.
     */
    public Runs inconclusiveCpu(TrialLimits limits, double throughput) {
        Contention starved = new Contention(0.87, 1.7, 9.6, true);
        TrialMetrics metrics = metrics(0.27, 0.0, 17 * MIB, 0, 0, throughput).withPressure(starved, null);
        add("cpu", "cpu", limits, metrics, null);
        TrialResult attempt = trials.remove(trials.size() - 1);
        trials.add(attempt.afterAttempts(List.of(attempt, attempt), true));
        return this;
    }

    /** A trial the engine could not run. */
    public Runs failed(String experiment, String workload, TrialLimits limits) {
        return add(experiment, workload, limits, null, "engine went away");
    }

    public RunRecord build() {
        return build(RunStatus.COMPLETE);
    }

    public RunRecord build(RunStatus status) {
        return new RunRecord(RunRecord.SCHEMA_VERSION, runId, "nightly", "scenarios/nightly.yaml", "test",
                new RunRecord.EngineInfo("unix:///var/run/docker.sock", "20.10.24", "limitlab-agent:test"),
                STARTED, STARTED.plusSeconds(30), status, trials, RepeatAggregator.summarise(trials), null, null);
    }

    private Runs add(String experiment, String workload, TrialLimits limits, TrialMetrics metrics, String error) {
        int n = trials.size() + 1;
        int repeat = (int) trials.stream().filter(t -> t.experiment().equals(experiment) && t.limits().equals(limits)).count() + 1;
        trials.add(new TrialResult(n, experiment, workload, repeat, "limitlab-" + n, limits, null,
                STARTED.plusSeconds(4L * (n - 1)), STARTED.plusSeconds(4L * n - 1),
                error == null ? EndReason.DURATION : EndReason.ERROR, metrics, error));
        return this;
    }

    private static TrialMetrics metrics(double cores, Double throttled, long memoryPeak, int oomKills, int restarts, Double throughput) {
        return new TrialMetrics(cores, cores, throttled, null, memoryPeak, memoryPeak, 0L, 20L, oomKills,
                new TrialMetrics.OomEvidence(oomKills, oomKills, null), restarts, List.of(), null, null, 0,
                throughput, null, null, Sampler.CGROUP, 30, null, null, null);
    }
}
