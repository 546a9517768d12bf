package dev.limitlab.recommend;

import dev.limitlab.format.Notation;
import dev.limitlab.metrics.Recommendation;

import java.util.ArrayList;
import java.util.List;

/** The recommended limits as {@code docker run} flags, a Compose service and a Kubernetes {@code resources} block. */
final class DeploymentSnippets {
    private DeploymentSnippets() {
    }

    static String dockerRunFlags(Recommendation r) {
        List<String> flags = new ArrayList<>();
        if (r.cpus() != null) {
            flags.add("--cpus " + Notation.plain(r.cpus()));
        }
        if (r.memoryBytes() != null) {
            flags.add("--memory " + Notation.exactSize(r.memoryBytes()));
            flags.add("--memory-swap " + Notation.exactSize(r.memorySwapBytes()));
        }
        if (r.pidsLimit() != null) {
            flags.add("--pids-limit " + r.pidsLimit());
        }
        flags.add("--restart " + r.restart());
        flags.addAll(r.securityOptions());
        return String.join(" ", flags);
    }

    static String compose(Recommendation r) {
        List<String> lines = new ArrayList<>();
        lines.add("services:");
        lines.add("  app:");
        lines.add("    restart: \"" + r.restart() + "\"");
        if (r.cpus() != null || r.memoryBytes() != null || r.pidsLimit() != null) {
            lines.add("    deploy:");
            lines.add("      resources:");
            lines.add("        limits:");
            if (r.cpus() != null) {
                lines.add("          cpus: \"" + Notation.plain(r.cpus()) + "\"");
            }
            if (r.memoryBytes() != null) {
                lines.add("          memory: " + Notation.exactSize(r.memoryBytes()));
            }
            if (r.pidsLimit() != null) {
                lines.add("          pids: " + r.pidsLimit());
            }
        }
        if (r.memorySwapBytes() != null) {
            lines.add("    memswap_limit: " + Notation.exactSize(r.memorySwapBytes()));
        }
        for (String option : r.securityOptions()) {
            String value = option.substring(option.indexOf(' ') + 1);
            switch (option.substring(0, option.indexOf(' ') < 0 ? option.length() : option.indexOf(' '))) {
                case "--cap-drop" -> lines.add("    cap_drop: [" + value + "]");
                case "--cap-add" -> lines.add("    cap_add: [" + value + "]");
                case "--security-opt" -> lines.add("    security_opt: [\"" + value + ":true\"]");
                case "--read-only" -> lines.add("    read_only: true");
                case "--user" -> lines.add("    user: \"" + value + "\"");
                case "--network" -> lines.add("    network_mode: " + value);
                default -> { // every flag securityOptions makes is handled above
                }
            }
        }
        if (r.maxRamPercentage() != null) {
            lines.add("    environment:");
            lines.add("      JAVA_TOOL_OPTIONS: \"-XX:MaxRAMPercentage=" + r.maxRamPercentage() + "\"");
        }
        return String.join("\n", lines) + "\n";
    }

    static String kubernetes(Recommendation r) {
        List<String> lines = new ArrayList<>();
        lines.add("resources:");
        if (r.cpus() != null || r.memoryBytes() != null) {
            lines.add("  requests:");
            if (r.cpuRequest() != null) {
                lines.add("    cpu: " + millicores(r.cpuRequest()));
            }
            if (r.memoryBytes() != null) {
                lines.add("    memory: " + quantity(r.memoryBytes()));
            }
            lines.add("  limits:");
            if (r.cpus() != null) {
                lines.add("    cpu: " + millicores(r.cpus()));
            }
            if (r.memoryBytes() != null) {
                lines.add("    memory: " + quantity(r.memoryBytes()));
            }
        }
        if (r.pidsLimit() != null) {
            lines.add("# pids: no per-container field; the kubelet's podPidsLimit (" + r.pidsLimit() + " or more) bounds the pod");
        }
        lines.add("# restart: Kubernetes restarts with its own backoff and no retry count (" + r.restart() + " under docker)");
        return String.join("\n", lines) + "\n";
    }

    private static String millicores(double cpus) {
        return Math.round(cpus * 1000) + "m";
    }

    private static String quantity(long bytes) {
        if (bytes % (1L << 30) == 0) {
            return bytes / (1L << 30) + "Gi";
        }
        return bytes % Notation.MIB == 0 ? bytes / Notation.MIB + "Mi" : Long.toString(bytes);
    }
}
