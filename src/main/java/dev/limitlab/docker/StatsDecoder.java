package dev.limitlab.docker;

import com.github.dockerjava.api.model.CpuStatsConfig;
import com.github.dockerjava.api.model.MemoryStatsConfig;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.StatsConfig;
import com.github.dockerjava.api.model.ThrottlingDataConfig;
import dev.limitlab.metrics.StatsSample;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Turns one stats frame of the engine (cgroup v1 or v2 layout) into a {@link StatsSample}. */
public final class StatsDecoder {
    private static final Instant EPOCH = Instant.EPOCH;

    private StatsDecoder() {
    }

    /** Empty when the frame is one of the blank ones the engine sends while the container is not running. */
    public static Optional<StatsSample> decode(Statistics frame) {
        Instant read = parseTime(frame.getRead());
        CpuStatsConfig cpu = frame.getCpuStats();
        if (read == null || !read.isAfter(EPOCH) || cpu == null || cpu.getCpuUsage() == null) {
            return Optional.empty();
        }
        ThrottlingDataConfig throttling = cpu.getThrottlingData();
        MemoryStatsConfig memory = frame.getMemoryStats();
        long usage = memory == null ? 0 : orZero(memory.getUsage());
        Long maxUsage = memory == null ? null : memory.getMaxUsage();
        return Optional.of(new StatsSample(
                read,
                orZero(cpu.getCpuUsage().getTotalUsage()),
                throttling == null ? 0 : orZero(throttling.getPeriods()),
                throttling == null ? 0 : orZero(throttling.getThrottledPeriods()),
                throttling == null ? 0 : orZero(throttling.getThrottledTime()),
                usage,
                maxUsage != null && maxUsage > 0 ? maxUsage : null,
                Math.max(0, usage - inactiveFile(memory)),
                frame.getPidsStats() == null ? null : frame.getPidsStats().getCurrent(),
                memory == null ? null : memory.getFailcnt(),
                null)); // the stats API does not carry the cgroup's oom_kill counter
    }

    // v1 reports the hierarchy's total_inactive_file, v2 only inactive_file.
    private static long inactiveFile(MemoryStatsConfig memory) {
        StatsConfig stats = memory == null ? null : memory.getStats();
        if (stats == null) {
            return 0;
        }
        if (stats.getTotalInactiveFile() != null) {
            return stats.getTotalInactiveFile();
        }
        return orZero(stats.getInactiveFile());
    }

    private static Instant parseTime(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException unparsable) {
            return null;
        }
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
