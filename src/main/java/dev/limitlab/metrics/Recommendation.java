package dev.limitlab.metrics;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Balanced limits for the measured workload, each number with the evidence it came from, as written to
 * run.json under {@code recommendation} (made by {@code recommend.Recommender}, which also judges its confirmations).
 * A null number means the run could not support one; its evidence says why (and {@code cpusToTry} what to test
 * next for CPU).
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

    /** A copy with these security options, {@code docker run} flags, Compose and Kubernetes snippets. */
    public Recommendation withSnippets(List<String> securityOptions, String dockerRunFlags, String compose, String kubernetes) {
        return new Recommendation(cpus, cpuRequest, cpusToTry, memoryBytes, memorySwapBytes, maxRamPercentage, restart,
                crashLoopGiveUpSeconds, pidsLimit, securityOptions, dockerRunFlags, compose, kubernetes, evidence,
                bestThroughput, targets, confirmations);
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
}
