package dev.limitlab.bench;

import dev.limitlab.docker.ContainerSpec;
import dev.limitlab.docker.ContainerStatus;
import dev.limitlab.docker.DockerEndpoint;
import dev.limitlab.docker.DockerGateway;
import dev.limitlab.docker.EngineResource;
import dev.limitlab.docker.EngineSecurity;
import dev.limitlab.docker.FileChange;
import dev.limitlab.docker.HostInfo;
import dev.limitlab.docker.ImageInfo;
import dev.limitlab.docker.LogLine;
import dev.limitlab.metrics.ContainerEvent;
import dev.limitlab.metrics.StatsSample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Passes every call to the engine through unchanged, and notes (on {@link System#nanoTime()}) when each
 * container's create was called, when its stop (the kill) was called and when its removal returned, by the
 * container's name. The engine's trial code is measured as it is, with no timing inside it.
 */
final class TimingGateway implements DockerGateway {
    /** Marks of one container, nanoTime values; 0 when that call did not happen. */
    record Marks(long createCalled, long stopCalled, long removed) {
    }

    private final DockerGateway engine;
    private final Map<String, String> names = new ConcurrentHashMap<>(); // container id -> name
    private final Map<String, Long> createCalled = new ConcurrentHashMap<>();
    private final Map<String, Long> stopCalled = new ConcurrentHashMap<>();
    private final Map<String, Long> removed = new ConcurrentHashMap<>();

    TimingGateway(DockerGateway engine) {
        this.engine = engine;
    }

    /** The marks of the container named {@code name}. */
    Marks marks(String name) {
        return new Marks(createCalled.getOrDefault(name, 0L), stopCalled.getOrDefault(name, 0L), removed.getOrDefault(name, 0L));
    }

    @Override
    public String create(ContainerSpec spec) {
        long called = System.nanoTime();
        String id = engine.create(spec);
        names.put(id, spec.name());
        createCalled.put(spec.name(), called);
        return id;
    }

    @Override
    public void kill(String containerId) {
        stopCalled.putIfAbsent(names.getOrDefault(containerId, containerId), System.nanoTime());
        engine.kill(containerId);
    }

    @Override
    public void remove(String containerId) {
        engine.remove(containerId);
        removed.putIfAbsent(names.getOrDefault(containerId, containerId), System.nanoTime());
    }

    // ---- the rest passes through

    @Override
    public String ping() {
        return engine.ping();
    }

    @Override
    public DockerEndpoint endpoint() {
        return engine.endpoint();
    }

    @Override
    public HostInfo hostInfo() {
        return engine.hostInfo();
    }

    @Override
    public Optional<ImageInfo> image(String image) {
        return engine.image(image);
    }

    @Override
    public String buildImage(Path contextDirectory, String tag, Map<String, String> labels) {
        return engine.buildImage(contextDirectory, tag, labels);
    }

    @Override
    public void start(String containerId) {
        engine.start(containerId);
    }

    @Override
    public Optional<Integer> awaitExit(String containerId, Duration timeout) {
        return engine.awaitExit(containerId, timeout);
    }

    @Override
    public ContainerStatus inspect(String containerId) {
        return engine.inspect(containerId);
    }

    @Override
    public List<String> stdoutLines(String containerId) {
        return engine.stdoutLines(containerId);
    }

    @Override
    public List<LogLine> output(String containerId) {
        return engine.output(containerId);
    }

    @Override
    public List<FileChange> changes(String containerId) {
        return engine.changes(containerId);
    }

    @Override
    public EngineSecurity security() {
        return engine.security();
    }

    @Override
    public List<String> containersLabelled(String key, String value) {
        return engine.containersLabelled(key, value);
    }

    @Override
    public List<EngineResource> resourcesLabelled(String key) {
        return engine.resourcesLabelled(key);
    }

    @Override
    public void removeResource(EngineResource resource) {
        engine.removeResource(resource);
    }

    @Override
    public AutoCloseable streamStats(String containerId, Consumer<StatsSample> onSample) {
        return engine.streamStats(containerId, onSample);
    }

    @Override
    public AutoCloseable streamEvents(String labelKey, String labelValue, Consumer<ContainerEvent> onEvent) {
        return engine.streamEvents(labelKey, labelValue, onEvent);
    }

    /** The engine is the caller's to close. */
    @Override
    public void close() {
    }
}
