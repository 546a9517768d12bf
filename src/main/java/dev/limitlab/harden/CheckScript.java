package dev.limitlab.harden;

import dev.limitlab.docker.LogLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the success check in the same container as the command, after it: the container's command becomes
 * {@code /bin/sh -c '"$@" || exit $?; <marker>; CHECK' limitlab-harden COMMAND...}. The command keeps its exact
 * argv (no quoting), the check sees the files, user and capabilities the command had, and one container per
 * run is all it takes (create, start, wait, logs, diff), like a run without a check. The marker, printed on
 * both streams once the command has exited 0, tells which of the two printed what and which one failed.
 * A {@code docker exec} into a container kept alive would need a stand-in main process and an image with
 * {@code sleep}; the wrapper needs only {@code /bin/sh}, and only when a check is given.
 */
final class CheckScript {
    static final String MARKER = "--- limitlab-harden: the command exited 0; the check follows ---";
    static final String SHELL = "/bin/sh";

    private CheckScript() {
    }

    /** The container's command: the command itself, or the command then the check. */
    static List<String> containerCommand(List<String> command, Optional<String> check) {
        if (check.isEmpty()) {
            return command;
        }
        String script = "\"$@\" || exit $?\n"
                + "echo '" + MARKER + "'; echo '" + MARKER + "' >&2\n"
                + check.get();
        List<String> wrapped = new ArrayList<>(List.of(SHELL, "-c", script, "limitlab-harden"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** What the command printed and what the check printed; the check's part is empty when it did not run. */
    record Split(List<LogLine> command, List<LogLine> check, boolean checkRan) {
    }

    /** On each stream, the lines before that stream's marker are the command's, those after it the check's. */
    static Split split(List<LogLine> output) {
        List<LogLine> command = new ArrayList<>();
        List<LogLine> check = new ArrayList<>();
        boolean stdoutPassed = false;
        boolean stderrPassed = false;
        for (LogLine line : output) {
            boolean stdout = line.stream() == LogLine.Stream.STDOUT;
            if (line.text().equals(MARKER)) {
                if (stdout) {
                    stdoutPassed = true;
                } else {
                    stderrPassed = true;
                }
                continue;
            }
            boolean afterMarker = stdout ? stdoutPassed : stderrPassed;
            (afterMarker ? check : command).add(line);
        }
        return new Split(List.copyOf(command), List.copyOf(check), stdoutPassed || stderrPassed);
    }
}
