package dev.limitlab.harden;

import dev.limitlab.docker.FileChange;
import dev.limitlab.scenario.Hardening;

import java.time.Duration;
import java.util.List;

/**
 * One container {@code limitlab harden} ran: why, with which settings, how it ended, and what it printed last.
 *
 * @param number   1, 2, ... in the order the runs were made
 * @param purpose  why this run was made, e.g. "no capability", "without CHOWN", "no-new-privileges"
 * @param exitCode the container's exit code; null when it did not start or was stopped at the timeout
 * @param tail     the last lines that say why it failed (the failing step's stderr, else its stdout, or the
 *                 engine's refusal), or, for a success, the last lines it printed
 * @param changes  the engine's diff of the root filesystem after the run
 */
public record HardenRun(int number, String purpose, Hardening hardening, Outcome outcome, Integer exitCode,
                        List<String> tail, List<FileChange> changes, Duration took) {
    /** How a run ended. */
    public enum Outcome {
        SUCCEEDED("succeeded"),
        COMMAND_FAILED("command failed"),
        CHECK_FAILED("check failed"),
        TIMED_OUT("timed out"),
        NOT_STARTED("not started");

        private final String text;

        Outcome(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public HardenRun {
        tail = List.copyOf(tail);
        changes = List.copyOf(changes);
    }

    public boolean succeeded() {
        return outcome == Outcome.SUCCEEDED;
    }
}
