package dev.limitlab.metrics;

import dev.limitlab.format.Notation;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How busy the host was during a run, in one sentence for summary.md and the recommendation: how many attempts it
 * disturbed, the worst run-queue wait and host CPU seen, and which trials stayed inconclusive.
 */
public final class HostBusyness {
    private HostBusyness() {
    }

    /** Empty when the host disturbed no attempt. */
    public static Optional<String> of(RunRecord run) {
        List<TrialResult> attempts = run.trials().stream()
                .flatMap(trial -> Stream.concat(trial.attempts().stream(), Stream.of(trial))).toList();
        List<Contention> disturbed = attempts.stream().filter(TrialResult::disturbed)
                .map(trial -> trial.metrics().contention()).toList();
        if (disturbed.isEmpty()) {
            return Optional.empty();
        }
        double worstWait = disturbed.stream().mapToDouble(Contention::runQueueWaitRatio).max().orElse(0);
        double busiest = disturbed.stream().mapToDouble(Contention::hostBusyCores).max().orElse(0);
        List<String> inconclusive = run.trials().stream().filter(TrialResult::inconclusive)
                .map(trial -> trial.trial() + " (" + trial.experiment() + " " + trial.limits().label() + ")").toList();
        return Optional.of("The host was busy: it disturbed " + disturbed.size() + " of " + attempts.size()
                + " trial attempt(s); their threads waited for a CPU up to " + Notation.percent(worstWait)
                + " of their runnable time, while the host spent up to " + Notation.cores(busiest)
                + " cores outside the container. "
                + (inconclusive.isEmpty() ? "Every disturbed trial came out clean on a rerun."
                : "Still disturbed after their reruns, so inconclusive: trial " + String.join(", ", inconclusive) + "."));
    }
}
