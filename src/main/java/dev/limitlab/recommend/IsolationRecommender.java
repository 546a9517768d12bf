package dev.limitlab.recommend;

import dev.limitlab.metrics.IsolationRun;
import dev.limitlab.metrics.IsolationRun.IsolationConfiguration;
import dev.limitlab.metrics.IsolationRun.IsolationRecommendation;
import dev.limitlab.metrics.TrialLimits;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The limits to give a container whose misbehaviour is feared: the loosest aggressor configuration under which the
 * victim kept at least the target share of its throughput alone. A configuration the host guard cut short, or one that
 * could not be measured, keeps nothing. Its evidence is every configuration's share.
 */
public final class IsolationRecommender {
    /** Looser is more: cpus, then memory, then pids; an unset limit is the loosest of all. */
    private static final Comparator<TrialLimits> LOOSENESS = Comparator
            .comparing((TrialLimits l) -> l.cpus() == null ? Double.MAX_VALUE : l.cpus())
            .thenComparing(l -> l.memory() == null ? Long.MAX_VALUE : l.memory())
            .thenComparing(l -> l.pidsLimit() == null ? Long.MAX_VALUE : l.pidsLimit());

    private IsolationRecommender() {
    }

    public static IsolationRecommendation recommend(IsolationRun run) {
        List<String> evidence = new ArrayList<>();
        for (IsolationConfiguration configuration : run.configurations()) {
            evidence.add(configuration.label() + ": " + verdict(configuration, run.target()));
        }
        Optional<IsolationConfiguration> loosest = run.configurations().stream()
                .filter(configuration -> kept(configuration, run.target()))
                .max(Comparator.comparing(IsolationConfiguration::aggressorLimits, LOOSENESS));
        if (loosest.isEmpty()) {
            return new IsolationRecommendation(null, null, "no configuration of the aggressor kept the victim's share at "
                    + percent(run.target()) + " or more: test tighter limits", evidence);
        }
        IsolationConfiguration chosen = loosest.get();
        return new IsolationRecommendation(chosen.label(), chosen.aggressorLimits().unpinned(), "the loosest aggressor limits"
                + " that kept the victim's share at " + percent(run.target()) + " or more (" + percent(chosen.victimShare()) + ")", evidence);
    }

    static boolean kept(IsolationConfiguration configuration, double target) {
        return configuration.error() == null && configuration.hostGuard() == null && configuration.aggressorLimits() != null
                && configuration.victimShare() != null && configuration.victimShare() >= target;
    }

    private static String verdict(IsolationConfiguration configuration, double target) {
        if (configuration.error() != null) {
            return "not measured (" + configuration.error() + ")";
        }
        if (configuration.victimShare() == null) {
            return "no share (the victim reported no throughput in a phase)";
        }
        String share = "victimShare " + percent(configuration.victimShare()) + (configuration.victimShare() >= target ? " >= " : " < ")
                + percent(target) + (configuration.victimLatencyRatio() == null ? ""
                : String.format(Locale.ROOT, " (p99 latency %.2f× alone)", configuration.victimLatencyRatio()));
        return configuration.hostGuard() != null ? share + ", but the host guard stopped the aggressor: " + configuration.hostGuard() : share;
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }
}
