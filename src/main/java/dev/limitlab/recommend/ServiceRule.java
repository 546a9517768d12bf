package dev.limitlab.recommend;

import dev.limitlab.format.Notation;
import dev.limitlab.metrics.ConfigurationSummary;
import dev.limitlab.metrics.LoadMetrics;
import dev.limitlab.metrics.Metric;
import dev.limitlab.metrics.RecommendTargets;
import dev.limitlab.metrics.TrialResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code --cpus} for a service: the smallest value whose load window meets the objective ({@link ServiceObjective}),
 * interpolated on the latency curve between the last tested value that misses it and the first that meets it, and
 * at least the service's CPU demand under load plus headroom; rounded up to the step. Empty when no service ran.
 */
final class ServiceRule {
    static final String KIND = "service";

    private ServiceRule() {
    }

    /** One tested --cpus value of a service: whether all its repeats met the objective, and its mean latencies. */
    /** One service's answer: its --cpus and the CPU request beside it (null: not measured). */
    private record Answer(double cpus, Double request) {
    }

    private record Point(double cpus, boolean judged, boolean met, Map<LoadMetrics.Percentile, Double> latencyMs,
                         ConfigurationSummary configuration) {
    }

    static Optional<CpuRule.Finding> apply(RunView run, RecommendTargets targets) {
        Map<String, List<ConfigurationSummary>> services = run.configurations().stream()
                .filter(c -> KIND.equals(c.workload()))
                .collect(Collectors.groupingBy(ConfigurationSummary::experiment, LinkedHashMap::new, Collectors.toList()));
        if (services.isEmpty()) {
            return Optional.empty();
        }
        List<String> evidence = new ArrayList<>();
        evidence.add("service objective: " + objective(targets));
        List<Double> recommended = new ArrayList<>();
        List<Double> requests = new ArrayList<>();
        List<Double> toTry = new ArrayList<>();
        services.forEach((name, configurations) -> {
            curve(run, name, configurations, targets, evidence, toTry).ifPresent(answer -> {
                recommended.add(answer.cpus());
                if (answer.request() != null) requests.add(answer.request());
            });
        });
        if (recommended.size() < services.size()) {
            evidence.add("no --cpus recommended: not every service found a value that meets its objective"
                    + (toTry.isEmpty() ? "" : "; test " + values(toTry) + " next"));
            return Optional.of(new CpuRule.Finding(null, null, List.copyOf(toTry), Map.of(), evidence));
        }
        double cpus = recommended.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        Double request = requests.stream().max(Double::compare).map(r -> Math.min(r, cpus)).orElse(cpus);
        return Optional.of(new CpuRule.Finding(cpus, request, List.of(), Map.of(), evidence));
    }

