package dev.limitlab.harden;

import dev.limitlab.scenario.Hardening;
import dev.limitlab.settings.ContainerSettings;
import dev.limitlab.settings.DockerFlags;

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

    /**
     * {@code docker run --rm}, the settings' flags, the image and the command: the settings of a harden run,
     * {@link Hardener#RUN_LIMITS} and {@code hardening}, so the line is what that run was made with.
     */
    static List<String> dockerRun(Hardening hardening, HardenRequest request) {
        List<String> arguments = new ArrayList<>(List.of("docker", "run", "--rm"));
        arguments.addAll(DockerFlags.arguments(DockerFlags.of(ContainerSettings.of(Hardener.RUN_LIMITS, hardening, null))));
        arguments.add(request.image());
        arguments.addAll(request.command());
        return arguments;
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
