package dev.limitlab.recommend;

import dev.limitlab.format.Notation;
import dev.limitlab.metrics.Confirmation;
import dev.limitlab.metrics.RecommendTargets;
import dev.limitlab.metrics.Recommendation;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A recommendation for the terminal: each number, the evidence under it, the targets used, then the snippets. */
public final class RecommendationText {
    private static final String EVIDENCE_INDENT = "    ";

    private RecommendationText() {
    }

    /** One recommended setting: the flag, its value (or why there is none) and the evidence behind it. */
    public record Item(String setting, String value, List<String> evidence) {
    }

    public static String render(Recommendation r) {
        List<String> lines = new ArrayList<>();
        lines.add("Recommended limits");
        lines.add("  targets: " + targets(r.targets()));
        lines.add("");
        for (Item item : items(r)) {
            lines.add(item.setting() + " " + item.value());
            item.evidence().forEach(e -> lines.add(EVIDENCE_INDENT + "- " + e));
            lines.add("");
        }
        lines.add("docker run " + r.dockerRunFlags() + " IMAGE");
        lines.add("");
        snippet(lines, "Compose:", r.compose());
        snippet(lines, "Kubernetes:", r.kubernetes());
        lines.add(confirmation(r));
        return String.join("\n", lines) + "\n";
    }

    /** Every setting in the order the text and the reports show them. */
    public static List<Item> items(Recommendation r) {
        Recommendation.Evidence e = r.evidence();
        List<Item> items = new ArrayList<>();
        items.add(new Item("--cpus", r.cpus() != null ? Notation.plain(r.cpus()) : "none recommended"
                + (r.cpusToTry().isEmpty() ? "" : " (test " + r.cpusToTry().stream().map(c -> "cpus=" + Notation.plain(c))
                .collect(Collectors.joining(", ")) + " next)"), e.cpus()));
        items.add(new Item("--memory", r.memoryBytes() == null ? "none recommended"
                : Notation.exactSize(r.memoryBytes()) + " (--memory-swap " + Notation.exactSize(r.memorySwapBytes()) + ")",
                e.memoryBytes()));
        if (r.memoryBytes() != null) {
            items.add(new Item("-XX:MaxRAMPercentage", r.maxRamPercentage() == null ? "no suggestion"
                    : r.maxRamPercentage() + " (for a JVM workload)", e.maxRamPercentage()));
        }
        items.add(new Item("--restart", r.restart() + (r.crashLoopGiveUpSeconds() == null ? ""
                : " (a crash loop gives up after about " + Notation.seconds(r.crashLoopGiveUpSeconds()) + ")"), e.restart()));
        items.add(new Item("--pids-limit", r.pidsLimit() == null ? "none recommended" : Long.toString(r.pidsLimit()),
                e.pidsLimit()));
        items.add(new Item("security", r.securityOptions().isEmpty() ? "none" : String.join(" ", r.securityOptions()),
                e.dockerRunFlags()));
        return items;
    }

    /** The confirmation trials' outcomes, one line: a failed one is shown as failed, never hidden. */
    public static String confirmation(Recommendation r) {
        if (r.confirmations().isEmpty()) {
            return "Confirmation: not run";
        }
        List<String> outcomes = new ArrayList<>();
        for (Confirmation c : r.confirmations()) {
            outcomes.add("trial " + c.trial() + " " + c.reason());
        }
        boolean allPassed = r.confirmations().stream().allMatch(Confirmation::passed);
        return "Confirmation " + (allPassed ? "PASSED" : "FAILED") + " (" + String.join("; ", outcomes) + ")";
    }

    /** The targets and defaults in one line, as every report states them. */
    public static String targets(RecommendTargets t) {
        return "throughput >= " + Notation.percent(t.throughputTarget()) + " of the plateau (less the noise), throttled <= "
                + Notation.percent(t.throttledTarget()) + " of periods, demand p" + Notation.plain(100 * t.demandPercentile())
                + "; headroom cpu " + Notation.percent(t.cpuHeadroom()) + ", memory " + Notation.percent(t.memoryHeadroom())
                + "; steps cpus " + Notation.plain(t.cpuStep()) + ", memory " + Notation.exactSize(t.memoryStep())
                + "; default restart on-failure:" + t.defaultRestarts();
    }

    private static void snippet(List<String> lines, String title, String text) {
        lines.add(title);
        text.lines().forEach(l -> lines.add("  " + l));
        lines.add("");
    }
}
