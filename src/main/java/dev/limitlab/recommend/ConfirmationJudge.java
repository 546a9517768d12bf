package dev.limitlab.recommend;

import dev.limitlab.format.Notation;
import dev.limitlab.metrics.Confirmation;
import dev.limitlab.metrics.RecommendTargets;
import dev.limitlab.metrics.Recommendation;
import dev.limitlab.metrics.TrialMetrics;
import dev.limitlab.metrics.TrialResult;

import java.util.ArrayList;
import java.util.List;

/** Whether a confirmation trial, run under the recommended limits, kept the targets they were made for. */
public final class ConfirmationJudge {
    private ConfirmationJudge() {
    }

    /**
     * Judges a confirmation trial run under {@code recommendation}'s limits: its throughput must keep the target
     * share of the best throughput its experiment reached and its throttled periods stay under the target (a service
     * must meet its objective under load instead), no OOM kill, and no more restarts than the policy allows. A trial that failed to run or measured nothing fails.
     */
    public static Confirmation judge(Recommendation recommendation, TrialResult trial) {
        TrialMetrics m = trial.metrics();
        if (trial.error() != null || m == null) {
            String why = trial.error() != null ? "the trial failed to run: " + trial.error() : "the trial measured nothing";
            return new Confirmation(trial.trial(), null, null, null, 0, 0, false, why);
        }
        RecommendTargets targets = recommendation.targets();
        int retries = recommendation.restartRetries();
        List<String> failures = new ArrayList<>();
        List<String> checks = new ArrayList<>();
        Double throughput = Throughput.ofTrial(m);
        Double best = recommendation.bestThroughput().get(trial.experiment());
        Double share = throughput != null && best != null && best > 0 ? throughput / best : null;
        if (ServiceRule.KIND.equals(trial.workload())) {
            // a service is held to its objective under load, not to a share of its best throughput
            ServiceObjective.Verdict objective = ServiceObjective.judge(m.load(), targets);
            (objective.judged() && objective.met() ? checks : failures).add("objective: " + String.join(", ", objective.facts()));
            share = null;
        } else {
            if (share == null) {
                checks.add("throughput not judged (no best throughput for experiment " + trial.experiment() + ")");
            } else {
                String fact = "throughput " + Notation.percent(share) + " of best (target >= "
                        + Notation.percent(targets.throughputTarget()) + ")";
                (share >= targets.throughputTarget() ? checks : failures).add(fact);
            }
            if (m.throttledPeriodsRatio() != null) {
                String fact = "throttled " + Notation.percent(m.throttledPeriodsRatio()) + " of periods (target <= "
                        + Notation.percent(targets.throttledTarget()) + ")";
                (m.throttledPeriodsRatio() <= targets.throttledTarget() ? checks : failures).add(fact);
            }
        }
        (m.oomKills() == 0 ? checks : failures).add(m.oomKills() + " OOM kill(s)");
        (m.restarts() <= retries ? checks : failures).add(m.restarts() + " restart(s) (at most " + retries + ")");
        boolean passed = failures.isEmpty();
        String reason = passed ? "passed: " + String.join(", ", checks) : "failed: " + String.join(", ", failures);
        return new Confirmation(trial.trial(), throughput, share, m.throttledPeriodsRatio(), m.oomKills(), m.restarts(),
                passed, reason);
    }
}
