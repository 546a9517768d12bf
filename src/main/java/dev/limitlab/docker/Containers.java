package dev.limitlab.docker;

import java.time.Duration;
import java.util.Optional;

/** A container's life on the engine, from its creation to its removal. Containers are named by the engine's id. */
public interface Containers {
    String create(ContainerSpec spec);

    /**
     * Starts a created container. Fails with {@link ContainerStartException} when the engine refuses to start it
     * for a reason of the container's own (user or executable not in the image), with the engine's message.
     */
    void start(String containerId);

    /**
     * Waits until the container is not running and returns its exit code, or empty when it is still running
     * after {@code timeout}. Returns at once for a container that has already exited.
     */
    Optional<Integer> awaitExit(String containerId, Duration timeout);

    ContainerStatus inspect(String containerId);

    /**
     * Changes a running container's CPU limit at once ({@code docker update --cpus}): the engine rewrites its CFS
     * quota, with no restart and no new container.
     */
    void update(String containerId, double cpus);

    /** Whether {@link #update} changes a running container's limit in place (a Swarm service's task cannot). */
    default boolean updatesInPlace() {
        return true;
    }

    /** Stops without grace (SIGKILL); a stopped container is not an error. Cancels any restart policy. */
    void kill(String containerId);

    /** Removes the container, running or not; an already removed one is not an error. */
    void remove(String containerId);
}
