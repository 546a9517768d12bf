package dev.limitlab.metrics;

import java.util.List;

/**
 * One isolation experiment as run.json records it under {@code isolation}: a victim beside an aggressor, each of the
 * aggressor's configurations measured in three phases on one timeline (schema in docs/results.md).
 *
 * @param victim         the victim's workload kind ({@code cpu} or {@code service})
 * @param aggressor      the aggressor's kind as the scenario spells it ({@code cpu-hog}, {@code fork-bomb}, ...)
 * @param target         the share of its throughput alone the victim must keep
 * @param cpuset         the CPUs both containers were pinned to; null when not pinned
 * @param phaseSeconds   each phase's length
 * @param recommendation the loosest aggressor limits that kept the target; null until made
 */
public record IsolationRun(String experiment, String victim, String aggressor, double target, String cpuset,
                           double phaseSeconds, List<IsolationConfiguration> configurations,
                           IsolationRecommendation recommendation) {
    public IsolationRun {
        configurations = configurations == null ? List.of() : List.copyOf(configurations);
    }

    public IsolationRun withRecommendation(IsolationRecommendation made) {
        return new IsolationRun(experiment, victim, aggressor, target, cpuset, phaseSeconds, configurations, made);
    }

    /**
     * One configuration of the aggressor. Throughput figures are the victim's own (ops/s of a cpu victim, requests/s of a
     * service), each the median of the victim's intervals in a phase; times are seconds from the victim's start.
     *
     * @param victimAlone         the victim's throughput alone, its baseline: the median of its intervals before the
     *                            aggressor started and after it was removed, both phases together
     * @param victimBefore        the median before the aggressor started only
     * @param victimAfter         the median after the aggressor was removed only (its recovery included)
     * @param victimWithAggressor its throughput while the aggressor runs
     * @param victimShare         with-aggressor ÷ alone; null when either is missing
     * @param victimLatencyRatio  a service victim's p99 latency with the aggressor ÷ alone (each the median of its driver's
     *                            per-interval p99s, alone from before and after together); null for other victims
     * @param recoverySeconds     from the aggressor's removal until the victim is back within 5 % of its baseline; null
     *                            when it did not come back within the phase
     * @param victimCoresBefore   the CPU the victim used before the aggressor started (its cgroup's usage): below its
     *                            own cpus, the host's other processes took part of its CPU even alone
     * @param victimCoresWithAggressor the CPU the victim used while the aggressor ran
     * @param hostGuard           why the host guard stopped the aggressor early, null when it did not
     * @param timelineUnit        the timeline's unit: {@code ops/s} (a cpu victim) or {@code requests/s} (a service)
     * @param timeline            the victim's throughput over time
     * @param latencyTimeline     a service victim's p99 latency (ms) over time, one point per driver interval; empty
     *                            for other victims
     * @param error               what kept the configuration from being measured, null when it was
     */
    public record IsolationConfiguration(int index, TrialLimits aggressorLimits, Double victimAlone, Double victimBefore,
                                         Double victimAfter, Double victimWithAggressor,
                                         Double victimShare, Double victimLatencyRatio, Double recoverySeconds,
                                         Double victimCoresBefore, Double victimCoresWithAggressor, Containment containment, HostReadings host, String hostGuard,
                                         Double aggressorStartSeconds, Double aggressorEndSeconds, String timelineUnit,
                                         List<TimelinePoint> timeline, List<TimelinePoint> latencyTimeline, String error) {
        public IsolationConfiguration {
            timeline = timeline == null ? List.of() : List.copyOf(timeline);
            latencyTimeline = latencyTimeline == null ? List.of() : List.copyOf(latencyTimeline);
        }

        public IsolationConfiguration withVictimCores(Double before, Double withAggressor) {
            return new IsolationConfiguration(index, aggressorLimits, victimAlone, victimBefore, victimAfter, victimWithAggressor,
                    victimShare, victimLatencyRatio, recoverySeconds, before, withAggressor, containment, host, hostGuard,
                    aggressorStartSeconds, aggressorEndSeconds, timelineUnit, timeline, latencyTimeline, error);
        }

        /** The aggressor's limits as docker CLI flags name them, e.g. {@code cpus=0.2 memory=64m pids-limit=64}. */
        public String label() {
            return aggressorLimits == null ? "?" : aggressorLimits.label();
        }
    }

    /**
     * How far the aggressor's limits held it.
     *
     * @param throttledRatio      throttled CFS periods ÷ periods while it ran; null without a CPU limit
     * @param cpuCores            the CPU it used while it ran (its cgroup's usage ÷ the time), to set beside its
     *                            {@code cpus}; null with fewer than two cgroup readings
     * @param oomKills            OOM kills: the most of the engine's oom events, its OOMKilled flag and the cgroup counter
     * @param pidsPeak            the most tasks its cgroup held
     * @param pidsRefused         task starts the kernel refused at the pids limit (the pids cgroup's {@code max} event count)
     * @param threadStartsRefused thread starts the agent saw refused (a fork bomb's own count; null for other kinds)
     * @param exitCode            the aggressor's exit code when it exited by itself before its removal, else null
     */
    public record Containment(Double throttledRatio, Double cpuCores, int oomKills, Long pidsPeak, Long pidsRefused, Long threadStartsRefused,
                              Integer exitCode) {
    }

    /**
     * The host, read from /proc every sampling tick of the configuration's timeline.
     *
     * @param lowestFreeMemoryBytes the lowest MemAvailable
     * @param highestLoad           the highest one-minute load average
     * @param highestTasks          the most tasks (threads) on the host
     * @param tasksBefore           the host's tasks when the aggressor started
     * @param taskBound             the most the host's tasks may reach: {@code tasksBefore}, the aggressor's pids limit and
     *                              an allowance for the rest of the host (other processes start threads meanwhile)
     * @param tasksBounded          whether {@code highestTasks} stayed within {@code taskBound}; null without readings
     * @param memoryFloorBytes      the floor under which the aggressor is stopped at once
     */
    public record HostReadings(Long lowestFreeMemoryBytes, Double highestLoad, Long highestTasks, Long tasksBefore,
                               Long taskBound, Boolean tasksBounded, long memoryFloorBytes) {
    }

    /** The victim's figure at {@code seconds} from its start. */
    public record TimelinePoint(double seconds, double value) {
    }

    /**
     * The loosest aggressor limits under which the victim kept at least {@code target} of its throughput.
     *
     * @param configuration the chosen configuration's label; null when none kept the target
     * @param limits        its limits; null when none kept the target
     * @param evidence      each configuration's share, one line each
     */
    public record IsolationRecommendation(String configuration, TrialLimits limits, String reason, List<String> evidence) {
        public IsolationRecommendation {
            evidence = evidence == null ? List.of() : List.copyOf(evidence);
        }
    }
}
