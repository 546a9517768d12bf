package dev.limitlab.recommend;

import dev.limitlab.format.Notation;
import dev.limitlab.metrics.ConfigurationSummary;
import dev.limitlab.metrics.Metric;
import dev.limitlab.metrics.RecommendTargets;
import dev.limitlab.metrics.Spread;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code --cpus}: the knee of each cpu, jmh and command experiment's curve (the smallest cpus that keeps the target
 * share of the plateau's throughput with few throttled periods, interpolated between the tested values around
 * it), or the demand where least constrained plus headroom, whichever is larger; rounded up to the step.
 * The plateau is the configurations where the workload is not constrained; a difference smaller than the noise
 * (the spread of the plateau and of repeats, at least {@link #NOISE_FLOOR}) is no difference.
 */
final class CpuRule {
    /** The kinds judged on their throughput (or runtime, for a command that exits) and throttling. */
    static final Set<String> KINDS = Set.of("cpu", "jmh", "command");
    /** Demand this close to the largest tested limit means the workload took all it was given. */
    static final double SATURATED = 0.95;
    /** The least relative noise assumed in throughput: what two identical trials differed by on a quiet 2-core host. */
    static final double NOISE_FLOOR = 0.05;
    /** Noise is never taken as larger: a loss of a quarter of the throughput is always a loss. */
    static final double NOISE_CEILING = 0.2;
    /** The least noise assumed in the throttled share of periods, in points. */
    static final double THROTTLE_NOISE_FLOOR = 0.02;
    /** A configuration using less than this share of its --cpus, with few throttled periods, is not constrained. */
    static final double UNCONSTRAINED_USE = 0.9;

    record Finding(Double cpus, Double request, List<Double> toTry, Map<String, Double> best, List<String> evidence) {
    }

    /**
     * One tested --cpus value: throughput as a share of the plateau's, and throttled periods (null: not measured);
     * {@code throttleNoise} is the spread of throttling across its repeats, at least the floor; {@code unconstrained}
     * when it is on the plateau itself.
     */
    record Point(double cpus, Double share, Double throttled, double throttleNoise, boolean unconstrained) {
        boolean meets(RecommendTargets targets, Plateau plateau) {
            if (unconstrained) {
                return true; // not held back by its limit: a lower throughput there is not the limit's doing
            }
            if (share == null && throttled == null) {
                return false;
            }
            return (share == null || share >= plateau.shareNeeded(targets))
                    && (throttled == null || throttled <= targets.throttledTarget());
        }

        /**
         * Whether a repeat could change the verdict: a pass with a figure within the noise of its target, or a miss
         * where every missed figure is within the noise of its target.
         */
        boolean marginal(RecommendTargets targets, Plateau plateau) {
            if (unconstrained) {
                return false;
            }
            double needed = plateau.shareNeeded(targets);
            boolean shareNear = share != null && Math.abs(share - needed) < plateau.noise();
            boolean throttledNear = throttled != null && Math.abs(throttled - targets.throttledTarget()) < throttleNoise;
            if (meets(targets, plateau)) {
                return shareNear || throttledNear;
            }
            boolean shareMissed = share != null && share < needed;
            boolean throttledMissed = throttled != null && throttled > targets.throttledTarget();
            return (!shareMissed || shareNear) && (!throttledMissed || throttledNear);
        }

        Point worst(Point other) { // two configurations with the same cpus (other axes differ): keep the worse figures
            return new Point(cpus, share == null ? other.share : other.share == null ? share : Math.min(share, other.share),
                    throttled == null ? other.throttled : other.throttled == null ? throttled : Math.max(throttled, other.throttled),
                    Math.max(throttleNoise, other.throttleNoise), unconstrained && other.unconstrained);
        }
    }

    /**
     * What throughput is compared with: the median over the unconstrained configurations (or the single best when
     * none is), and the relative noise of throughput.
     */
    record Plateau(Double reference, double noise, String description) {
        /** The share of the reference a configuration must keep: the target, less what the noise cannot tell apart. */
        double shareNeeded(RecommendTargets targets) {
            return targets.throughputTarget() - noise;
        }
    }

    /** One experiment's tested values, judged against its plateau. */
    record Judged(Plateau plateau, List<Point> points) {
    }

    /** One experiment's answer: a recommended value, or values to try next. */
    private record Curve(Double recommended, Double request, List<Double> toTry, Double best) {
    }

    private CpuRule() {
    }

    static Finding apply(RunView run, RecommendTargets targets) {
        Map<String, List<ConfigurationSummary>> experiments = run.configurations().stream()
                .filter(c -> KINDS.contains(c.workload()))
                .collect(Collectors.groupingBy(ConfigurationSummary::experiment, LinkedHashMap::new, Collectors.toList()));
        if (experiments.isEmpty()) {
            return new Finding(null, null, List.of(), Map.of(),
                    List.of("no cpu or jmh experiment ran: nothing to base --cpus on"));
        }
        List<String> evidence = new ArrayList<>();
        Map<String, Curve> curves = new LinkedHashMap<>();
        experiments.forEach((name, configurations) -> curves.put(name, curve(run, configurations, targets, evidence)));

        Map<String, Double> best = new TreeMap<>();
        curves.forEach((name, curve) -> {
            if (curve.best() != null) {
                best.put(name, curve.best());
            }
        });
        if (curves.values().stream().anyMatch(c -> c.recommended() == null)) {
            List<Double> toTry = new ArrayList<>(curves.values().stream().flatMap(c -> c.toTry().stream())
                    .collect(Collectors.toCollection(TreeSet::new)));
            evidence.add("no --cpus recommended: not every cpu experiment found a value that meets the targets"
                    + (toTry.isEmpty() ? "" : "; test " + values(toTry) + " next"));
            return new Finding(null, null, toTry, best, evidence);
        }
        double cpus = curves.values().stream().mapToDouble(Curve::recommended).max().orElseThrow();
        if (curves.size() > 1) {
            evidence.add("recommended the largest across experiments: " + curves.entrySet().stream()
                    .map(e -> e.getKey() + " " + Notation.plain(e.getValue().recommended())).collect(Collectors.joining(", ")));
        }
        Double request = curves.values().stream().map(Curve::request).filter(r -> r != null)
                .max(Double::compare).map(r -> Math.min(r, cpus)).orElse(cpus);
        return new Finding(cpus, request, List.of(), best, evidence);
    }

    private static Curve curve(RunView run, List<ConfigurationSummary> configurations, RecommendTargets targets,
                               List<String> evidence) {
        String experiment = configurations.get(0).experiment();
        String prefix = experiment + ": ";
        boolean lowerIsBetter = Throughput.lowerIsBetter(run.trials(), experiment);
        String unit = unit(run, experiment, lowerIsBetter);

        Judged judged = judge(configurations, targets, lowerIsBetter);
        Plateau plateau = judged.plateau();
        Double best = plateau.reference();
        if (best != null) {
            evidence.add(prefix + "plateau throughput " + Notation.rate(best) + " " + unit + ": " + plateau.description()
                    + "; noise " + Notation.percent(plateau.noise()) + ", so a configuration must keep "
                    + Notation.percent(plateau.shareNeeded(targets)) + " of it (target " + Notation.percent(targets.throughputTarget())
                    + " less the noise)");
        } else {
            evidence.add(prefix + "no throughput measured: judged on throttled periods alone");
        }
        SearchEvidence.cpus(run.trials(), experiment).forEach(line -> evidence.add(prefix + line));
        List<Point> tested = judged.points();
        for (Point p : tested) {
            if (p.share() == null && p.throttled() == null && !p.unconstrained()) {
                // every repeat failed to run (the engine lost it, say) or the busy host left it inconclusive
                evidence.add(prefix + "cpus=" + Notation.plain(p.cpus()) + ": not measured (no usable trial), so not judged as met");
                continue;
            }
            evidence.add(prefix + "cpus=" + Notation.plain(p.cpus()) + ": throughput "
                    + (p.share() == null ? "not measured" : Notation.percent(p.share()) + " of plateau")
                    + ", throttled " + (p.throttled() == null ? "not measured" : Notation.percent(p.throttled()) + " of periods")
                    + (p.unconstrained() ? ": unconstrained, on the plateau" : p.meets(targets, plateau) ? ": meets the targets" : ": misses the targets"));
        }
        String targetText = "throughput >= " + Notation.percent(plateau.shareNeeded(targets)) + " of plateau, throttled <= "
                + Notation.percent(targets.throttledTarget());
        if (tested.isEmpty()) {
            evidence.add(prefix + "no --cpus value was tested");
            return new Curve(null, null, List.of(), best);
        }
        int first = 0;
        while (first < tested.size() && !tested.get(first).meets(targets, plateau)) {
            first++;
        }
        if (first == tested.size()) {
            double largest = tested.get(tested.size() - 1).cpus();
            List<Double> toTry = List.of(RunView.roundUp(1.5 * largest, targets.cpuStep()),
                    RunView.roundUp(2 * largest, targets.cpuStep()));
            evidence.add(prefix + "no tested --cpus value met the targets (" + targetText + "); try " + values(toTry));
            return new Curve(null, null, toTry, best);
        }
        double knee = knee(tested, first, targets, plateau, prefix, evidence);

        ConfigurationSummary loosest = configurations.stream()
                .max(Comparator.comparingDouble(c -> c.limits().cpus() == null ? Double.MAX_VALUE : c.limits().cpus()))
                .orElseThrow();
        Metric demandMetric = loosest.spread(Metric.CPU_P95) != null ? Metric.CPU_P95 : Metric.CPU_USED;
        Double demand = loosest.mean(demandMetric);
        Double loosestCpus = loosest.limits().cpus();
        if (demand != null && loosestCpus != null && demand >= SATURATED * loosestCpus) {
            List<Double> toTry = List.of(RunView.roundUp(1.5 * loosestCpus, targets.cpuStep()),
                    RunView.roundUp(2 * loosestCpus, targets.cpuStep()));
            evidence.add(prefix + "demand " + Notation.cores(demand) + " cores at " + loosest.limits().label()
                    + ", the largest tested value: the workload took all it was given, so its demand may be higher; test "
                    + values(toTry) + " next");
            return new Curve(null, null, toTry, best);
        }
        double wanted = knee;
        if (demand == null) {
            evidence.add(prefix + "no CPU use measured at " + loosest.limits().label() + ": the knee alone decides");
        } else {
            double withHeadroom = demand * (1 + targets.cpuHeadroom());
            evidence.add(prefix + "demand " + Notation.cores(demand) + " cores = "
                    + (demandMetric == Metric.CPU_P95 ? "p95 of CPU used per interval" : "mean CPU used (no p95 recorded)")
                    + " at " + loosest.limits().label() + ", the least constrained configuration ("
                    + RunView.repeats(loosest, demandMetric) + "); + " + Notation.percent(targets.cpuHeadroom())
                    + " headroom = " + three(withHeadroom)
                    + (targets.demandPercentile() != 0.95 && demandMetric == Metric.CPU_P95
                    ? " (the targets ask for p" + Notation.plain(100 * targets.demandPercentile()) + "; run.json records p95)" : ""));
            wanted = Math.max(knee, withHeadroom);
            evidence.add(prefix + "max(knee " + three(knee) + ", demand with headroom " + three(withHeadroom) + ") = "
                    + three(wanted));
        }
        double recommended = RunView.roundUp(wanted, targets.cpuStep());
        evidence.add(prefix + three(wanted) + " rounded up to a multiple of " + Notation.plain(targets.cpuStep())
                + ": --cpus " + Notation.plain(recommended));
        Double used = loosest.mean(Metric.CPU_USED);
        Double request = used == null ? null : Math.min(recommended, RunView.roundUp(used, targets.cpuStep()));
        if (request != null) {
            evidence.add(prefix + "request " + Notation.plain(request) + " cores: mean CPU used " + Notation.cores(used)
                    + " at " + loosest.limits().label() + ", rounded up, at most the limit");
        }
        return new Curve(recommended, request, List.of(), best);
    }

    // Between the last tested value that misses the targets and the first that meets them, each missed
    // criterion crosses its target somewhere; the knee is the later crossing (the criterion that binds).
    private static double knee(List<Point> tested, int first, RecommendTargets targets, Plateau plateau, String prefix,
                               List<String> evidence) {
        double shareNeeded = plateau.shareNeeded(targets);
        Point pass = tested.get(first);
        if (first == 0) {
            evidence.add(prefix + "knee " + three(pass.cpus()) + ": the smallest tested value, cpus="
                    + Notation.plain(pass.cpus()) + ", already meets the targets (the knee may lie lower)");
            return pass.cpus();
        }
        Point fail = tested.get(first - 1);
        Double byThroughput = fail.share() != null && pass.share() != null && fail.share() < shareNeeded
                ? crossing(fail.cpus(), fail.share(), pass.cpus(), pass.share(), shareNeeded) : null;
        Double byThrottling = fail.throttled() != null && pass.throttled() != null && fail.throttled() > targets.throttledTarget()
                ? crossing(fail.cpus(), fail.throttled(), pass.cpus(), pass.throttled(), targets.throttledTarget()) : null;
        String between = "between cpus=" + Notation.plain(fail.cpus()) + " and cpus=" + Notation.plain(pass.cpus());
        if (byThroughput == null && byThrottling == null) {
            evidence.add(prefix + "knee " + three(pass.cpus()) + ": the first value that meets the targets (nothing to interpolate "
                    + between + ")");
            return pass.cpus();
        }
        boolean throttlingBinds = byThroughput == null || (byThrottling != null && byThrottling > byThroughput);
        double knee = throttlingBinds ? byThrottling : byThroughput;
        Double other = throttlingBinds ? byThroughput : byThrottling;
        evidence.add(String.format(Locale.ROOT, "%sknee %s: interpolated %s, where %s crosses its target%s", prefix, three(knee),
                between, throttlingBinds ? "throttling (" + Notation.percent(fail.throttled()) + " -> "
                        + Notation.percent(pass.throttled()) + ")" : "throughput (" + Notation.percent(fail.share()) + " -> "
                        + Notation.percent(pass.share()) + ")",
                other == null ? "" : " (" + (throttlingBinds ? "throughput" : "throttling") + " crosses at " + three(other) + ")"));
        return knee;
    }

    /**
     * Each tested --cpus value of one experiment's configurations, judged against the plateau: the configurations
     * with no cpus limit, or using under {@link #UNCONSTRAINED_USE} of theirs with few throttled periods.
     */
    static Judged judge(List<ConfigurationSummary> configurations, RecommendTargets targets, boolean lowerIsBetter) {
        Plateau plateau = plateau(configurations, targets, lowerIsBetter);
        TreeMap<Double, Point> points = new TreeMap<>();
        for (ConfigurationSummary c : configurations) {
            if (c.limits().cpus() == null) {
                continue;
            }
            Double throughput = Throughput.ofConfiguration(c, lowerIsBetter);
            Double reference = plateau.reference();
            Spread throttling = c.spread(Metric.THROTTLED);
            double throttleNoise = throttling == null ? THROTTLE_NOISE_FLOOR
                    : Math.max(THROTTLE_NOISE_FLOOR, (throttling.max() - throttling.min()) / 2);
            Point point = new Point(c.limits().cpus(), throughput == null || reference == null || reference <= 0 ? null : throughput / reference,
                    c.mean(Metric.THROTTLED), throttleNoise, unconstrained(c, targets));
            points.merge(point.cpus(), point, Point::worst);
        }
        return new Judged(plateau, List.copyOf(points.values()));
    }

    private static Plateau plateau(List<ConfigurationSummary> configurations, RecommendTargets targets, boolean lowerIsBetter) {
        List<ConfigurationSummary> measured = configurations.stream()
                .filter(c -> Throughput.ofConfiguration(c, lowerIsBetter) != null).toList();
        if (measured.isEmpty()) {
            return new Plateau(null, NOISE_FLOOR, "no throughput measured");
        }
        List<ConfigurationSummary> unconstrained = measured.stream().filter(c -> unconstrained(c, targets)).toList();
        if (unconstrained.isEmpty()) {
            ConfigurationSummary best = measured.stream()
                    .max(Comparator.comparingDouble(c -> Throughput.ofConfiguration(c, lowerIsBetter))).orElseThrow();
            return new Plateau(Throughput.ofConfiguration(best, lowerIsBetter), noise(List.of(best)),
                    "no configuration ran unconstrained, so the best one, " + best.limits().label() + " ("
                            + RunView.repeats(best, Throughput.metricOf(best)) + "), stands in");
        }
        List<Double> figures = unconstrained.stream().map(c -> Throughput.ofConfiguration(c, lowerIsBetter)).sorted().toList();
        double median = figures.size() % 2 == 1 ? figures.get(figures.size() / 2)
                : (figures.get(figures.size() / 2 - 1) + figures.get(figures.size() / 2)) / 2;
        double halfRange = (figures.get(figures.size() - 1) - figures.get(0)) / 2 / median;
        return new Plateau(median, noise(unconstrained), "the median of "
                + unconstrained.stream().map(c -> c.limits().label()).collect(Collectors.joining(", "))
                + ", where CPU used stays under " + Notation.percent(UNCONSTRAINED_USE) + " of the limit and throttling within target"
                + (figures.size() > 1 ? " (they spread " + Notation.percent(halfRange) + " either side)" : ""));
    }

    /** Not held back by its --cpus: none set, or well under it with few throttled periods. */
    private static boolean unconstrained(ConfigurationSummary c, RecommendTargets targets) {
        if (c.limits().cpus() == null) {
            return true;
        }
        Double used = c.mean(Metric.CPU_USED);
        Double throttled = c.mean(Metric.THROTTLED);
        return used != null && used <= UNCONSTRAINED_USE * c.limits().cpus()
                && (throttled == null || throttled <= targets.throttledTarget());
    }

    /**
     * The relative noise: the spread across repeats (coefficient of variation) where there are repeats, at least the
     * floor. The plateau's own spread is shown but not counted: its configurations may differ for a reason.
     */
    private static double noise(List<ConfigurationSummary> plateau) {
        double noise = NOISE_FLOOR;
        for (ConfigurationSummary c : plateau) {
            Spread spread = c.spread(Throughput.metricOf(c));
            if (spread != null && spread.cv() != null) {
                noise = Math.max(noise, spread.cv());
            }
        }
        return Math.min(NOISE_CEILING, noise);
    }

    /** The x where the line through (x0, y0) and (x1, y1) reaches y. */
    private static double crossing(double x0, double y0, double x1, double y1, double y) {
        return y1 == y0 ? x1 : x0 + (y - y0) / (y1 - y0) * (x1 - x0);
    }

    private static String unit(RunView run, String experiment, boolean lowerIsBetter) {
        String scoreUnit = run.trials().stream()
                .filter(t -> t.experiment().equals(experiment) && t.metrics() != null && t.metrics().workload() != null
                        && t.metrics().workload().scoreUnit() != null)
                .map(t -> t.metrics().workload().scoreUnit()).findFirst().orElse(null);
        boolean agentOps = run.configurations().stream()
                .anyMatch(c -> c.experiment().equals(experiment) && c.spread(Metric.THROUGHPUT) != null);
        if (agentOps || scoreUnit == null) {
            return "ops/s";
        }
        return lowerIsBetter ? "op/" + scoreUnit.substring(0, scoreUnit.length() - "/op".length()) : scoreUnit;
    }

    private static String three(double cores) {
        return String.format(Locale.ROOT, "%.3f", cores);
    }

    private static String values(List<Double> cpus) {
        return cpus.stream().map(c -> "cpus=" + Notation.plain(c)).collect(Collectors.joining(", "));
    }
}
