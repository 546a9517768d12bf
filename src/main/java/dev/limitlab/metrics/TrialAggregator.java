package dev.limitlab.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Reduces one trial's raw readings to {@link TrialMetrics}. Totals are differences of the kernel's
 * cumulative counters between consecutive frames, never sums of rates; an interval across a restart
 * (counters back to zero) is dropped because its start is unknown.
 */
public final class TrialAggregator {
    private TrialAggregator() {
    }

    public static TrialMetrics aggregate(List<StatsSample> samples, List<ContainerEvent> events,
                                         List<WorkloadReport> reports, FinalState finalState) {
        List<StatsSample> ordered = samples.stream().sorted(Comparator.comparing(StatsSample::read)).toList();
        long wallNs = 0, cpuNs = 0, periods = 0, throttled = 0, throttledNs = 0;
        List<Double> intervalCores = new ArrayList<>();
        for (int i = 1; i < ordered.size(); i++) {
            StatsSample prev = ordered.get(i - 1), cur = ordered.get(i);
            long dWall = Duration.between(prev.read(), cur.read()).toNanos();
            boolean counterReset = cur.cpuTotalNs() < prev.cpuTotalNs() || cur.periods() < prev.periods();
            if (dWall <= 0 || counterReset) {
                continue;
            }
            long dCpu = cur.cpuTotalNs() - prev.cpuTotalNs();
            wallNs += dWall;
            cpuNs += dCpu;
            periods += cur.periods() - prev.periods();
            throttled += cur.throttledPeriods() - prev.throttledPeriods();
            throttledNs += cur.throttledTimeNs() - prev.throttledTimeNs();
            intervalCores.add((double) dCpu / dWall);
        }
        Double cpuUsed = wallNs > 0 ? (double) cpuNs / wallNs : null;
        Double throttledRatio = periods > 0 ? (double) throttled / periods : null;
        Double throttledPerSecond = wallNs > 0 && periods > 0 ? (double) throttledNs / wallNs : null;

        Long memoryPeak = ordered.stream()
                .map(s -> s.memoryMaxUsageBytes() != null ? s.memoryMaxUsageBytes() : s.memoryUsageBytes())
                .max(Long::compare).orElse(null);
        Long workingSetPeak = ordered.stream().map(StatsSample::workingSetBytes).max(Long::compare).orElse(null);

        return new TrialMetrics(cpuUsed, percentile(intervalCores, 0.95), throttledRatio, throttledPerSecond,
                memoryPeak, workingSetPeak, oomKills(events, finalState), restarts(events, finalState),
                lastExitCode(events, finalState), meanThroughput(reports), workloadMemoryPeak(reports),
                ordered.size());
    }

    /** Nearest-rank percentile; null for no values. */
    public static Double percentile(List<Double> values, double quantile) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(quantile * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    // The oom event is best-effort across kernels; inspect's OOMKilled (reset on every start) catches a
    // kill in the last run when the event was missed.
    private static int oomKills(List<ContainerEvent> events, FinalState finalState) {
        int fromEvents = (int) events.stream().filter(e -> e.is("oom")).count();
        return fromEvents == 0 && finalState.oomKilled() ? 1 : fromEvents;
    }

    private static int restarts(List<ContainerEvent> events, FinalState finalState) {
        int starts = (int) events.stream().filter(e -> e.is("start")).count();
        return Math.max(Math.max(0, starts - 1), finalState.restartCount());
    }

    private static Integer lastExitCode(List<ContainerEvent> events, FinalState finalState) {
        return events.stream().filter(e -> e.is("die")).map(ContainerEvent::exitCode).filter(Objects::nonNull)
                .reduce((first, second) -> second)
                .orElse(finalState.running() ? null : finalState.exitCode());
    }

    private static Double meanThroughput(List<WorkloadReport> reports) {
        return reports.stream().map(WorkloadReport::opsPerSec).filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue).average().stream().boxed().findFirst().orElse(null);
    }

    private static Long workloadMemoryPeak(List<WorkloadReport> reports) {
        return reports.stream().map(WorkloadReport::rssBytes).filter(Objects::nonNull).max(Long::compare).orElse(null);
    }
}
