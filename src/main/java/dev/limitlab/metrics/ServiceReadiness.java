package dev.limitlab.metrics;

import java.util.List;

/**
 * How a service trial's service came up: run.json's {@code metrics.service}.
 *
 * @param ready        whether it was ready within its {@code ready.timeout}; a service that never got ready is a
 *                     result (end reason {@code not-ready}), not a tool failure
 * @param readySeconds from the container's start to ready
 * @param how          what said so: {@code http /healthz}, {@code tcp 8080} or {@code log "Started .* in"}
 * @param logTail      the service's last output lines when it was not ready (what it said instead)
 */
public record ServiceReadiness(boolean ready, Double readySeconds, String how, List<String> logTail) {
    /** How many of the service's last lines a not-ready trial keeps. */
    public static final int TAIL_LINES = 20;

    public ServiceReadiness {
        logTail = logTail == null ? List.of() : List.copyOf(logTail);
    }
}
