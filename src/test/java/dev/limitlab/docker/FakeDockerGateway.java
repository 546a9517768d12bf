package dev.limitlab.docker;

import dev.limitlab.metrics.ContainerEvent;
import dev.limitlab.metrics.StatsSample;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An in-memory engine for unit tests: containers, networks, volumes and images in maps, no daemon. Containers are
 * created stopped ({@code created}); {@link #start} makes them {@code running}; {@link #emit} and {@link #emitStats}
 * feed the streams a test has opened. What was removed is kept in {@link #removed()}, in order.
 */
public final class FakeDockerGateway implements DockerGateway {
    private final DockerEndpoint endpoint;
    private final Map<String, EngineResource> resources = new LinkedHashMap<>();
    private final Map<String, ContainerStatus> statuses = new HashMap<>();
    private final Map<String, List<String>> stdout = new HashMap<>();
    private final Map<String, ImageInfo> images = new HashMap<>();
    private final Set<String> refuseRemoval = ConcurrentHashMap.newKeySet();
    private final List<EngineResource> removed = new CopyOnWriteArrayList<>();
    private final List<Subscription<ContainerEvent>> eventSubscribers = new CopyOnWriteArrayList<>();
    private final List<Subscription<StatsSample>> statsSubscribers = new CopyOnWriteArrayList<>();
    private int nextId = 1;

    private record Subscription<T>(String labelKey, String labelValue, Consumer<T> consumer) {
    }

    public FakeDockerGateway() {
        this(new DockerEndpoint(java.net.URI.create("unix:///fake/docker.sock"), "fake", List.of("fake")));
    }

    public FakeDockerGateway(DockerEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    // ---- setting the engine up

    public synchronized EngineResource addContainer(String name, Map<String, String> labels) {
        EngineResource container = new EngineResource(EngineResource.Kind.CONTAINER, newId("c"), name, labels);
        resources.put(container.id(), container);
        statuses.put(container.id(), new ContainerStatus("created", false, false, 0, false, null, null));
        return container;
    }

    public synchronized EngineResource addNetwork(String name, Map<String, String> labels) {
        return add(new EngineResource(EngineResource.Kind.NETWORK, newId("n"), name, labels));
    }

    public synchronized EngineResource addVolume(String name, Map<String, String> labels) {
        return add(new EngineResource(EngineResource.Kind.VOLUME, name, name, labels));
    }

    public synchronized void addImage(String tag, ImageInfo image) {
        images.put(tag, image);
    }

    public synchronized void setStatus(String containerId, ContainerStatus status) {
        statuses.put(containerId, status);
    }

    public synchronized void setStdout(String containerId, List<String> lines) {
        stdout.put(containerId, List.copyOf(lines));
    }

    /** Removing this resource (by id) fails as the engine fails when a volume or network is in use. */
    public void refuseRemovalOf(String id) {
        refuseRemoval.add(id);
    }

    /** Delivers an event to the subscriptions whose label the event's container carries. */
    public void emit(ContainerEvent event) {
        EngineResource container = resource(event.containerId());
        for (Subscription<ContainerEvent> subscription : eventSubscribers) {
            if (container != null && Objects.equals(container.label(subscription.labelKey()), subscription.labelValue())) {
                subscription.consumer().accept(event);
            }
        }
    }

    /** Delivers a stats frame to the streams open on the container. */
    public void emitStats(String containerId, StatsSample sample) {
        statsSubscribers.stream().filter(s -> s.labelValue().equals(containerId)).forEach(s -> s.consumer().accept(sample));
    }

    // ---- looking at it

    public synchronized List<EngineResource> resources() {
        return List.copyOf(resources.values());
    }

    public synchronized EngineResource resource(String id) {
        return resources.get(id);
    }

    public List<EngineResource> removed() {
        return List.copyOf(removed);
    }

    public int openStreams() {
        return eventSubscribers.size() + statsSubscribers.size();
    }

    // ---- DockerGateway

    @Override
    public String ping() {
        return "fake";
    }

    /** Containers of the fake never exit by themselves: the wait times out. */
    @Override
    public Optional<Integer> awaitExit(String containerId, java.time.Duration timeout) {
        return Optional.empty();
    }

    @Override
    public synchronized List<LogLine> output(String containerId) {
        return stdoutLines(containerId).stream().map(line -> new LogLine(LogLine.Stream.STDOUT, line)).toList();
    }

    @Override
    public List<FileChange> changes(String containerId) {
        return List.of();
    }

    @Override
    public EngineSecurity security() {
        return new EngineSecurity(List.of("name=seccomp,profile=default"));
    }

    @Override
    public HostInfo hostInfo() {
        return new HostInfo(2, 8L << 30);
    }

    @Override
    public DockerEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public synchronized Optional<ImageInfo> image(String image) {
        return Optional.ofNullable(images.get(image));
    }

    @Override
    public synchronized String buildImage(Path contextDirectory, String tag, Map<String, String> labels) {
        ImageInfo image = new ImageInfo(newId("sha256:"), 0, labels);
        images.put(tag, image);
        return image.id();
    }

    @Override
    public synchronized String create(ContainerSpec spec) {
        return addContainer(spec.name(), spec.labels()).id();
    }

    @Override
    public synchronized void start(String containerId) {
        statuses.put(existing(containerId).id(), new ContainerStatus("running", true, false, 0, false, null, 4242));
    }

    @Override
    public synchronized ContainerStatus inspect(String containerId) {
        return statuses.get(existing(containerId).id());
    }

    @Override
    public synchronized List<String> stdoutLines(String containerId) {
        return stdout.getOrDefault(existing(containerId).id(), List.of());
    }

    @Override
    public synchronized void kill(String containerId) {
        ContainerStatus status = statuses.get(containerId);
        if (status != null && status.running()) {
            statuses.put(containerId, new ContainerStatus("exited", false, false, status.restartCount(), false, 137, null));
        }
    }

    @Override
    public void remove(String containerId) {
        EngineResource container = resource(containerId);
        if (container != null) {
            removeResource(container);
        }
    }

    @Override
    public synchronized List<String> containersLabelled(String key, String value) {
        return resources.values().stream()
                .filter(r -> r.kind() == EngineResource.Kind.CONTAINER && value.equals(r.label(key)))
                .map(EngineResource::id).toList();
    }

    @Override
    public synchronized List<EngineResource> resourcesLabelled(String key) {
        return resources.values().stream().filter(r -> r.labels().containsKey(key)).toList();
    }

    @Override
    public synchronized void removeResource(EngineResource resource) {
        if (refuseRemoval.contains(resource.id())) {
            throw new EngineException("cannot remove " + resource.describe() + ": in use");
        }
        if (resources.remove(resource.id()) != null) {
            statuses.remove(resource.id());
            removed.add(resource);
        }
    }

    @Override
    public AutoCloseable streamStats(String containerId, Consumer<StatsSample> onSample) {
        return subscribe(statsSubscribers, new Subscription<>("id", containerId, onSample));
    }

    @Override
    public AutoCloseable streamEvents(String labelKey, String labelValue, Consumer<ContainerEvent> onEvent) {
        return subscribe(eventSubscribers, new Subscription<>(labelKey, labelValue, onEvent));
    }

    @Override
    public void close() {
        eventSubscribers.clear();
        statsSubscribers.clear();
    }

    private static <T> AutoCloseable subscribe(List<Subscription<T>> subscribers, Subscription<T> subscription) {
        subscribers.add(subscription);
        return () -> subscribers.remove(subscription);
    }

    private EngineResource add(EngineResource resource) {
        resources.put(resource.id(), resource);
        return resource;
    }

    private EngineResource existing(String containerId) {
        EngineResource container = resources.get(containerId);
        if (container == null || container.kind() != EngineResource.Kind.CONTAINER) {
            throw new EngineException("no such container: " + containerId);
        }
        return container;
    }

    private String newId(String prefix) {
        return prefix + (nextId++);
    }
}
