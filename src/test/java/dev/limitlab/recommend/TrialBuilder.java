package dev.limitlab.recommend;

import dev.limitlab.metrics.EndReason;
import dev.limitlab.metrics.RepeatAggregator;
import dev.limitlab.metrics.RunRecord;
import dev.limitlab.metrics.RunStatus;
import dev.limitlab.metrics.LoadMetrics;
import dev.limitlab.metrics.Sampler;
import dev.limitlab.metrics.TrialLimits;
import dev.limitlab.metrics.TrialMetrics;
import dev.limitlab.metrics.TrialResult;
import dev.limitlab.metrics.TrialSecurity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Synthetic trials for the rules: set what a case needs, everything else is "not measured". */
public final class TrialBuilder {
    static final TrialSecurity HARDENED = new TrialSecurity(true, true, "none", true, "65534:65534", false, java.util.List.of());
    static final long MIB = 1L << 20;

    private final String experiment;
    private final String workload;
    private int repeat = 1;
    private Double cpus;
    private Long memory;
    private String cpuset;
    private String restart = "no";
    private Double cpuUsed, cpuP95, throttled, throughput;
    private Long workingSet, pids;
    private int oomKills, restarts;
    private dev.limitlab.metrics.MemoryPressure memoryPressure;
    private Integer lastExit;
    private Boolean gaveUp;
    private List<TrialMetrics.RunSpan> timeline = List.of();
    private TrialMetrics.WorkloadFacts facts;
    private LoadMetrics load;

    private TrialBuilder(String experiment, String workload) {
        this.experiment = experiment;
        this.workload = workload;
    }

    public static TrialBuilder trial(String experiment, String workload) {
        return new TrialBuilder(experiment, workload);
    }

    public TrialBuilder repeat(int value) { repeat = value; return this; }
    public TrialBuilder cpus(Double value) { cpus = value; return this; }
    public TrialBuilder memory(long value) { memory = value; return this; }
    public TrialBuilder cpuset(String value) { cpuset = value; return this; }
    public TrialBuilder restart(String value) { restart = value; return this; }
    public TrialBuilder cpuUsed(double mean, double p95) { cpuUsed = mean; cpuP95 = p95; return this; }
    public TrialBuilder throttled(Double value) { throttled = value; return this; }
    public TrialBuilder throughput(double value) { throughput = value; return this; }
    public TrialBuilder workingSet(long value) { workingSet = value; return this; }
    public TrialBuilder pids(long value) { pids = value; return this; }
    public TrialBuilder oomKills(int value) { oomKills = value; return this; }
    public TrialBuilder memoryPressure(dev.limitlab.metrics.MemoryPressure value) { memoryPressure = value; return this; }
    public TrialBuilder restarts(int count, int lastExitCode, boolean policyGaveUp) {
        restarts = count;
        lastExit = lastExitCode;
        gaveUp = policyGaveUp;
        return this;
    }
    public TrialBuilder timeline(List<TrialMetrics.RunSpan> value) { timeline = value; return this; }
    public TrialBuilder facts(TrialMetrics.WorkloadFacts value) { facts = value; return this; }
    /** A service's load window at {@code rate}/s offered: achieved, error ratio, p50 and p99 in ms, driver behind or not. */
    public TrialBuilder load(double rate, double achieved, double errorRatio, double p50, double p99, boolean driverBehind) {
        load = new LoadMetrics("open", 64, rate, achieved, errorRatio, achieved * (1 - errorRatio), (long) (rate * 10),
                new LoadMetrics.Latency(p50, p99 * 0.8, p99, p99 * 1.1, p99 * 1.2), null, java.util.Map.of(), driverBehind,
                1.0, 0.5, 100L << 20, null);
        return this;
    }

    public TrialResult build(int position) {
        TrialMetrics metrics = new TrialMetrics(cpuUsed, cpuP95, throttled, null, workingSet, workingSet, null, pids,
                oomKills, new TrialMetrics.OomEvidence(oomKills, oomKills, null), restarts, timeline, gaveUp, null, lastExit,
                throughput, null, facts, Sampler.STATS, 10, null, null, load);
        if (memoryPressure != null) {
            metrics = metrics.withPressure(null, memoryPressure);
        }
        TrialLimits limits = new TrialLimits(cpus, memory, memory, 1024L, restart, cpuset);
        return new TrialResult(position, experiment, workload, repeat, experiment + "-" + position, limits, HARDENED,
                Instant.EPOCH, Instant.EPOCH.plusSeconds(10), EndReason.DURATION, metrics, null);
    }

    /** A complete run of these trials, numbered in order, with its configuration summaries. */
    static RunRecord run(List<TrialBuilder> builders) {
        List<TrialResult> trials = new ArrayList<>();
        for (TrialBuilder builder : builders) {
            trials.add(builder.build(trials.size() + 1));
        }
        return new RunRecord(1, "run-1", "test", "scenarios/test.yaml", "0.1.0",
                new RunRecord.EngineInfo("unix:///var/run/docker.sock", "20.10.24", "limitlab-agent:0.1.0"),
                Instant.EPOCH, Instant.EPOCH.plusSeconds(60), RunStatus.COMPLETE, trials, RepeatAggregator.summarise(trials), null, null);
    }
}
