package dev.limitlab.recommend;

import dev.limitlab.format.Notation;
import dev.limitlab.metrics.ConfigurationSummary;
import dev.limitlab.metrics.RecommendTargets;
import dev.limitlab.metrics.TrialMetrics;
import dev.limitlab.metrics.TrialResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code --memory}: the peak working set of every configuration that saw no OOM kill, plus headroom, and
 * strictly above every tested limit that did; rounded up to the step; swap equal to memory. For a JVM,
 * a MaxRAMPercentage that keeps heap plus the observed non-heap under that limit.
 */
final class MemoryRule {
    /** Workload kinds whose container runs the JVM agent. */
    static final Set<String> JVM_KINDS = Set.of("cpu", "memory", "jmh");

    record Finding(Long memoryBytes, List<String> evidence, Integer maxRamPercentage, List<String> maxRamEvidence) {
    }

    private MemoryRule() {
    }

    static Finding apply(RunView run, RecommendTargets targets) {
        List<String> evidence = new ArrayList<>(SearchEvidence.memory(run.trials()));
        List<ConfigurationSummary> killed = new ArrayList<>();
        TreeSet<Long> thrashedLimits = new TreeSet<>();
        ConfigurationSummary peakAt = null;
        long peak = -1;
        for (ConfigurationSummary c : run.configurations()) {
            List<TrialResult> trials = run.measured(c);
            long kills = trials.stream().filter(t -> t.metrics().oomKills() > 0).count();
            List<TrialResult> thrashed = trials.stream().filter(t -> t.metrics().oomKills() == 0 && t.metrics().thrashing()).toList();
            if (kills > 0 || !thrashed.isEmpty()) {
                killed.add(c);
                if (!thrashed.isEmpty() && c.limits().memory() != null) {
                    thrashedLimits.add(c.limits().memory());
                }
                if (kills > 0) {
                    evidence.add(RunView.name(c) + ": OOM kill in " + kills + " of " + trials.size() + " repeat(s)");
                }
                thrashed.forEach(t -> evidence.add(RunView.name(t) + " thrashed: "
                        + Notation.seconds(t.metrics().memoryPressure().secondsAtLimit()) + " at its limit under reclaim, "
                        + t.metrics().memoryPressure().readBack() + "; it counts as an OOM kill: "
                        + "the limit is too small, though nothing was killed"));
                continue;
            }
            Long workingSet = trials.stream().map(t -> t.metrics().workingSetPeakBytes()).filter(w -> w != null)
                    .max(Long::compare).orElse(null);
            if (workingSet != null && workingSet > peak) {
                peak = workingSet;
                peakAt = c;
            }
        }
        List<ConfigurationSummary> limited = run.configurations().stream()
                .filter(c -> c.limits().memory() != null && !run.measured(c).isEmpty()).toList();
        TreeSet<Long> killedLimits = killed.stream().map(c -> c.limits().memory()).filter(m -> m != null)
                .collect(Collectors.toCollection(TreeSet::new));
        if (!limited.isEmpty() && killed.containsAll(limited)) {
            long largest = killedLimits.last();
            evidence.add("every tested --memory (" + sizes(killedLimits) + ") saw an OOM kill: no --memory recommended; test "
                    + Notation.exactSize(2 * largest) + " and " + Notation.exactSize(4 * largest) + " next");
            return new Finding(null, evidence, null, List.of());
        }
        if (peakAt == null) {
            evidence.add("no working set was measured in a configuration without an OOM kill: no --memory recommended");
            return new Finding(null, evidence, null, List.of());
        }
        evidence.add("peak working set " + Notation.mebibytes(peak) + " at " + RunView.name(peakAt)
                + " (largest across repeats and configurations with no OOM kill)");
        double withHeadroom = peak * (1 + targets.memoryHeadroom());
        long recommended = RunView.roundUp((long) Math.ceil(withHeadroom), targets.memoryStep());
        evidence.add(Notation.mebibytes(peak) + " + " + Notation.percent(targets.memoryHeadroom()) + " headroom = "
                + Notation.mebibytes(withHeadroom) + ", rounded up to a multiple of " + Notation.exactSize(targets.memoryStep())
                + ": " + Notation.exactSize(recommended));
        if (!killedLimits.isEmpty()) {
            long above = killedLimits.last();
            if (recommended <= above) {
                recommended = RunView.roundUp(above + 1, targets.memoryStep());
                evidence.add("raised to " + Notation.exactSize(recommended) + " to stay above " + Notation.exactSize(above)
                        + ", a tested limit that saw an OOM kill or thrashed");
            } else {
                evidence.add(Notation.exactSize(recommended) + " is above every tested limit that saw an OOM kill ("
                        + sizes(killedLimits) + ")");
            }
        }
        if (!thrashedLimits.isEmpty()) {
            // A working set leaves out file pages until reclaim has looked at them twice: where nothing pressed the
            // limit, the pages a thrashing workload reads back over and over were not counted. A tested limit that
            // held is the evidence that remains.
            long worst = thrashedLimits.last();
            TreeSet<Long> held = limited.stream().filter(c -> !killed.contains(c)).map(c -> c.limits().memory())
                    .collect(Collectors.toCollection(TreeSet::new));
            Long heldAbove = held.higher(worst);
            if (heldAbove != null && recommended < heldAbove) {
                recommended = heldAbove;
                evidence.add("raised to " + Notation.exactSize(heldAbove) + ", the smallest tested limit above "
                        + Notation.exactSize(worst) + " (which thrashed) that held: a working set leaves out the file"
                        + " pages a thrashing workload reads back");
            }
        }
        evidence.add("--memory-swap = --memory: no swap, so running out is an OOM kill to see, not a slowdown to guess at");
        List<String> jvmEvidence = new ArrayList<>();
        Integer percentage = maxRamPercentage(run, recommended, targets, jvmEvidence);
        return new Finding(recommended, evidence, percentage, jvmEvidence);
    }

