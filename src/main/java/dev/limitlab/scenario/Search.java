package dev.limitlab.scenario;

import dev.limitlab.metrics.Spelled;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An experiment's {@code search:}: the limits to find by trials chosen from the results so far, instead of
 * (or beside) a {@code matrix}. Each range is searched on its own, CPU first.
 *
 * @param cpus      the --cpus range (the knee), if searched
 * @param memory    the --memory range in bytes (the OOM boundary), if searched
 * @param maxTrials at most this many trials per range; empty: no limit but the precision
 * @param maxTime   at most this long per range; empty: no limit
 * @param mode      how CPU steps run; a memory search always uses a container per trial
 */
public record Search(Optional<Range> cpus, Optional<Range> memory, Optional<Integer> maxTrials,
                     Optional<Duration> maxTime, Mode mode) {
    /** How long an in-place step waits after the update before it measures: the CFS quota applies at once, the workload's pace a little later. */
    public static final Duration SETTLE = Duration.ofSeconds(1);
    /** How long an in-place step measures: ten CFS periods, ten cgroup readings at the default interval. */
    public static final Duration IN_PLACE_WINDOW = Duration.ofSeconds(1);

    public Search {
        Objects.requireNonNull(mode, "mode");
        if (cpus.isEmpty() && memory.isEmpty()) throw new IllegalArgumentException("a search needs cpus or memory");
        if (mode == Mode.IN_PLACE && cpus.isEmpty()) throw new IllegalArgumentException("in-place searches cpus only");
    }

    /** The searched limits, CPU first. */
    public List<Range> ranges() {
        List<Range> ranges = new ArrayList<>();
        cpus.ifPresent(ranges::add);
        memory.ifPresent(ranges::add);
        return ranges;
    }

    /** The mode a range runs in: memory always a container per trial. */
    public Mode modeOf(Range range) {
        return range.resource() == Resource.CPUS ? mode : Mode.PER_TRIAL;
    }

    /** A searchable limit; its label is the key as the scenario, the docker CLI and run.json spell it. */
    public enum Resource implements Spelled {
        CPUS, MEMORY;

        public String key() {
            return label();
        }

        /** {@code base} with this limit set to {@code value} (cores, or bytes); memory with no swap unless set, for a sure OOM kill. */
        public Limits apply(Limits base, double value) {
            if (this == CPUS) {
                return base.withCpus(value);
            }
            Limits withMemory = base.withMemory(Math.round(value));
            return base.memorySwap() == null ? withMemory.withMemorySwap(MemorySwap.SAME) : withMemory;
        }
    }

    /** How a search runs its CPU steps, spelled {@code per-trial} or {@code in-place}. */
    public enum Mode implements Spelled {
        PER_TRIAL, IN_PLACE
    }

    /** One searched limit: from {@code from} to {@code to}, until the bracket is at most {@code precision} wide. */
    public record Range(Resource resource, double from, double to, double precision) {
        public Range {
            Objects.requireNonNull(resource, "resource");
            if (!(from < to)) throw new IllegalArgumentException("from must be below to");
            if (!(precision > 0) || precision > to - from) throw new IllegalArgumentException("precision must be in (0, to - from]");
        }
    }
}
