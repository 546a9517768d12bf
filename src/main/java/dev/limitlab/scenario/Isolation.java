package dev.limitlab.scenario;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An experiment's {@code isolation:}: a well-behaved victim beside a misbehaving aggressor, each configuration of the
 * aggressor's limits run in three phases on one timeline (victim alone, with the aggressor, after it is removed).
 *
 * @param cpuset          the CPUs both containers are pinned to (contention is the point), if any
 * @param target          the share of its throughput alone that the victim must keep, in (0, 1]
 * @param hostMemoryFloor the host's available memory (bytes) below which the aggressor is stopped at once
 */
public record Isolation(Victim victim, Aggressor aggressor, Optional<String> cpuset, double target, long hostMemoryFloor) {
    public static final double DEFAULT_TARGET = 0.9;
    public static final long DEFAULT_HOST_MEMORY_FLOOR = 256L << 20;

    public Isolation {
        Objects.requireNonNull(victim, "victim");
        Objects.requireNonNull(aggressor, "aggressor");
        cpuset = cpuset == null ? Optional.empty() : cpuset;
        if (!(target > 0 && target <= 1)) throw new IllegalArgumentException("target must be in (0, 1]");
        if (hostMemoryFloor < 0) throw new IllegalArgumentException("hostMemoryFloor must be >= 0");
    }

    /**
     * The well-behaved neighbour: a workload with a throughput figure over time, the agent's cpu workload or a service
     * (its load driver's throughput and latency).
     */
    public record Victim(Workload workload, Limits limits) {
        public Victim {
            if (!(workload instanceof Workload.Cpu || workload instanceof Workload.Service)) {
                throw new IllegalArgumentException("a victim is a cpu or service workload, not " + workload.kind());
            }
            limits = limits == null ? Limits.NONE : limits;
        }
    }

    /**
     * The misbehaving container, under the limits being judged: every combination of {@code matrix} over {@code limits}.
     *
     * @param kind as the scenario spells it ({@code cpu-hog}, {@code memory-hog}, {@code fork-bomb} or {@code command})
     */
    public record Aggressor(String kind, Workload workload, Limits limits, List<MatrixAxis> matrix) {
        public Aggressor {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(workload, "workload");
            limits = limits == null ? Limits.NONE : limits;
            matrix = List.copyOf(matrix);
        }

        /** Every configuration of the aggressor; each must carry a memory and a pids limit (the loader sees to it). */
        public List<Limits> configurations() {
            return MatrixAxis.product(limits, matrix);
        }
    }
}
