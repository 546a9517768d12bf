package dev.limitlab.recommend;

import dev.limitlab.scenario.RecommendTargets;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A recommendation for the terminal: each number, the evidence under it, the targets used, then the snippets. */
public final class RecommendationText {
    private static final String EVIDENCE_INDENT = "    ";

    private RecommendationText() {
    }

    public static String render(Recommendation r) {
        List<String> lines = new ArrayList<>();
        lines.add("Recommended limits");
        lines.add("  targets: " + targets(r.targets()));
        lines.add("");
        section(lines, cpus(r), r.evidence().cpus());
        section(lines, memory(r), r.evidence().memoryBytes());
        if (r.memoryBytes() != null) {
            section(lines, r.maxRamPercentage() == null ? "-XX:MaxRAMPercentage: no suggestion"
                    : "-XX:MaxRAMPercentage=" + r.maxRamPercentage() + " (for a JVM workload)", r.evidence().maxRamPercentage());
        }
        section(lines, "--restart " + r.restart() + (r.crashLoopGiveUpSeconds() == null ? ""
                : " (a crash loop gives up after about " + Notation.seconds(r.crashLoopGiveUpSeconds()) + ")"), r.evidence().restart());
        section(lines, r.pidsLimit() == null ? "--pids-limit: none recommended" : "--pids-limit " + r.pidsLimit(),
                r.evidence().pidsLimit());
        section(lines, "security: " + (r.securityOptions().isEmpty() ? "none" : String.join(" ", r.securityOptions())),
                r.evidence().dockerRunFlags());
        lines.add("docker run " + r.dockerRunFlags() + " IMAGE");
        lines.add("");
        snippet(lines, "Compose:", r.compose());
        snippet(lines, "Kubernetes:", r.kubernetes());
        if (r.confirmation() != null) {
            lines.add("Confirmation (trial " + r.confirmation().trial() + "): " + r.confirmation().reason());
        } else {
            lines.add("Confirmation: not run");
        }
        return String.join("\n", lines) + "\n";
    }

    /** The targets and defaults in one line, as every report states them. */
    public static String targets(RecommendTargets t) {
        return "throughput >= " + Notation.percent(t.throughputTarget()) + " of best, throttled <= "
                + Notation.percent(t.throttledTarget()) + " of periods, demand p" + Notation.plain(100 * t.demandPercentile())
                + "; headroom cpu " + Notation.percent(t.cpuHeadroom()) + ", memory " + Notation.percent(t.memoryHeadroom())
                + "; steps cpus " + Notation.plain(t.cpuStep()) + ", memory " + Notation.exactSize(t.memoryStep())
                + "; default restart on-failure:" + t.defaultRestarts();
    }

    /** The --cpus line: the number, or why there is none and what to test next. */
    public static String cpus(Recommendation r) {
        if (r.cpus() != null) {
            return "--cpus " + Notation.plain(r.cpus());
        }
        return "--cpus: none recommended" + (r.cpusToTry().isEmpty() ? "" : " (test "
                + r.cpusToTry().stream().map(c -> "cpus=" + Notation.plain(c)).collect(Collectors.joining(", ")) + " next)");
    }

    public static String memory(Recommendation r) {
        return r.memoryBytes() == null ? "--memory: none recommended"
                : "--memory " + Notation.exactSize(r.memoryBytes()) + " --memory-swap " + Notation.exactSize(r.memorySwapBytes());
    }

    private static void section(List<String> lines, String title, List<String> evidence) {
        lines.add(title);
        evidence.forEach(e -> lines.add(EVIDENCE_INDENT + "- " + e));
        lines.add("");
    }

    private static void snippet(List<String> lines, String title, String text) {
        lines.add(title);
        text.lines().forEach(l -> lines.add("  " + l));
        lines.add("");
    }
}
