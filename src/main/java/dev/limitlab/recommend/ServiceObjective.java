package dev.limitlab.recommend;

import dev.limitlab.format.Notation;
import dev.limitlab.metrics.LoadMetrics;
import dev.limitlab.metrics.RecommendTargets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A service's objective under load, from the {@code recommend:} block: each named latency percentile within its
 * bound ({@code latency-p99: 50ms}), the error ratio within {@code error-rate}, and the achieved rate at least
 * {@value RecommendTargets#ACHIEVED_RATE_TARGET} of the offered one (the service kept up). A window in which the driver
 * itself fell behind its schedule is not judged: the service is not blamed for the driver's lag.
 */
final class ServiceObjective {
    private ServiceObjective() {
    }

    /**
     * What one load window shows against the objective.
     *
     * @param judged false when the driver fell behind, or measured nothing
     * @param met    every criterion held
     * @param facts  each criterion with its figure, e.g. {@code p99 38.2 ms (<= 50.0 ms)}
     */
    record Verdict(boolean judged, boolean met, List<String> facts) {
    }

    static Verdict judge(LoadMetrics load, RecommendTargets targets) {
        if (load == null) {
            return new Verdict(false, false, List.of("no load measured"));
        }
        if (Boolean.TRUE.equals(load.driverBehind())) {
            return new Verdict(false, false, List.of("the load driver fell behind its schedule (p99 lag "
                    + (load.driverLagP99Ms() == null ? "unknown" : Notation.millis(load.driverLagP99Ms()))
                    + "): the driver, not the service, set the pace; not judged"));
        }
        List<String> facts = new ArrayList<>();
        boolean met = true;
        for (Map.Entry<LoadMetrics.Percentile, Double> bound : targets.latencyMs().entrySet()) {
            Double latency = load.latency(bound.getKey());
            boolean holds = latency != null && latency <= bound.getValue();
            met &= holds;
            facts.add(bound.getKey().key() + " " + (latency == null ? "not measured" : Notation.millis(latency))
                    + (holds ? " <= " : " > ") + Notation.millis(bound.getValue()));
        }
        double errors = load.errorRatio() == null ? 1 : load.errorRatio();
        boolean fewErrors = errors <= targets.errorRate();
        met &= fewErrors;
        facts.add("errors " + Notation.percent(errors) + (fewErrors ? " <= " : " > ") + Notation.percent(targets.errorRate()));
        Double share = load.offeredRate() == null || load.offeredRate() <= 0 || load.achievedRate() == null ? null
                : load.achievedRate() / load.offeredRate();
        boolean keptUp = share != null && share >= RecommendTargets.ACHIEVED_RATE_TARGET;
        met &= keptUp;
        facts.add("achieved " + (share == null ? "not measured" : Notation.percent(share)) + " of the offered rate"
                + (keptUp ? " >= " : " < ") + Notation.percent(RecommendTargets.ACHIEVED_RATE_TARGET));
        return new Verdict(true, met, facts);
    }
}
