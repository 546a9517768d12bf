package dev.limitlab.metrics;

/** The engine's view of a container when its trial ended (inspect), to corroborate the event timeline. */
public record FinalState(boolean running, int restartCount, boolean oomKilled, Integer exitCode) {
}
