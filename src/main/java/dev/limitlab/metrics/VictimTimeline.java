package dev.limitlab.metrics;

import dev.limitlab.metrics.IsolationRun.Containment;
import dev.limitlab.metrics.IsolationRun.HostReadings;
import dev.limitlab.metrics.IsolationRun.IsolationConfiguration;
import dev.limitlab.metrics.IsolationRun.TimelinePoint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A victim's throughput over one configuration's timeline, from its {@code sample} lines ({@code opsPerSec} over the
 * {@code reportMs} before each line's stamp), split at the aggressor's start and stop: the figures run.json records.
 * A sample counts in the phase its interval's middle falls in; the first {@code settle} of the victim is left out.
 * Each phase's figure is the median of its intervals, not their mean: on a shared host one interval in which another
 * process took the CPU moves a mean by far more than the aggressor being judged. The victim's figure alone is the
 * median of the phases before and after the aggressor together, so that a host whose load drifts during the
 * configuration weighs on both sides of the comparison alike.
 *
 * @param recovered the share of the baseline that counts as recovered (0.95: within 5 %)
 */
public record VictimTimeline(List<TimelinePoint> points, double aggressorStartSeconds, double aggressorEndSeconds,
                             Duration settle, double recovered) {
    public VictimTimeline {
        points = List.copyOf(points);
    }

    public static VictimTimeline of(List<WorkloadReport> lines, Instant victimStarted, Instant aggressorStarted,
                                    Instant aggressorStopped, long reportMs, Duration settle, double recovered) {
        List<TimelinePoint> points = new ArrayList<>();
        for (WorkloadReport line : lines) {
            Double value = line.is("sample") ? line.number("opsPerSec") : null;
            if (value != null) {
                points.add(new TimelinePoint(seconds(victimStarted, line.time()) - reportMs / 2000.0, value));
            }
        }
        return new VictimTimeline(points, seconds(victimStarted, aggressorStarted), seconds(victimStarted, aggressorStopped),
                settle, recovered);
    }

    /** The victim's median throughput alone: before the aggressor started (after the settle) and after it was removed. */
    public Double alone() {
        return median(points.stream().filter(p -> inBefore(p) || p.seconds() >= aggressorEndSeconds).toList());
    }

    /** The median before the aggressor started (after the settle) only. */
    public Double before() {
        return median(points.stream().filter(this::inBefore).toList());
    }

    public Double withAggressor() {
        return median(points.stream().filter(p -> p.seconds() >= aggressorStartSeconds && p.seconds() < aggressorEndSeconds).toList());
    }

    /** The median after the aggressor was removed, recovery included. */
    public Double after() {
        return median(points.stream().filter(p -> p.seconds() >= aggressorEndSeconds).toList());
    }

    private boolean inBefore(TimelinePoint point) {
        return point.seconds() >= settle.toMillis() / 1000.0 && point.seconds() < aggressorStartSeconds;
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
        return new IsolationConfiguration(index, aggressor, alone, before(), after(), with, share, null, recoverySeconds(intervalSeconds),
                containment, host, hostGuard, aggressorStartSeconds, aggressorEndSeconds, "ops/s", points, null);
    }

    static Double median(List<TimelinePoint> phase) {
        double[] values = phase.stream().mapToDouble(TimelinePoint::value).sorted().toArray();
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
