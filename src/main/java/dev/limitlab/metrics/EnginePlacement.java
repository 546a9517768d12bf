package dev.limitlab.metrics;

import java.util.List;

/**
 * Where a trial ran when the engine was not the local one (Swarm), and what of its limits and hardening that engine
 * could not apply: stated, never dropped silently.
 *
 * @param engine         {@code swarm}
 * @param nodeId         the node's id in the swarm
 * @param hostname       the node's hostname
 * @param nodeCpus       the node's CPUs
 * @param nodeMemoryBytes the node's memory
 * @param notApplied     each limit or hardening option the engine did not apply, and why
 * @param restartDelayMs the engine's fixed delay before each restart (Swarm's restart policy), null without restarts
 */
public record EnginePlacement(String engine, String nodeId, String hostname, int nodeCpus, long nodeMemoryBytes,
                              List<String> notApplied, Long restartDelayMs) {
    public EnginePlacement {
        notApplied = notApplied == null ? List.of() : List.copyOf(notApplied);
    }
}
