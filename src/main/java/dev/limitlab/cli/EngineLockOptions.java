package dev.limitlab.cli;

import dev.limitlab.engine.RunContext;
import picocli.CommandLine.Option;

/** {@code --no-wait} and {@code --no-lock}: how a command that uses the engine takes its lock. */
final class EngineLockOptions {
    @Option(names = "--no-wait", description = "When another run holds the engine's lock, fail at once (exit code 5)"
            + " instead of waiting for it to finish.")
    boolean noWait;

    @Option(names = "--no-lock", description = "Do not take the engine's lock: another run may then disturb this"
            + " one's measurements, and this one theirs.")
    boolean noLock;

    RunContext.EngineLock engineLock() {
        return noLock ? RunContext.EngineLock.NONE : noWait ? RunContext.EngineLock.FAIL_IF_BUSY : RunContext.EngineLock.WAIT;
    }
}
