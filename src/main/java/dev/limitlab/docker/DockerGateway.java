package dev.limitlab.docker;

import dev.limitlab.metrics.ContainerEvent;
import dev.limitlab.metrics.StatsSample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What limitlab asks of a container engine. The one implementation on docker-java is
 * {@link DockerJavaGateway}; tests use a fake. Streams returned here never end on their own: close them.
 */
public interface DockerGateway extends AutoCloseable {
    /** Fails with {@link EngineUnavailableException} when no engine answers. Returns the engine's version. */
    String ping();

    DockerEndpoint endpoint();

    /** The engine host's CPU count and memory. */
    HostInfo hostInfo();

    /** The image, or empty when it is not on the engine (it is never pulled). */
    Optional<ImageInfo> image(String image);

    /** Builds an image from a directory holding a Dockerfile; returns its id. */
    String buildImage(Path contextDirectory, String tag, Map<String, String> labels);

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

    /** The container's stdout, one entry per line, all runs so far. */
    List<String> stdoutLines(String containerId);

    /**
     * Everything the container printed so far, stdout and stderr kept apart, one entry per line in the order
     * the engine logged the lines (within one stream that is the order they were printed).
     */
    List<LogLine> output(String containerId);

    /** The engine's diff of the container's root filesystem against its image ({@code docker diff}); works after exit. */
    List<FileChange> changes(String containerId);

    /** The security features the engine applies to every container ({@code docker info}, SecurityOptions). */
    EngineSecurity security();

    /** Stops without grace (SIGKILL); a stopped container is not an error. Cancels any restart policy. */
    void kill(String containerId);

    /** Removes the container, running or not; an already removed one is not an error. */
    void remove(String containerId);

    /** Ids of all containers, in any state, that carry the label {@code key=value}. */
    List<String> containersLabelled(String key, String value);

    /** All containers (in any state), networks and volumes that carry the label {@code key}, whatever its value. */
    List<EngineResource> resourcesLabelled(String key);

    /**
     * Removes a container (running or not, with its anonymous volumes), a network or a volume; an already removed
     * one is not an error. Fails with {@link EngineException} when the engine refuses, e.g. a volume still in use.
     */
    void removeResource(EngineResource resource);

    /** Stats frames for one container, about one a second, until closed. Empty frames (stopped) are skipped. */
    AutoCloseable streamStats(String containerId, Consumer<StatsSample> onSample);

    /**
     * Container events (start, die, oom) of containers labelled {@code key=value}; returns once the
     * subscription is live, so a container started afterwards misses nothing.
     */
    AutoCloseable streamEvents(String labelKey, String labelValue, Consumer<ContainerEvent> onEvent);

    @Override
    void close();
}
