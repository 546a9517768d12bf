package dev.limitlab.recommend;

import dev.limitlab.format.Notation;
import dev.limitlab.metrics.RecommendTargets;
import dev.limitlab.metrics.TrialAggregator;
import dev.limitlab.metrics.TrialMetrics;
import dev.limitlab.metrics.TrialResult;
import dev.limitlab.scenario.RestartPolicy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code --restart on-failure:N}: the fewest restarts that let a transient failure recover in the crash
 * experiments (a trial whose last exit was 0 after k restarts needs N >= k), and how long a crash loop
 * that never recovers keeps going under that N: the engine's backoff (100 ms doubling, capped at 60 s,
 * reset after a run of 10 s) plus the container start time seen in the restart timelines.
 */
final class RestartRule {
    static final String CRASH = "crash";

    record Finding(RestartPolicy restart, Double giveUpSeconds, List<String> evidence) {
    }

    private RestartRule() {
    }

    static Finding apply(RunView run, RecommendTargets targets) {
        List<String> evidence = new ArrayList<>();
        List<TrialResult> crashes = run.measuredTrials().stream().filter(t -> CRASH.equals(t.workload())).toList();
        if (crashes.isEmpty()) {
            evidence.add("no crash experiment ran: the default on-failure:" + targets.defaultRestarts() + " (targets.defaultRestarts)");
            return new Finding(new RestartPolicy("on-failure", targets.defaultRestarts()), null, evidence);
        }
        for (TrialResult t : crashes) {
            TrialMetrics m = t.metrics();
            if (Objects.equals(m.lastExitCode(), 0) && m.restarts() > 0) {
                evidence.add(RunView.name(t) + ": recovered, last exit 0 after " + m.restarts() + " restart(s): needs N >= "
                        + m.restarts());
            } else if (Boolean.TRUE.equals(m.policyGaveUp())) {
                evidence.add(RunView.name(t) + ": gave up after " + m.restarts() + " restart(s), last exit " + m.lastExitCode()
                        + observedGiveUp(m));
            }
        }
        TrialResult hardest = crashes.stream()
                .filter(t -> Objects.equals(t.metrics().lastExitCode(), 0) && t.metrics().restarts() > 0)
                .max(Comparator.comparingInt(t -> t.metrics().restarts())).orElse(null);
        int retries;
        if (hardest == null) {
            retries = targets.defaultRestarts();
            evidence.add("no crash trial recovered from a transient failure: the default on-failure:" + retries
                    + " (targets.defaultRestarts)");
        } else {
            retries = hardest.metrics().restarts();
            evidence.add("on-failure:" + retries + ": the most restarts any recovering trial needed, in "
                    + RunView.name(hardest));
        }
        double giveUp = giveUpSeconds(crashes, retries, run.swarmRestartDelayMs(), evidence);
        return new Finding(new RestartPolicy("on-failure", retries), giveUp, evidence);
    }

    private static String observedGiveUp(TrialMetrics m) {
        if (m.policyGaveUpAt() == null || m.restartTimeline().isEmpty()) {
            return "";
        }
        double seconds = Duration.between(m.restartTimeline().get(0).started(), m.policyGaveUpAt()).toNanos() / 1e9;
        return ", " + Notation.seconds(seconds) + " after its first start";
    }

    // N+1 runs of the crashing program and N waits of the restart manager, each wait its backoff plus the time
    // the engine takes to start the container again (observed: delay minus expected backoff). Swarm
    // ({@code swarmDelayMs} not null) waits a fixed delay each time and starts a new task.
    private static double giveUpSeconds(List<TrialResult> crashes, int retries, Long swarmDelayMs, List<String> evidence) {
        List<TrialMetrics.RunSpan> spans = crashes.stream().flatMap(t -> t.metrics().restartTimeline().stream()).toList();
        Double fixedDelay = swarmDelayMs == null ? null : swarmDelayMs / 1000.0;
        List<Double> startTimes = spans.stream()
                .filter(s -> s.delaySeconds() != null && (fixedDelay != null || s.expectedBackoffSeconds() != null))
                .map(s -> s.delaySeconds() - (fixedDelay != null ? fixedDelay : s.expectedBackoffSeconds())).toList();
        List<Double> failingRuns = spans.stream()
                .filter(s -> s.runSeconds() != null && s.exitCode() != null && s.exitCode() != 0)
                .map(TrialMetrics.RunSpan::runSeconds).toList();
        double start = startTimes.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double runFor = failingRuns.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double backoff = 0;
        Duration previous = null;
        Duration run = Duration.ofNanos(Math.round(runFor * 1e9));
        for (int i = 0; i < retries; i++) {
            previous = fixedDelay != null ? Duration.ofMillis(swarmDelayMs) : TrialAggregator.expectedBackoff(previous, run);
            backoff += previous.toNanos() / 1e9;
        }
        double total = (retries + 1) * runFor + backoff + retries * start;
        evidence.add(String.format(Locale.ROOT, "a crash loop that never recovers gives up after %d restart(s) in about %s: "
                        + "%d run(s) of %s + " + (fixedDelay != null ? "Swarm's fixed delays " : "backoff ") + "%s + %d start(s) of %s", retries, Notation.seconds(total), retries + 1,
                Notation.seconds(runFor) + (failingRuns.isEmpty() ? " (no failing run observed)"
                        : " (mean of " + failingRuns.size() + " failing runs)"),
                Notation.seconds(backoff), retries, Notation.seconds(start) + (startTimes.isEmpty() ? " (not observed)"
                        : " (mean delay beyond the expected backoff over " + startTimes.size() + " restarts)")));
        return total;
    }
}
