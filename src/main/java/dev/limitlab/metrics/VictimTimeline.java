package dev.limitlab.metrics;

import dev.limitlab.metrics.IsolationRun.Containment;
import dev.limitlab.metrics.IsolationRun.HostReadings;
import dev.limitlab.metrics.IsolationRun.IsolationConfiguration;
import dev.limitlab.metrics.IsolationRun.TimelinePoint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A victim's throughput over one configuration's timeline, from its {@code sample} lines ({@code opsPerSec} over the
 * {@code reportMs} before each line's stamp), split at the aggressor's start and stop: the figures run.json records.
 * A sample counts in the phase its interval's middle falls in; the first {@code settle} of the victim is left out.
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

    /** The victim's mean throughput before the aggressor started (after the settle), null without samples. */
    public Double alone() {
        return mean(settle.toMillis() / 1000.0, aggressorStartSeconds);
    }

    public Double withAggressor() {
        return mean(aggressorStartSeconds, aggressorEndSeconds);
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
        return new IsolationConfiguration(index, aggressor, alone, with, share, null, recoverySeconds(intervalSeconds),
                containment, host, hostGuard, aggressorStartSeconds, aggressorEndSeconds, "ops/s", points, null);
    }

    private Double mean(double from, double to) {
        OptionalDouble mean = points.stream().filter(p -> p.seconds() >= from && p.seconds() < to)
                .mapToDouble(TimelinePoint::value).average();
        return mean.isPresent() ? mean.getAsDouble() : null;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
