package dev.limitlab.docker;

import dev.limitlab.metrics.EnginePlacement;
import dev.limitlab.metrics.FinalState;

/**
 * The engine's inspect view of a container. {@code restarting} is set while the restart policy waits;
 * {@code pid} is its main process on the engine's host (null or 0 when not running); {@code placement} where an
 * engine of many nodes ran it (null on the local engine).
 */
public record ContainerStatus(String status, boolean running, boolean restarting, int restartCount,
                              boolean oomKilled, Integer exitCode, Integer pid, EnginePlacement placement) {
    /** On the local engine. */
    public ContainerStatus(String status, boolean running, boolean restarting, int restartCount, boolean oomKilled,
                           Integer exitCode, Integer pid) {
        this(status, running, restarting, restartCount, oomKilled, exitCode, pid, null);
    }

    /** Neither running nor about to be restarted by its policy: nothing more will happen on its own. */
    public boolean exitedForGood() {
        return !running && !restarting && !status.equals("created");
    }

    public FinalState toFinalState() {
        return new FinalState(running || restarting, restartCount, oomKilled, exitCode);
    }
}