    /** The service's answer, or empty when no tested value met the objective. */
    private static Optional<Answer> curve(RunView run, String experiment, List<ConfigurationSummary> configurations,
                                            RecommendTargets targets, List<String> evidence, List<Double> toTry) {
        String prefix = experiment + ": ";
        TreeMap<Double, Point> points = new TreeMap<>();
        for (ConfigurationSummary c : configurations) {
            if (c.limits().cpus() == null) {
                evidence.add(prefix + c.limits().label() + ": no --cpus limit, not on the curve");
                continue;
            }
            List<ServiceObjective.Verdict> verdicts = run.measured(c).stream()
                    .map(TrialResult::metrics).map(m -> ServiceObjective.judge(m.load(), targets)).toList();
            boolean judged = !verdicts.isEmpty() && verdicts.stream().allMatch(ServiceObjective.Verdict::judged);
            boolean met = judged && verdicts.stream().allMatch(ServiceObjective.Verdict::met);
            Map<LoadMetrics.Percentile, Double> latency = new LinkedHashMap<>();
            for (LoadMetrics.Percentile p : LoadMetrics.Percentile.values()) {
                Double mean = c.mean(Metric.latency(p));
                if (mean != null) latency.put(p, mean);
            }
            Point point = new Point(c.limits().cpus(), judged, met, latency, c);
            points.merge(point.cpus(), point, (a, b) -> a.met() ? b : a); // the same cpus twice: the worse decides
            String facts = verdicts.isEmpty() ? "measured nothing" : verdicts.get(verdicts.size() - 1).facts().stream()
                    .collect(Collectors.joining(", "));
            Double throttled = c.mean(Metric.THROTTLED);
            evidence.add(prefix + "cpus=" + Notation.plain(point.cpus()) + ": " + facts
                    + (throttled == null ? "" : ", throttled " + Notation.percent(throttled) + " of periods")
                    + (verdicts.size() > 1 ? " (last of " + verdicts.size() + " repeats)" : "")
                    + (!judged ? ": not judged" : met ? ": meets the objective" : ": misses the objective"));
        }
        List<Point> judged = points.values().stream().filter(Point::judged).toList();
        if (judged.isEmpty()) {
            evidence.add(prefix + "no tested --cpus value could be judged");
            return Optional.empty();
        }
        int first = 0;
        while (first < judged.size() && !judged.get(first).met()) {
            first++;
        }
        if (first == judged.size()) {
            double largest = judged.get(judged.size() - 1).cpus();
            List<Double> next = List.of(RunView.roundUp(1.5 * largest, targets.cpuStep()), RunView.roundUp(2 * largest, targets.cpuStep()));
            toTry.addAll(next.stream().filter(v -> !toTry.contains(v)).toList());
            evidence.add(prefix + "no tested --cpus value met the objective; try " + values(next));
            return Optional.empty();
        }
        Point pass = judged.get(first);
        double knee = knee(first == 0 ? null : judged.get(first - 1), pass, targets, prefix, evidence);
        if (first == 0) {
            double lower = RunView.roundUp(pass.cpus() / 2, targets.cpuStep());
            evidence.add(prefix + "the smallest tested value, cpus=" + Notation.plain(pass.cpus())
                    + ", already meets the objective: the knee may lie lower (test cpus=" + Notation.plain(lower) + ")");
        }
        double wanted = knee;
        Double demand = pass.configuration().mean(Metric.CPU_P95);
        if (demand != null) {
            double withHeadroom = demand * (1 + targets.cpuHeadroom());
            evidence.add(prefix + "demand under load " + Notation.cores(demand) + " cores (p95 of CPU used at cpus="
                    + Notation.plain(pass.cpus()) + "); + " + Notation.percent(targets.cpuHeadroom()) + " headroom = "
                    + three(withHeadroom));
            wanted = Math.max(knee, withHeadroom);
        }
        double recommended = RunView.roundUp(wanted, targets.cpuStep());
        evidence.add(prefix + three(wanted) + " rounded up to a multiple of " + Notation.plain(targets.cpuStep())
                + ": --cpus " + Notation.plain(recommended));
        Double used = pass.configuration().mean(Metric.CPU_USED);
        return Optional.of(new Answer(recommended,
                used == null ? null : Math.min(recommended, RunView.roundUp(used, targets.cpuStep()))));
    }

    // Each latency bound the failing value misses is crossed somewhere between it and the passing value; the knee is the
    // latest crossing. A value that failed on errors or its achieved rate alone gives no curve: the passing value stands.
    private static double knee(Point fail, Point pass, RecommendTargets targets, String prefix, List<String> evidence) {
        if (fail == null) {
            return pass.cpus();
        }
        Double knee = null;
        String binding = null;
        for (Map.Entry<LoadMetrics.Percentile, Double> bound : targets.latencyMs().entrySet()) {
            Double slow = fail.latencyMs().get(bound.getKey());
            Double fast = pass.latencyMs().get(bound.getKey());
            if (slow == null || fast == null || slow <= bound.getValue() || fast >= slow) {
                continue;
            }
            double crossing = fail.cpus() + (slow - bound.getValue()) / (slow - fast) * (pass.cpus() - fail.cpus());
            if (knee == null || crossing > knee) {
                knee = crossing;
                binding = bound.getKey().key() + " (" + Notation.millis(slow) + " -> " + Notation.millis(fast) + ")";
            }
        }
        String between = "between cpus=" + Notation.plain(fail.cpus()) + " and cpus=" + Notation.plain(pass.cpus());
        if (knee == null) {
            evidence.add(prefix + "knee " + three(pass.cpus()) + ": the first value that meets the objective (nothing to"
                    + " interpolate " + between + ")");
            return pass.cpus();
        }
        evidence.add(String.format(Locale.ROOT, "%sknee %s: interpolated %s, where %s crosses its bound", prefix, three(knee),
                between, binding));
        return knee;
    }

    private static String objective(RecommendTargets targets) {
        List<String> parts = new ArrayList<>();
        targets.latencyMs().forEach((p, ms) -> parts.add("latency " + p.key() + " <= " + Notation.millis(ms)));
        parts.add("errors <= " + Notation.percent(targets.errorRate()));
        parts.add("achieved rate >= " + Notation.percent(RecommendTargets.ACHIEVED_RATE_TARGET) + " of offered");
        return String.join(", ", parts) + (targets.latencyMs().isEmpty() ? " (no latency objective: set latency-p99 in recommend:)" : "");
    }

    private static String three(double cores) {
        return String.format(Locale.ROOT, "%.3f", cores);
    }

    private static String values(List<Double> cpus) {
        return cpus.stream().map(c -> "cpus=" + Notation.plain(c)).collect(Collectors.joining(", "));
    }
}
