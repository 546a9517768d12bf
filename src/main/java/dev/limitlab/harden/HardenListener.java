package dev.limitlab.harden;

import dev.limitlab.docker.EngineSecurity;

/** Live progress of {@link Hardener}, on the caller's thread: the start, then each run as it ends. */
public interface HardenListener {
    HardenListener NONE = run -> { };

    /** Before the first run, with what the engine said about its security features. */
    default void started(HardenRequest request, EngineSecurity engine) {
    }

    void runFinished(HardenRun run);
}
