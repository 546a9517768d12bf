package dev.limitlab.harden;

import dev.limitlab.docker.EngineSecurity;
import dev.limitlab.scenario.Durations;
import dev.limitlab.scenario.Hardening;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code limitlab harden} as text: a header, one line per run as it ends (with the lines a failure printed), and
 * the report: the hardened {@code docker run} line, then the evidence for each flag in it or left out of it.
 */
public final class HardenText {
    private static final String TAIL = "| ";

    private HardenText() {
    }

    public static List<String> header(HardenRequest request, EngineSecurity engine) {
        List<String> lines = new ArrayList<>();
        lines.add("harden " + request.image() + ": " + shell(request.command()));
        request.check().ifPresent(check -> lines.add("  check, in the same container afterwards: " + check));
        lines.add("  success: exit code 0" + (request.check().isPresent() ? " of the command, then of the check" : "")
                + "; every run: --network " + request.networkMode() + ", at most " + Durations.format(request.timeout()));
        lines.add("  engine: " + engineSecurity(engine));
        return lines;
    }

    /** One run: its outcome, time and settings on one line, then the lines a failure printed. */
    public static List<String> run(HardenRun run) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "run %2d  %-24s %7s  %s  (%s)", run.number(), outcome(run),
                seconds(run.took().toMillis()), settings(run.hardening()), run.purpose()));
        if (!run.succeeded()) {
            run.tail().forEach(t -> lines.add("        " + TAIL + t));
        }
        return lines;
    }

    public static List<String> report(HardenReport report) {
        List<String> lines = new ArrayList<>();
        CapabilityFinding capabilities = report.capabilities();
        lines.add("capabilities: " + switch (capabilities.verdict()) {
            case NONE_NEEDED -> "none needed: the command works with --cap-drop ALL alone";
            case MINIMAL_SET -> String.join(", ", capabilities.add()) + " (1-minimal, out of the engine's "
                    + Hardener.ENGINE_DEFAULT_CAPABILITIES.size() + " defaults)";
            case NOT_CAPABILITIES -> "not the problem: the command fails even with the engine's "
                    + Hardener.ENGINE_DEFAULT_CAPABILITIES.size() + " default capabilities";
        });
        lines.add("");
        report.line().ifPresentOrElse(line -> {
            lines.add(line.verified()
                    ? "hardened line (run " + line.verifiedByRun() + " succeeded with exactly these settings):"
                    : "hardened line, NOT verified: each setting works alone, but run " + line.verifiedByRun()
                    + " with all of them together failed:");
            lines.add("  " + line.toShell());
        }, () -> lines.add("no hardened line: the command never succeeded"));
        lines.add("");
        lines.add("evidence:");
        Evidence evidence = new Evidence(report);
        lines.addAll(capabilityEvidence(report.capabilities(), evidence));
        for (FlagCheck check : report.checks()) {
            String flag = check.flag().isEmpty() ? "" : "  => " + String.join(" ", check.flag());
            lines.add("  " + check.setting().text() + ": " + check.summary() + flag);
            check.runs().forEach(n -> lines.addAll(evidence.cite(n)));
        }
        lines.add("  --network " + report.request().networkMode() + ": as asked (not searched)");
        lines.add("");
        lines.add(report.runs().size() + " runs made; every subset of the " + Hardener.ENGINE_DEFAULT_CAPABILITIES.size()
                + " defaults would be " + BigInteger.TWO.pow(Hardener.ENGINE_DEFAULT_CAPABILITIES.size()) + " runs");
        return lines;
    }

    private static List<String> capabilityEvidence(CapabilityFinding capabilities, Evidence evidence) {
        List<String> lines = new ArrayList<>();
        lines.add("  --cap-drop ALL:");
        lines.addAll(evidence.cite(capabilities.noCapabilityRun()));
        if (capabilities.defaultSetRun() != null) {
            lines.addAll(evidence.cite(capabilities.defaultSetRun()));
        }
        for (CapabilityFinding.Needed needed : capabilities.needed()) {
            lines.add("  --cap-add " + needed.capability() + ": needed, fails without it:");
            lines.addAll(evidence.cite(needed.failedWithoutRun()));
        }
        return lines;
    }

    /** Runs cited as evidence: the first citation shows what the run printed last (a success's too), later ones refer back. */
    private static final class Evidence {
        private static final String INDENT = "      ";
        private final HardenReport report;
        private final Set<Integer> shown = new HashSet<>();

        Evidence(HardenReport report) {
            this.report = report;
        }

        List<String> cite(int number) {
            HardenRun run = report.run(number);
            List<String> lines = new ArrayList<>();
            boolean first = shown.add(number);
            lines.add(INDENT + "run " + number + " " + outcome(run) + ": " + settings(run.hardening()) + (first ? "" : " (above)"));
            if (first) {
                run.tail().forEach(t -> lines.add(INDENT + "  " + TAIL + t));
            }
            return lines;
        }
    }

    static String outcome(HardenRun run) {
        return run.outcome().text() + (run.exitCode() != null && run.exitCode() != 0 ? ", exit " + run.exitCode() : "");
    }

    /** What a run changed from {@code --cap-drop ALL}: the capabilities added back and the other settings. */
    static String settings(Hardening hardening) {
        List<String> capabilities = hardening.capAdd();
        List<String> defaults = Hardener.ENGINE_DEFAULT_CAPABILITIES;
        String caps;
        if (capabilities.isEmpty()) {
            caps = "none";
        } else if (capabilities.equals(defaults)) {
            caps = "the " + defaults.size() + " defaults";
        } else if (defaults.containsAll(capabilities) && capabilities.size() > defaults.size() / 2) {
            // most of the defaults: shorter, and clearer, by what is missing
            caps = "the defaults but " + String.join(",", defaults.stream().filter(c -> !capabilities.contains(c)).toList());
        } else {
            caps = String.join(",", capabilities);
        }
        List<String> parts = new ArrayList<>(List.of("caps " + caps));
        if (hardening.noNewPrivileges()) {
            parts.add("no-new-privileges");
        }
        if (hardening.readOnlyRootfs()) {
            parts.add("read-only");
        }
        if (hardening.user() != null) {
            parts.add("user " + hardening.user());
        }
        parts.addAll(hardening.securityOpts());
        return String.join(" + ", parts);
    }

    static String engineSecurity(EngineSecurity engine) {
        return engine.seccompProfile().map(p -> "seccomp (profile " + p + ")").orElse("no seccomp")
                + ", " + (engine.appArmor() ? "AppArmor enabled" : "AppArmor not enabled");
    }

    private static String shell(List<String> command) {
        return command.stream().map(DockerRunLine::quote).collect(Collectors.joining(" "));
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }
}