    // Non-heap is not measured directly. The heap never holds more than its maximum, so a working set beyond
    // it is non-heap: the largest such excess is a sound lower bound. When no trial filled past its heap, the
    // smallest JVM working set (the runtime at rest, heap included) stands in: larger than the truth, so safe.
    private static Integer maxRamPercentage(RunView run, long limit, RecommendTargets targets, List<String> evidence) {
        List<TrialResult> jvms = run.measuredTrials().stream()
                .filter(t -> JVM_KINDS.contains(t.workload()) && t.metrics().oomKills() == 0)
                .filter(t -> t.metrics().workload() != null && t.metrics().workload().maxHeapBytes() != null
                        && t.metrics().workingSetPeakBytes() != null)
                .toList();
        if (jvms.isEmpty()) {
            evidence.add("no JVM trial reported its heap: no MaxRAMPercentage suggestion");
            return null;
        }
        TrialResult beyondHeap = jvms.stream().max(Comparator.comparingLong(MemoryRule::beyondHeap)).orElseThrow();
        TrialMetrics.WorkloadFacts facts = beyondHeap.metrics().workload();
        if (facts.containerMemoryLimitBytes() != null && facts.containerMemoryLimitBytes() > 0) {
            evidence.add(RunView.name(beyondHeap) + ": the JVM saw a limit of " + Notation.mebibytes(facts.containerMemoryLimitBytes())
                    + " and took a max heap of " + Notation.mebibytes(facts.maxHeapBytes()) + " ("
                    + Notation.percent((double) facts.maxHeapBytes() / facts.containerMemoryLimitBytes()) + ")");
        }
        long nonHeap = beyondHeap(beyondHeap);
        if (nonHeap > 0) {
            evidence.add("non-heap at least " + Notation.mebibytes(nonHeap) + ", the largest excess of a working set over its max heap: "
                    + Notation.mebibytes(beyondHeap.metrics().workingSetPeakBytes()) + " over "
                    + Notation.mebibytes(facts.maxHeapBytes()) + " in " + RunView.name(beyondHeap));
        } else {
            TrialResult smallest = jvms.stream().min(Comparator.comparingLong(t -> t.metrics().workingSetPeakBytes())).orElseThrow();
            nonHeap = smallest.metrics().workingSetPeakBytes();
            evidence.add("non-heap taken as " + Notation.mebibytes(nonHeap) + ", the smallest JVM working set (in "
                    + RunView.name(smallest) + "; no working set grew past its heap)");
        }
        double reserved = nonHeap * (1 + targets.memoryHeadroom());
        int percentage = (int) Math.floor(100 * (limit - reserved) / limit);
        if (percentage < 1) {
            evidence.add("non-heap with headroom, " + Notation.mebibytes(reserved) + ", leaves no room for a heap under "
                    + Notation.exactSize(limit) + ": no MaxRAMPercentage suggestion");
            return null;
        }
        evidence.add("-XX:MaxRAMPercentage=" + percentage + ": heap at most " + Notation.mebibytes(limit * percentage / 100.0)
                + " + non-heap with " + Notation.percent(targets.memoryHeadroom()) + " headroom "
                + Notation.mebibytes(reserved) + " <= " + Notation.exactSize(limit) + " (for a JVM workload)");
        return percentage;
    }

    private static long beyondHeap(TrialResult trial) {
        return Math.max(0, trial.metrics().workingSetPeakBytes() - trial.metrics().workload().maxHeapBytes());
    }

    private static String sizes(Set<Long> limits) {
        return limits.stream().map(Notation::exactSize).collect(Collectors.joining(", "));
    }
}
