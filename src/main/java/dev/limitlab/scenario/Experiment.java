package dev.limitlab.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One workload measured under every combination of the matrix, each on top of the fixed {@code limits}.
 *
 * @param duration how long each trial runs (the workload may end it sooner by exiting for good)
 * @param warmup   the first part of the duration, left out of CPU and throughput aggregates
 * @param repeat   how many times each configuration is run
 * @param timeout   bound on one trial, setup and teardown included; a trial over it is an infrastructure failure
 * @param hardening  the security settings its containers run with: the defaults, loosened key by key
 * @param security   a least-privilege review to repeat with every run ({@code security:}), if any
 * @param search     the limits to find by a search ({@code search:}), if any; its trials are chosen as it goes
 * @param isolation  a victim beside an aggressor ({@code isolation:}), if any: then {@code workload} and {@code limits}
 *                   are the victim's, {@code duration} is each phase's and {@code timeout} bounds each configuration
 */
public record Experiment(String name, Workload workload, Limits limits, List<MatrixAxis> matrix,
                         Duration duration, Duration warmup, int repeat, Duration timeout, Hardening hardening,
                         java.util.Optional<SecurityCheck> security, java.util.Optional<Search> search,
                         java.util.Optional<Isolation> isolation) {
    /** An experiment with no isolation. */
    public Experiment(String name, Workload workload, Limits limits, List<MatrixAxis> matrix, Duration duration,
                      Duration warmup, int repeat, Duration timeout, Hardening hardening,
                      java.util.Optional<SecurityCheck> security, java.util.Optional<Search> search) {
        this(name, workload, limits, matrix, duration, warmup, repeat, timeout, hardening, security, search, java.util.Optional.empty());
    }

    /** An experiment with no search. */
    public Experiment(String name, Workload workload, Limits limits, List<MatrixAxis> matrix, Duration duration,
                      Duration warmup, int repeat, Duration timeout, Hardening hardening,
                      java.util.Optional<SecurityCheck> security) {
        this(name, workload, limits, matrix, duration, warmup, repeat, timeout, hardening, security, java.util.Optional.empty());
    }

    public Experiment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(workload, "workload");
        limits = limits == null ? Limits.NONE : limits;
        matrix = List.copyOf(matrix);
        Objects.requireNonNull(duration, "duration");
        warmup = warmup == null ? Duration.ZERO : warmup;
        if (warmup.compareTo(duration) >= 0) throw new IllegalArgumentException("warmup must be shorter than duration");
        if (repeat < 1) throw new IllegalArgumentException("repeat must be >= 1");
        Objects.requireNonNull(timeout, "timeout");
        hardening = hardening == null ? Hardening.DEFAULT : hardening;
        security = security == null ? java.util.Optional.empty() : security;
        search = search == null ? java.util.Optional.empty() : search;
        isolation = isolation == null ? java.util.Optional.empty() : isolation;
    }

    /** The cartesian product of the matrix axes, each laid over the fixed limits; one entry when there is no matrix. */
    public List<Limits> configurations() {
        return MatrixAxis.product(limits, matrix);
    }
}
