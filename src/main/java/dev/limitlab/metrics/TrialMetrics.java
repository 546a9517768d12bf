package dev.limitlab.metrics;

import java.util.List;

/**
 * What one trial measured. Null means "not measured" (e.g. no CPU limit, so no CFS periods; no reading
 * before the container died), never zero by default.
 *
 * @param cpuUsedCores              CPU time over wall time for the measured window, in cores
 * @param cpuUsedP95Cores           95th percentile of CPU used per sampling interval, in cores
 * @param throttledPeriodsRatio     throttled periods / periods, 0..1
 * @param throttledSecondsPerSecond time throttled per second of wall time
 * @param memoryPeakBytes           high-water mark of the container's memory usage
 * @param workingSetPeakBytes       highest working set (usage minus inactive file cache)
 * @param memoryFailcnt             times usage hit the limit (cgroup v1 failcnt; not OOM kills)
 * @param pidsPeak                  most tasks seen in the container at once
 * @param oomKills                  OOM kills in the container, including of processes other than PID 1
 * @param oomEvidence               the three signals the OOM count was taken from
 * @param restarts                  restarts by the restart policy
 * @param restartTimeline           every run of the container: start, death, exit code, observed and expected delay
 * @param policyGaveUp              true when the restart policy stopped restarting a failing container
 *                                  (null without an on-failure policy)
 * @param policyGaveUpAt            when it gave up: the last failing run's death
 * @param lastExitCode              exit code of the container's last run (null if it never exited)
 * @param throughputOpsPerSec       the workload's mean throughput over the measured window, as the agent reported it
 * @param workloadMemoryPeakBytes   the largest resident memory the agent reported reaching
 * @param workload                  what the workload itself reported beyond throughput (JVM view, refusals, scores)
 * @param sampler                   where the CPU and memory figures come from
 * @param samples                   number of readings the figures come from
 * @param totals                    the kernel counters' differences over the measured window
 * @param service                   how a service came up (service workloads only)
 * @param load                      what the load driver measured of a service (service workloads only)
 * @param contention                CPU the host did not give the trial (direct cgroup sampler only)
 * @param memoryPressure            time at the memory limit under reclaim (direct cgroup sampler only)
 */
