package dev.limitlab.harden;

import dev.limitlab.scenario.Hardening;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The hardened {@code docker run} command line, as arguments, and the run that tried it as a whole.
 *
 * @param verified true when run {@code verifiedByRun}, made with exactly these settings, succeeded
 */
public record DockerRunLine(List<String> arguments, int verifiedByRun, boolean verified) {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    public DockerRunLine {
        arguments = List.copyOf(arguments);
    }

    /** {@code docker run --rm}, the settings' flags, the image and the command. */
    static List<String> dockerRun(Hardening hardening, HardenRequest request) {
        List<String> arguments = new ArrayList<>(List.of("docker", "run", "--rm"));
        arguments.addAll(flags(hardening));
        arguments.add(request.image());
        arguments.addAll(request.command());
        return arguments;
    }

    /** The settings as docker CLI flags: {@code --cap-drop ALL --cap-add CHOWN --security-opt no-new-privileges ...}. */
    public static List<String> flags(Hardening hardening) {
        List<String> flags = new ArrayList<>();
        if (hardening.capDropAll()) {
            flags.addAll(List.of("--cap-drop", "ALL"));
        }
        hardening.capAdd().forEach(c -> flags.addAll(List.of("--cap-add", c)));
        if (hardening.noNewPrivileges()) {
            flags.addAll(List.of("--security-opt", "no-new-privileges"));
        }
        hardening.securityOpts().forEach(o -> flags.addAll(List.of("--security-opt", o)));
        if (hardening.readOnlyRootfs()) {
            flags.add("--read-only");
        }
        if (hardening.user() != null) {
            flags.addAll(List.of("--user", hardening.user()));
        }
        flags.addAll(List.of("--network", hardening.networkMode()));
        return flags;
    }

    /** The line as a POSIX shell would take it: arguments with spaces, quotes or specials in single quotes. */
    public String toShell() {
        return arguments.stream().map(DockerRunLine::quote).collect(Collectors.joining(" "));
    }

    static String quote(String argument) {
        if (PLAIN.matcher(argument).matches()) {
            return argument;
        }
        return "'" + argument.replace("'", "'\\''") + "'";
    }
}
