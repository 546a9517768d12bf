package dev.limitlab.metrics;

import dev.limitlab.metrics.IsolationRun.Containment;
import dev.limitlab.metrics.IsolationRun.HostReadings;
import dev.limitlab.metrics.IsolationRun.IsolationConfiguration;
import dev.limitlab.metrics.IsolationRun.TimelinePoint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A victim's throughput over one configuration's timeline, split at the aggressor's start and stop: the figures
 * run.json records. A cpu victim's points are its {@code sample} lines' {@code opsPerSec}; a service victim's are its
 * load driver's samples, requests completed per second and their p99 latency. Each point stands for the
 * {@code reportMs} before its line's stamp and counts in the phase its interval's middle falls in; the first
 * {@code settle} is left out.
 * <p>Each phase's figure is the median of its intervals, not their mean: on a shared host one interval in which another
 * process took the CPU moves a mean by far more than the aggressor being judged. The victim's figure alone is the
 * median of the phases before and after the aggressor together, so that a host whose load drifts during the
 * configuration weighs on both sides of the comparison alike.
 *
 * @param latency   a service victim's p99 latency (ms) per interval; empty for other victims
 * @param unit      the throughput's unit, {@code ops/s} or {@code requests/s}
 * @param recovered the share of the baseline that counts as recovered (0.95: within 5 %)
 */
public record VictimTimeline(List<TimelinePoint> points, List<TimelinePoint> latency, String unit, double aggressorStartSeconds,
                             double aggressorEndSeconds, Duration settle, double recovered) {
    public VictimTimeline {
        points = List.copyOf(points);
        latency = List.copyOf(latency);
    }

    /** A cpu victim's timeline from its own lines. */
    public static VictimTimeline of(List<WorkloadReport> lines, Instant victimStarted, Instant aggressorStarted,
                                    Instant aggressorStopped, long reportMs, Duration settle, double recovered) {
        List<TimelinePoint> points = new ArrayList<>();
        for (WorkloadReport line : lines) {
            Double value = line.is("sample") ? line.number("opsPerSec") : null;
            if (value != null) {
                points.add(point(victimStarted, line, reportMs, value));
            }
        }
        return new VictimTimeline(points, List.of(), "ops/s", seconds(victimStarted, aggressorStarted),
                seconds(victimStarted, aggressorStopped), settle, recovered);
    }

    /** A service victim's timeline from its load driver's {@code sample} lines ({@code completed}, {@code latencyMs.p99}). */
    public static VictimTimeline ofService(List<WorkloadReport> driverLines, Instant loadStarted, Instant aggressorStarted,
                                           Instant aggressorStopped, long reportMs, Duration settle, double recovered) {
        List<TimelinePoint> points = new ArrayList<>();
        List<TimelinePoint> latency = new ArrayList<>();
        for (WorkloadReport line : driverLines) {
            Double completed = line.is("sample") ? line.number("completed") : null;
            if (completed == null) {
                continue;
            }
            points.add(point(loadStarted, line, reportMs, completed * 1000.0 / reportMs));
            if (line.fields().get("latencyMs") instanceof Map<?, ?> percentiles && percentiles.get("p99") instanceof Number p99) {
                latency.add(point(loadStarted, line, reportMs, p99.doubleValue()));
            }
        }
        return new VictimTimeline(points, latency, "requests/s", seconds(loadStarted, aggressorStarted),
                seconds(loadStarted, aggressorStopped), settle, recovered);
    }

    private static TimelinePoint point(Instant origin, WorkloadReport line, long reportMs, double value) {
        return new TimelinePoint(seconds(origin, line.time()) - reportMs / 2000.0, value);
    }

    /** The victim's median throughput alone: before the aggressor started (after the settle) and after it was removed. */
    public Double alone() {
        return median(points, this::alone);
    }

    /** The median before the aggressor started (after the settle) only. */
    public Double before() {
        return median(points, this::inBefore);
    }

    public Double withAggressor() {
        return median(points, this::inWith);
    }

    /** The median after the aggressor was removed, recovery included. */
    public Double after() {
        return median(points, this::inAfter);
    }

    /** A service victim's median p99 latency with the aggressor ÷ alone; null for other victims or without latencies. */
    public Double latencyRatio() {
        Double alone = median(latency, this::alone);
        Double with = median(latency, this::inWith);
        return alone == null || with == null || alone == 0 ? null : with / alone;
    }

    private boolean alone(TimelinePoint point) {
        return inBefore(point) || inAfter(point);
    }

    private boolean inBefore(TimelinePoint point) {
        return point.seconds() >= settle.toMillis() / 1000.0 && point.seconds() < aggressorStartSeconds;
    }

    private boolean inWith(TimelinePoint point) {
        return point.seconds() >= aggressorStartSeconds && point.seconds() < aggressorEndSeconds;
    }

    private boolean inAfter(TimelinePoint point) {
        return point.seconds() >= aggressorEndSeconds;
    }

    /** Seconds from the aggressor's stop to the end of the first sample back within the baseline's band; null if none. */
    public Double recoverySeconds(double intervalSeconds) {
        Double alone = alone();
        if (alone == null) {
            return null;
        }
        return points.stream().filter(p -> p.seconds() >= aggressorEndSeconds && p.value() >= recovered * alone)
                .findFirst().map(p -> Math.max(0, p.seconds() + intervalSeconds / 2 - aggressorEndSeconds)).orElse(null);
    }

    public IsolationConfiguration configuration(int index, TrialLimits aggressor, double intervalSeconds, Containment containment,
                                                HostReadings host, String hostGuard) {
        Double alone = alone();
        Double with = withAggressor();
        Double share = alone == null || with == null || alone == 0 ? null : with / alone;
        return new IsolationConfiguration(index, aggressor, alone, before(), after(), with, share, latencyRatio(),
                recoverySeconds(intervalSeconds), null, null, containment, host, hostGuard, aggressorStartSeconds, aggressorEndSeconds,
                unit, points, latency, null);
    }

    private static Double median(List<TimelinePoint> points, Predicate<TimelinePoint> phase) {
        double[] values = points.stream().filter(phase).mapToDouble(TimelinePoint::value).sorted().toArray();
        if (values.length == 0) {
            return null;
        }
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
