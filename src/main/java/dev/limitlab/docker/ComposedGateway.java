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
 * An engine made of one implementation per role, so that a decorator of one role (see
 * {@link DockerGateway#withContainers}) serves code that takes the whole engine. Owns no connection: closes nothing.
 */
record ComposedGateway(Containers containers, EngineStreams streams, Images images, Inventory inventory,
                       Forensics forensics, EngineIdentity identity) implements DockerGateway {
    @Override
    public String create(ContainerSpec spec) {
        return containers.create(spec);
    }

    @Override
    public void start(String containerId) {
        containers.start(containerId);
    }

    @Override
    public Optional<Integer> awaitExit(String containerId, Duration timeout) {
        return containers.awaitExit(containerId, timeout);
    }

    @Override
    public ContainerStatus inspect(String containerId) {
        return containers.inspect(containerId);
    }

    @Override
    public void update(String containerId, double cpus) {
        containers.update(containerId, cpus);
    }

    @Override
    public boolean updatesInPlace() {
        return containers.updatesInPlace();
    }

    @Override
    public void kill(String containerId) {
        containers.kill(containerId);
    }

    @Override
    public void remove(String containerId) {
        containers.remove(containerId);
    }

    @Override
    public AutoCloseable streamStats(String containerId, Consumer<StatsSample> onSample) {
        return streams.streamStats(containerId, onSample);
    }

    @Override
    public AutoCloseable streamEvents(String labelKey, String labelValue, Consumer<ContainerEvent> onEvent) {
        return streams.streamEvents(labelKey, labelValue, onEvent);
    }

    @Override
    public Optional<ImageInfo> image(String image) {
        return images.image(image);
    }

    @Override
    public String buildImage(Path contextDirectory, String tag, Map<String, String> labels) {
        return images.buildImage(contextDirectory, tag, labels);
    }

    @Override
    public List<String> containersLabelled(String key, String value) {
        return inventory.containersLabelled(key, value);
    }

    @Override
    public List<EngineResource> resourcesLabelled(String key) {
        return inventory.resourcesLabelled(key);
    }

    @Override
    public void removeResource(EngineResource resource) {
        inventory.removeResource(resource);
    }

    @Override
    public List<String> stdoutLines(String containerId) {
        return forensics.stdoutLines(containerId);
    }

    @Override
    public List<LogLine> output(String containerId) {
        return forensics.output(containerId);
    }

    @Override
    public List<FileChange> changes(String containerId) {
        return forensics.changes(containerId);
    }

    @Override
    public String ping() {
        return identity.ping();
    }

    @Override
    public DockerEndpoint endpoint() {
        return identity.endpoint();
    }

    @Override
    public HostInfo hostInfo() {
        return identity.hostInfo();
    }

    @Override
    public EngineSecurity security() {
        return identity.security();
    }

    @Override
    public boolean spreadsTrials() {
        return identity.spreadsTrials();
    }

    @Override
    public void close() {
    }
}
