package dev.limitlab.recommend;

import dev.limitlab.metrics.RecommendTargets;
import dev.limitlab.metrics.Recommendation;
import dev.limitlab.metrics.RunRecord;
import dev.limitlab.metrics.TrialResult;
import dev.limitlab.metrics.TrialSecurity;
import dev.limitlab.scenario.Limits;
import dev.limitlab.scenario.MemorySwap;
import dev.limitlab.metrics.RecommendTargets;
import dev.limitlab.metrics.Recommendation;
import dev.limitlab.settings.DockerFlag;
import dev.limitlab.settings.DockerFlags;
import dev.limitlab.settings.SecuritySettings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Balanced limits from a run's measurements: a pure function of the run and the targets, every number
 * with the figures it came from. The rules are in docs/recommend.md.
 */
public final class Recommender {
    static final long MIN_PIDS = 32;

    private Recommender() {
    }

    /**
     * What a run recommends, and the same numbers as the limits to run the confirmation trials under (a restart
     * policy is always recommended, so there is always something to confirm).
     */
    public record Decision(Recommendation recommendation, Limits limits) {
    }

    public static Recommendation recommend(RunRecord run, RecommendTargets targets) {
        return decide(run, targets).recommendation();
    }

    public static Decision decide(RunRecord run, RecommendTargets targets) {
        RunView view = RunView.of(run);
        CpuRule.Finding cpu = CpuFindings.combine(view, CpuRule.apply(view, targets), ServiceRule.apply(view, targets));
        MemoryRule.Finding memory = MemoryRule.apply(view, targets);
        RestartRule.Finding restart = RestartRule.apply(view, targets);
        List<String> pidsEvidence = new ArrayList<>();
        Long pids = pids(view, pidsEvidence);
        List<String> flagsEvidence = new ArrayList<>();
        SecuritySettings security = security(view, flagsEvidence);

        Recommendation.Evidence evidence = new Recommendation.Evidence(withInconclusive(run, cpu.evidence()), memory.evidence(),
                memory.maxRamEvidence(), restart.evidence(), pidsEvidence, flagsEvidence);
        Recommendation numbers = new Recommendation(cpu.cpus(), cpu.request(), cpu.toTry(), memory.memoryBytes(),
                memory.memoryBytes(), memory.maxRamPercentage(), restart.restart().toString(), restart.giveUpSeconds(), pids,
                null, null, null, null, evidence, cpu.best(), targets, null);
        Recommendation recommendation = DeploymentSnippets.withSnippets(numbers, security);
        // memory-swap = memory: no swap, as recommended
        Limits limits = new Limits(cpu.cpus(), memory.memoryBytes(), memory.memoryBytes() == null ? null : MemorySwap.SAME,
                pids, restart.restart());
        return new Decision(recommendation, limits);
    }

    /** The CPU evidence after a line on the busy host and each trial it left inconclusive, which no rule used. */
    private static List<String> withInconclusive(RunRecord run, List<String> cpuEvidence) {
        List<String> evidence = new ArrayList<>();
        dev.limitlab.metrics.HostBusyness.of(run).ifPresent(evidence::add);
        run.trials().stream().filter(TrialResult::inconclusive).forEach(trial -> evidence.add(RunView.name(trial)
                + " is inconclusive: the host was busy (still disturbed after " + trial.attempts().size()
                + " rerun(s)); not used for any limit"));
        evidence.addAll(cpuEvidence);
        return evidence;
    }

    private static Long pids(RunView run, List<String> evidence) {
        TrialResult peak = run.measuredTrials().stream().filter(t -> t.metrics().pidsPeak() != null)
                .max(Comparator.comparingLong(t -> t.metrics().pidsPeak())).orElse(null);
        if (peak == null) {
            evidence.add("no trial counted its tasks: no --pids-limit recommended");
            return null;
        }
        long most = peak.metrics().pidsPeak();
        long recommended = Math.max(MIN_PIDS, 2 * most);
        evidence.add("peak " + most + " task(s) in " + RunView.name(peak) + ", the most of any trial; x 2 = " + 2 * most
                + (2 * most < MIN_PIDS ? ", raised to the floor of " + MIN_PIDS : "") + ": --pids-limit " + recommended);
        return recommended;
    }

    // The recommendation keeps the hardening the measurements were taken under: limits measured with it
    // may not hold without it. --privileged is never recommended.
    private static SecuritySettings security(RunView run, List<String> evidence) {
        List<TrialSecurity> seen = run.trials().stream().map(TrialResult::security).filter(Objects::nonNull).distinct().toList();
        if (seen.isEmpty()) {
            evidence.add("no trial recorded its security settings: no security options");
            return SecuritySettings.NONE;
        }
        TrialSecurity recorded = seen.get(0);
        if (seen.size() > 1) {
            evidence.add("trials ran with " + seen.size() + " different security settings; the first trial's are used");
        }
        SecuritySettings security = SecuritySettings.of(recorded);
        List<DockerFlag> flags = DockerFlags.security(security);
        evidence.add("security options as the trials ran: " + (flags.isEmpty() ? "none" : DockerFlags.line(flags))
                + (recorded.privileged() ? "; the trials ran --privileged, which is never recommended" : ""));
        return security;
    }
}
