package dev.limitlab.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.DoublePredicate;
import java.util.function.Function;

/**
 * The performance targets of issues 7, 12, 13 and 14, judged by the bench on its own figures (never by a timed unit test). A
 * figure that could not be measured misses its target; the targets of a phase not run are not judged.
 */
enum Target {
    OVERHEAD(BenchPhase.OVERHEAD, "perTrialOverheadMedianS", "<= 0.35 s",
            r -> r.overhead().perTrialOverheadMedianS(), v -> v <= 0.35),
    MATRIX_WALL(BenchPhase.FIDELITY, "matrixWallOverDurations", "<= 1.10",
            r -> r.matrix().matrixWallOverDurations(), v -> v <= 1.10),
    WALL_VS_CLI(BenchPhase.OVERHEAD, "wallVsCliRatio", "<= 1.0",
            r -> r.cli().wallVsCliRatio(), v -> v <= 1.0),
    SELF_CPU(BenchPhase.FIDELITY, "selfCpuPctOfCore100ms", "<= 3 %",
            r -> r.selfCpu().selfCpuPctOfCore100ms(), v -> v <= 3.0),
    DETECTION(BenchPhase.DETECTION, "detectionLatencyP99Ms", "<= 100 ms",
            r -> r.detection().detectionLatencyP99Ms(), v -> v <= 100),
    CPU_FIDELITY(BenchPhase.FIDELITY, "cpuFidelityWorstRatio", "1 +- 0.03",
            r -> r.cpuFidelity().cpuFidelityWorstRatio(), v -> Math.abs(v - 1) <= 0.03),
    PARALLEL(BenchPhase.PARALLEL, "parallelThroughputWorstDeviation", "<= 5 %",
            r -> r.parallel().parallelThroughputWorstDeviation(), v -> v <= 0.05),
    DRIVER_VS_WRK(BenchPhase.DRIVER, "driverVsWrkRatio", ">= 0.8",
            r -> r.driver().driverVsWrkRatio(), v -> v >= 0.8),
    SEARCH_TRIALS(BenchPhase.SEARCH, "searchTrialsToCpuAnswer", "<= 8",
            r -> r.search().searchTrialsToCpuAnswer() == null ? null : r.search().searchTrialsToCpuAnswer().doubleValue(), v -> v <= 8),
    IN_PLACE_WALL(BenchPhase.SEARCH, "inPlaceWallVsPerTrial", "<= 0.2",
            r -> r.search().inPlaceWallVsPerTrial(), v -> v <= 0.2),
    SEARCH_ANSWERS(BenchPhase.SEARCH, "searchAnswersSpread", "<= 0.05",
            r -> r.search().searchAnswersSpread(), v -> v <= 0.05 + 1e-9),
    DISTURBED_FLAGGED(BenchPhase.DISTURBANCE, "disturbedFlaggedRatio", "1.0",
            r -> r.disturbance().disturbedFlaggedRatio(), v -> v >= 1 - 1e-9),
    QUIET_FLAGGED(BenchPhase.DISTURBANCE, "quietFlaggedRatio", "0",
            r -> r.disturbance().quietFlaggedRatio(), v -> v <= 1e-9),
    QUIET_CPU(BenchPhase.DISTURBANCE, "quietCpuWorstRatio", "1 +- 0.03",
            r -> r.disturbance().quietCpuWorstRatio(), v -> Math.abs(v - 1) <= 0.03),
    UNFLAGGED_CPU(BenchPhase.DISTURBANCE, "unflaggedCpuWorstRatio", "1 +- 0.03",
            r -> r.disturbance().unflaggedCpuWorstRatio(), v -> Math.abs(v - 1) <= 0.03);

    /** One target's verdict: {@code key} names the figure in the bench JSON, {@code target} its bound in its unit. */
    record Check(String key, String target, Double measured, boolean pass) {
    }

    private final BenchPhase phase;
    private final String key;
    private final String bound;
    private final Function<BenchReport, Double> figure;
    private final DoublePredicate met;

    Target(BenchPhase phase, String key, String bound, Function<BenchReport, Double> figure, DoublePredicate met) {
        this.phase = phase;
        this.key = key;
        this.bound = bound;
        this.figure = figure;
        this.met = met;
    }

    Check check(BenchReport report) {
        Double measured = figure.apply(report);
        return new Check(key, bound, measured, measured != null && met.test(measured));
    }

    static List<Check> judge(BenchReport report) {
        return Arrays.stream(values()).filter(target -> report.phasesRun().contains(target.phase))
                .map(target -> target.check(report)).toList();
    }
}
