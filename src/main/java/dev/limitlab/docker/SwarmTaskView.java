package dev.limitlab.docker;

import java.time.Instant;

/**
 * One task of a trial's service as the manager last listed it. Each restart is a new task with a new container.
 *
 * @param state       Swarm's task state, lower case ({@code running}, {@code failed}, {@code complete}...)
 * @param containerId null until the node made the container
 * @param exitCode    null until the container exited
 * @param createdAt   when Swarm made the task (orders a service's tasks)
 * @param at          when the task entered its state
 * @param error       Swarm's message for a failed or rejected task, null otherwise
 */
record SwarmTaskView(String id, String nodeId, String state, String containerId, Integer exitCode, Instant createdAt,
                     Instant at, String error) {
    private static final java.util.Set<String> TERMINAL = java.util.Set.of("complete", "failed", "shutdown", "rejected",
            "orphaned", "remove");
    private static final java.util.Set<String> STARTED = java.util.Set.of("running", "complete", "failed", "shutdown");

    boolean terminal() {
        return terminal(state);
    }

    /** Whether Swarm's task state is one a task never leaves. */
    static boolean terminal(String state) {
        return TERMINAL.contains(state);
    }

    boolean running() {
        return state.equals("running");
    }

    /** The container was started (a running task, or one that ended after it ran). */
    boolean started() {
        return containerId != null && STARTED.contains(state) && (state.equals("running") || exitCode != null);
    }
}
