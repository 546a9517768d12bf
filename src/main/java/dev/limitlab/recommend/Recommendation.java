package dev.limitlab.recommend;

import dev.limitlab.metrics.TrialLimits;
import dev.limitlab.metrics.TrialMetrics;
import dev.limitlab.metrics.TrialResult;
import dev.limitlab.scenario.RecommendTargets;
import dev.limitlab.settings.ContainerSettings;
import dev.limitlab.settings.DockerFlag;
import dev.limitlab.settings.DockerFlags;
import dev.limitlab.settings.SecuritySettings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Balanced limits for the measured workload, each number with the evidence it came from, as written to
 * run.json under {@code recommendation}. A null number means the run could not support one; its evidence
 * says why (and {@code cpusToTry} what to test next for CPU).
 *
 * @param cpus                    {@code --cpus}
 * @param cpuRequest              a Kubernetes CPU request: mean CPU used where least constrained, at most {@code cpus}
 * @param cpusToTry               --cpus values to test next when no tested value met the targets
 * @param memoryBytes             {@code --memory}
 * @param memorySwapBytes         {@code --memory-swap}, equal to memory: no swap
 * @param maxRamPercentage        {@code -XX:MaxRAMPercentage} for a JVM workload under {@code memoryBytes}
 * @param restart                 {@code --restart}, e.g. {@code on-failure:2}
 * @param crashLoopGiveUpSeconds  how long a persistent crash loop runs under {@code restart} before the engine gives up
 * @param pidsLimit               {@code --pids-limit}
 * @param securityOptions         docker run flags for the security settings the trials ran with
 * @param dockerRunFlags          every recommended flag, ready to paste after {@code docker run}
 * @param compose                 the same as a Compose service snippet
 * @param kubernetes              a container's {@code resources} block
 * @param evidence                the figures behind each number
 * @param bestThroughput          per cpu/jmh experiment, the best throughput of any configuration (higher is better:
 *                                ops/s, or the reciprocal of a time-per-op score), to judge a confirmation against
 * @param targets                 the targets and defaults the numbers were derived with
 * @param confirmations           the outcomes of the confirmation trials under these limits, one per workload; empty until run
 */
public record Recommendation(Double cpus, Double cpuRequest, List<Double> cpusToTry,
                             Long memoryBytes, Long memorySwapBytes, Integer maxRamPercentage,
                             String restart, Double crashLoopGiveUpSeconds, Long pidsLimit,
                             List<String> securityOptions, String dockerRunFlags, String compose, String kubernetes,
                             Evidence evidence, Map<String, Double> bestThroughput, RecommendTargets targets,
                             List<Confirmation> confirmations) {
    public Recommendation {
        cpusToTry = cpusToTry == null ? List.of() : List.copyOf(cpusToTry);
        securityOptions = securityOptions == null ? List.of() : List.copyOf(securityOptions);
        bestThroughput = Collections.unmodifiableMap(new TreeMap<>(bestThroughput == null ? Map.of() : bestThroughput));
        evidence = evidence == null ? Evidence.NONE : evidence;
        targets = targets == null ? RecommendTargets.DEFAULTS : targets;
        confirmations = confirmations == null ? List.of() : List.copyOf(confirmations);
    }

    /**
     * The figures behind each recommended number, one readable line per fact, quoting the measurements.
     */
    public record Evidence(List<String> cpus, List<String> memoryBytes, List<String> maxRamPercentage,
                           List<String> restart, List<String> pidsLimit, List<String> dockerRunFlags) {
        static final Evidence NONE = new Evidence(null, null, null, null, null, null);

        public Evidence {
            cpus = cpus == null ? List.of() : List.copyOf(cpus);
            memoryBytes = memoryBytes == null ? List.of() : List.copyOf(memoryBytes);
            maxRamPercentage = maxRamPercentage == null ? List.of() : List.copyOf(maxRamPercentage);
            restart = restart == null ? List.of() : List.copyOf(restart);
            pidsLimit = pidsLimit == null ? List.of() : List.copyOf(pidsLimit);
            dockerRunFlags = dockerRunFlags == null ? List.of() : List.copyOf(dockerRunFlags);
        }
    }

    public Recommendation withConfirmations(List<Confirmation> value) {
        return new Recommendation(cpus, cpuRequest, cpusToTry, memoryBytes, memorySwapBytes, maxRamPercentage, restart,
                crashLoopGiveUpSeconds, pidsLimit, securityOptions, dockerRunFlags, compose, kubernetes, evidence,
                bestThroughput, targets, value);
    }

    /**
     * A copy with the security options, docker run flags, Compose and Kubernetes snippets made from its numbers
     * and {@code security}, the settings the trials ran with.
     */
    Recommendation withSnippets(SecuritySettings security) {
        ContainerSettings settings = DeploymentSnippets.settings(this, security);
        List<String> options = DockerFlags.security(security).stream().map(DockerFlag::toString).toList();
        return new Recommendation(cpus, cpuRequest, cpusToTry, memoryBytes, memorySwapBytes, maxRamPercentage, restart,
                crashLoopGiveUpSeconds, pidsLimit, options, DeploymentSnippets.dockerRunFlags(settings),
                DeploymentSnippets.compose(settings, maxRamPercentage), DeploymentSnippets.kubernetes(settings, cpuRequest),
                evidence, bestThroughput, targets, confirmations);
    }

    /** The recommended limits as a trial would run with them (null where nothing is recommended). */
    public TrialLimits toLimits() {
        return new TrialLimits(cpus, memoryBytes, memorySwapBytes, pidsLimit, restart, null);
    }

    /** N of {@code on-failure:N}; 0 for any other policy. */
    public int restartRetries() {
        int colon = restart == null ? -1 : restart.indexOf(':');
        return restart != null && restart.startsWith("on-failure") && colon > 0
                ? Integer.parseInt(restart.substring(colon + 1)) : 0;
    }

    /**
     * Judges a confirmation trial run under these limits: its throughput must keep the target share of the
     * best throughput its experiment reached, its throttled periods stay under the target, no OOM kill, and
     * no more restarts than the policy allows. A trial that failed to run or measured nothing fails.
     */
    public Confirmation judge(TrialResult trial) {
        TrialMetrics m = trial.metrics();
        if (trial.error() != null || m == null) {
            String why = trial.error() != null ? "the trial failed to run: " + trial.error() : "the trial measured nothing";
            return new Confirmation(trial.trial(), null, null, null, 0, 0, false, why);
        }
        List<String> failures = new ArrayList<>();
        List<String> checks = new ArrayList<>();
        Double throughput = Throughput.ofTrial(m);
        Double best = bestThroughput.get(trial.experiment());
        Double share = throughput != null && best != null && best > 0 ? throughput / best : null;
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
        (m.oomKills() == 0 ? checks : failures).add(m.oomKills() + " OOM kill(s)");
        (m.restarts() <= restartRetries() ? checks : failures)
                .add(m.restarts() + " restart(s) (at most " + restartRetries() + ")");
        boolean passed = failures.isEmpty();
        String reason = passed ? "passed: " + String.join(", ", checks) : "failed: " + String.join(", ", failures);
        return new Confirmation(trial.trial(), throughput, share, m.throttledPeriodsRatio(), m.oomKills(), m.restarts(),
                passed, reason);
    }
}