public record TrialMetrics(Double cpuUsedCores, Double cpuUsedP95Cores, Double throttledPeriodsRatio,
                           Double throttledSecondsPerSecond, Long memoryPeakBytes, Long workingSetPeakBytes,
                           Long memoryFailcnt, Long pidsPeak, int oomKills, OomEvidence oomEvidence, int restarts,
                           List<RunSpan> restartTimeline, Boolean policyGaveUp, java.time.Instant policyGaveUpAt,
                           Integer lastExitCode,
                           Double throughputOpsPerSec, Long workloadMemoryPeakBytes, WorkloadFacts workload,
                           Sampler sampler, int samples, CounterTotals totals, ServiceReadiness service,
                           LoadMetrics load, Contention contention, MemoryPressure memoryPressure) {
    @com.fasterxml.jackson.annotation.JsonCreator // the canonical constructor reads run.json
    public TrialMetrics {
        restartTimeline = restartTimeline == null ? List.of() : List.copyOf(restartTimeline);
    }

    /** Figures without contention or memory pressure (a remote engine's stats stream). */
    public TrialMetrics(Double cpuUsedCores, Double cpuUsedP95Cores, Double throttledPeriodsRatio,
                        Double throttledSecondsPerSecond, Long memoryPeakBytes, Long workingSetPeakBytes,
                        Long memoryFailcnt, Long pidsPeak, int oomKills, OomEvidence oomEvidence, int restarts,
                        List<RunSpan> restartTimeline, Boolean policyGaveUp, java.time.Instant policyGaveUpAt,
                        Integer lastExitCode, Double throughputOpsPerSec, Long workloadMemoryPeakBytes, WorkloadFacts workload,
                        Sampler sampler, int samples, CounterTotals totals, ServiceReadiness service, LoadMetrics load) {
        this(cpuUsedCores, cpuUsedP95Cores, throttledPeriodsRatio, throttledSecondsPerSecond, memoryPeakBytes,
                workingSetPeakBytes, memoryFailcnt, pidsPeak, oomKills, oomEvidence, restarts, restartTimeline, policyGaveUp,
                policyGaveUpAt, lastExitCode, throughputOpsPerSec, workloadMemoryPeakBytes, workload, sampler, samples, totals,
                service, load, null, null);
    }

    /** A copy with the host's and the memory controller's figures replaced. */
    public TrialMetrics withPressure(Contention cpu, MemoryPressure memory) {
        return new TrialMetrics(cpuUsedCores, cpuUsedP95Cores, throttledPeriodsRatio, throttledSecondsPerSecond,
                memoryPeakBytes, workingSetPeakBytes, memoryFailcnt, pidsPeak, oomKills, oomEvidence, restarts,
                restartTimeline, policyGaveUp, policyGaveUpAt, lastExitCode, throughputOpsPerSec, workloadMemoryPeakBytes,
                workload, sampler, samples, totals, service, load, cpu, memory);
    }

    /** The host kept CPU from it (see {@link Contention#disturbed()}). */
    public boolean disturbed() {
        return contention != null && contention.disturbed();
    }

    /** It stayed at its memory limit under reclaim (see {@link MemoryPressure#thrashing()}). */
    public boolean thrashing() {
        return memoryPressure != null && memoryPressure.thrashing();
    }

    /** A copy with what the workload reported about itself replaced. */
    public TrialMetrics withWorkload(WorkloadFacts facts) {
        return new TrialMetrics(cpuUsedCores, cpuUsedP95Cores, throttledPeriodsRatio, throttledSecondsPerSecond,
                memoryPeakBytes, workingSetPeakBytes, memoryFailcnt, pidsPeak, oomKills, oomEvidence, restarts,
                restartTimeline, policyGaveUp, policyGaveUpAt, lastExitCode, throughputOpsPerSec, workloadMemoryPeakBytes,
                facts, sampler, samples, totals, service, load, contention, memoryPressure);
    }

    /**
     * A command that ran to completion: its runtime (its last run's start to its exit 0) as its score, lower is
     * better, so that the knee is found on it. Unchanged when it did not exit 0.
     */
    public TrialMetrics withRuntimeScore() {
        if (lastExitCode == null || lastExitCode != 0 || restartTimeline.isEmpty()) {
            return this;
        }
        Double runtime = restartTimeline.get(restartTimeline.size() - 1).runSeconds();
        if (runtime == null || runtime <= 0) {
            return this;
        }
        WorkloadFacts facts = workload == null ? new WorkloadFacts(null, null, null, null, null, null, null, null) : workload;
        return withWorkload(new WorkloadFacts(facts.availableProcessors(), facts.maxHeapBytes(), facts.containerMemoryLimitBytes(),
                facts.threadsStarted(), facts.refusal(), runtime, null, RUNTIME_UNIT));
    }

    /** The unit of a command's runtime score: seconds per run. */
    public static final String RUNTIME_UNIT = "s/op";

    /** A copy with how the service came up and what its load measured. */
    public TrialMetrics withService(ServiceReadiness readiness, LoadMetrics measured) {
        return new TrialMetrics(cpuUsedCores, cpuUsedP95Cores, throttledPeriodsRatio, throttledSecondsPerSecond,
                memoryPeakBytes, workingSetPeakBytes, memoryFailcnt, pidsPeak, oomKills, oomEvidence, restarts,
                restartTimeline, policyGaveUp, policyGaveUpAt, lastExitCode, throughputOpsPerSec, workloadMemoryPeakBytes,
                workload, sampler, samples, totals, readiness, measured, contention, memoryPressure);
    }

    public TrialMetrics withCpuUsedP95Cores(Double value) {
        return new TrialMetrics(cpuUsedCores, value, throttledPeriodsRatio, throttledSecondsPerSecond, memoryPeakBytes,
                workingSetPeakBytes, memoryFailcnt, pidsPeak, oomKills, oomEvidence, restarts, restartTimeline, policyGaveUp,
                policyGaveUpAt, lastExitCode, throughputOpsPerSec, workloadMemoryPeakBytes, workload, sampler, samples, totals,
                service, load, contention, memoryPressure);
    }

    /**
     * Exact differences of the kernel's cumulative counters over the measured window (intervals across a
     * restart left out): CPU time, CFS periods, throttled periods and time, and the wall time they span.
     */
    public record CounterTotals(long cpuNs, long periods, long throttledPeriods, long throttledNs, long wallNs) {
    }

    /**
     * The OOM signals, each counted on its own: {@code events} oom events; {@code deaths} runs that ended
     * with exit 137 and OOMKilled; {@code cgroupCounter} the cgroup's oom_kill counter at its last reading
     * (null when unreadable, e.g. a remote engine or an old kernel).
     */
    public record OomEvidence(int events, int deaths, Long cgroupCounter) {
    }

    /**
     * One run of the container. {@code delaySeconds} is the time from the previous death to this start, and
     * {@code expectedBackoffSeconds} what the engine's restart manager should have waited (null for the first run).
     */
    public record RunSpan(int run, java.time.Instant started, java.time.Instant died, Integer exitCode,
                          Double runSeconds, Double delaySeconds, Double expectedBackoffSeconds) {
    }

    /**
     * What the workload reported about itself: the JVM's view of the container at start, threads it could
     * not start (pids), and a benchmark's score. Null fields were not reported.
     */
    public record WorkloadFacts(Integer availableProcessors, Long maxHeapBytes, Long containerMemoryLimitBytes,
                                Integer threadsStarted, String refusal, Double score, Double scoreError,
                                String scoreUnit) {
    }
}
