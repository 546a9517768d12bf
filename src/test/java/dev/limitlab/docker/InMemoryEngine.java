package dev.limitlab.docker;

import dev.limitlab.metrics.ContainerEvent;
import dev.limitlab.metrics.StatsSample;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The engine of every unit test: every role, in memory, no daemon. A container does what the test's script says for
 * its spec ({@link #script}; by default it runs until killed): on start it emits {@code start} (and {@code die} when it
 * exits), sends its stats frames to the streams open on it, prints its output and writes its changes. Images,
 * networks, volumes and foreign containers are set up with the {@code add} methods; an engine that goes away with
 * {@link #goesAwayAtStart}. What the code did is read back with {@link #created()}, {@link #killed()} and
 * {@link #removed()}.
 */
public final class InMemoryEngine implements DockerGateway {
    /** The running container's main process, as inspect reports it. */
    public static final int PID = 4242;
    private static final String CONNECTION_REFUSED = "Cannot connect to the Docker daemon: connection refused";

    /**
     * How a container with some spec behaves once started.
     *
     * @param exitCode     what it exits with at once; null: it runs until killed (a wait for it times out)
     * @param startRefusal the engine's message when it refuses to start the container (no such user, say); else null
     */
    public record Behaviour(Integer exitCode, List<LogLine> output, List<FileChange> changes, List<StatsSample> stats,
                            String startRefusal) {
        public Behaviour {
            output = List.copyOf(output);
            changes = List.copyOf(changes);
            stats = List.copyOf(stats);
        }

        public static Behaviour exits(int code, LogLine... output) {
            return new Behaviour(code, List.of(output), List.of(), List.of(), null);
        }

        public static Behaviour hangs(LogLine... output) {
            return new Behaviour(null, List.of(output), List.of(), List.of(), null);
        }

        public static Behaviour refusedToStart(String message) {
            return new Behaviour(null, List.of(), List.of(), List.of(), message);
        }

        public Behaviour writing(FileChange... changes) {
            return new Behaviour(exitCode, output, List.of(changes), stats, startRefusal);
        }

        /** Sent, in order, to the stats streams open on the container when it starts. */
        public Behaviour sampling(StatsSample... stats) {
            return new Behaviour(exitCode, output, changes, List.of(stats), startRefusal);
        }
    }

    private record Subscription<T>(String labelKey, String labelValue, Consumer<T> consumer) {
    }

    private final Map<String, EngineResource> resources = new LinkedHashMap<>();
    private final Map<String, ContainerStatus> statuses = new HashMap<>();
    private final Map<String, Behaviour> behaviours = new HashMap<>();
    private final Map<String, ContainerSpec> created = new LinkedHashMap<>();
    private final Map<String, ImageInfo> images = new HashMap<>();
    private final List<String> refuseRemoval = new CopyOnWriteArrayList<>();
    private final List<EngineResource> removed = new CopyOnWriteArrayList<>();
    private final List<String> killed = new CopyOnWriteArrayList<>();
    private final List<CpuUpdate> updates = new CopyOnWriteArrayList<>();
    private final List<Subscription<ContainerEvent>> eventSubscribers = new CopyOnWriteArrayList<>();
    private final List<Subscription<StatsSample>> statsSubscribers = new CopyOnWriteArrayList<>();
    private Function<ContainerSpec, Behaviour> script = spec -> Behaviour.hangs();
    private EngineSecurity security = new EngineSecurity(List.of("name=seccomp,profile=default"));
    private DockerEndpoint endpoint = new DockerEndpoint(URI.create("unix:///in-memory/docker.sock"), "in memory", List.of());
    private int nextId = 1;
    private int starts;
    private int outageAtStart; // 0: none
    private int shutdownAtStart; // 0: none
    private boolean shutdownStopsContainers;
    private boolean away;
    private int unansweredPings;

    // ---- setting the engine up

    /** What each container created from now on does, by its spec. */
    public synchronized InMemoryEngine script(Function<ContainerSpec, Behaviour> script) {
        this.script = script;
        return this;
    }

    public synchronized InMemoryEngine security(EngineSecurity security) {
        this.security = security;
        return this;
    }

    /** Where the engine says it is: a tcp one is not local, so no cgroup files are read. */
    public synchronized InMemoryEngine endpoint(DockerEndpoint endpoint) {
        this.endpoint = endpoint;
        return this;
    }

    /**
     * The engine goes away at the {@code startNumber}-th start: its event streams end, and that start and every
     * call after it fail as they do with the daemon stopped, until {@code unansweredPings} pings have failed ({@link Integer#MAX_VALUE}: it never
     * comes back). Closing a stream never fails: the client closes its end whatever the engine does.
     */
    public synchronized InMemoryEngine goesAwayAtStart(int startNumber, int unansweredPings) {
        this.outageAtStart = startNumber;
        this.unansweredPings = unansweredPings;
        return this;
    }

    /**
     * The daemon stops while the {@code startNumber}-th started container runs, as dockerd does on SIGTERM: it
     * signals the container ({@code kill}), which dies with 143, then ends every event stream and answers nothing
     * until {@code unansweredPings} pings have failed. With {@code stopsContainers} false it crashes instead
     * (SIGKILL): the streams end and nothing else is said.
     */
    public synchronized InMemoryEngine daemonStopsAtStart(int startNumber, int unansweredPings, boolean stopsContainers) {
        this.shutdownAtStart = startNumber;
        this.shutdownStopsContainers = stopsContainers;
        this.unansweredPings = unansweredPings;
        return this;
    }

    /** A container someone made, not started. */
    public synchronized EngineResource addContainer(String name, Map<String, String> labels) {
        EngineResource container = add(new EngineResource(EngineResource.Kind.CONTAINER, newId("c"), name, labels));
        statuses.put(container.id(), new ContainerStatus("created", false, false, 0, false, null, null));
        behaviours.put(container.id(), Behaviour.hangs());
        return container;
    }

    public synchronized EngineResource addNetwork(String name, Map<String, String> labels) {
        return add(new EngineResource(EngineResource.Kind.NETWORK, newId("n"), name, labels));
    }

    public synchronized EngineResource addVolume(String name, Map<String, String> labels) {
        return add(new EngineResource(EngineResource.Kind.VOLUME, name, name, labels));
    }

    public synchronized InMemoryEngine addImage(String tag, ImageInfo image) {
        images.put(tag, image);
        return this;
    }

    /** As an engine that cannot change a running container's limits (a swarm's service): {@link #updatesInPlace} false. */
    public InMemoryEngine withoutInPlaceUpdates() {
        inPlaceUpdates = false;
        return this;
    }

    private volatile boolean inPlaceUpdates = true;

    @Override
    public boolean updatesInPlace() {
        return inPlaceUpdates;
    }

    /** Removing this resource (by id) fails as the engine fails when a volume or network is in use. */
    public InMemoryEngine refuseRemovalOf(String id) {
        refuseRemoval.add(id);
        return this;
    }

    /** Delivers an event (an {@code oom}, say) to the subscriptions whose label the event's container carries. */
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

    /** Every container created through the engine, by id, in creation order (removed ones too). */
    public synchronized Map<String, ContainerSpec> created() {
        return new LinkedHashMap<>(created);
    }

    /** The ids kill was called with, in order. */
    public List<String> killed() {
        return List.copyOf(killed);
    }

    /** What was removed, in order. */
    public List<EngineResource> removed() {
        return List.copyOf(removed);
    }

    /** What is on the engine now, in the order it was made. */
    public synchronized List<EngineResource> resources() {
        return List.copyOf(resources.values());
    }

    public synchronized EngineResource resource(String id) {
        return resources.get(id);
    }

    public int openStreams() {
        return eventSubscribers.size() + statsSubscribers.size();
    }

    // ---- Containers

    @Override
    public synchronized String create(ContainerSpec spec) {
        answer();
        String id = addContainer(spec.name(), spec.labels()).id();
        created.put(id, spec);
        behaviours.put(id, script.apply(spec));
        return id;
    }

    @Override
    public void start(String containerId) {
        Behaviour behaviour;
        synchronized (this) {
            if (++starts == outageAtStart) {
                goAway();
            }
            answer();
            behaviour = behaviours.get(existing(containerId).id());
            if (behaviour.startRefusal() != null) {
                throw new ContainerStartException(behaviour.startRefusal(), null);
            }
            statuses.put(containerId, behaviour.exitCode() == null
                    ? new ContainerStatus("running", true, false, 0, false, null, PID)
                    : exited(behaviour.exitCode()));
        }
        // outside the lock, as the engine's own threads deliver them
        emit(event(containerId, "start", null));
        behaviour.stats().forEach(sample -> emitStats(containerId, sample));
        if (behaviour.exitCode() != null) {
            emit(event(containerId, "die", behaviour.exitCode()));
        }
        boolean shutdown;
        synchronized (this) {
            shutdown = starts == shutdownAtStart;
        }
        if (shutdown) {
            shutDown(containerId);
        }
    }

    private void shutDown(String runningContainer) {
        if (shutdownStopsContainers) {
            emit(event(runningContainer, "kill", null));
            synchronized (this) {
                statuses.put(runningContainer, exited(143));
            }
            emit(event(runningContainer, "die", 143));
        }
        goAway();
    }

    // A daemon that stops ends every open event stream.
    private synchronized void goAway() {
        eventSubscribers.forEach(subscription -> subscription.consumer().accept(ContainerEvent.engineGone(Instant.now())));
        away = true;
    }

    /** Returns at once: a container of this engine has either exited already or runs until killed. */
    @Override
    public synchronized Optional<Integer> awaitExit(String containerId, Duration timeout) {
        ContainerStatus status = inspect(containerId);
        return status.exitedForGood() ? Optional.of(status.exitCode()) : Optional.empty();
    }

    @Override
    public synchronized ContainerStatus inspect(String containerId) {
        answer();
        return statuses.get(existing(containerId).id());
    }

    @Override
    public synchronized void update(String containerId, double cpus) {
        answer();
        existing(containerId);
        updates.add(new CpuUpdate(containerId, cpus));
    }

    /** A call of {@link #update}: the container and its new cpus. */
    public record CpuUpdate(String containerId, double cpus) {
    }

    /** The CPU updates made, in order. */
    public List<CpuUpdate> updates() {
        return List.copyOf(updates);
    }

    @Override
    public synchronized void kill(String containerId) {
        answer();
        killed.add(containerId);
        ContainerStatus status = statuses.get(containerId);
        if (status != null && status.running()) {
            statuses.put(containerId, exited(137));
        }
    }

    @Override
    public synchronized void remove(String containerId) {
        answer();
        EngineResource container = resources.get(containerId);
        if (container != null) {
            removeResource(container);
        }
    }

    // ---- EngineStreams

    @Override
    public AutoCloseable streamStats(String containerId, Consumer<StatsSample> onSample) {
        answer();
        return subscribe(statsSubscribers, new Subscription<>("id", containerId, onSample));
    }

    @Override
    public AutoCloseable streamEvents(String labelKey, String labelValue, Consumer<ContainerEvent> onEvent) {
        answer();
        return subscribe(eventSubscribers, new Subscription<>(labelKey, labelValue, onEvent));
    }

    // ---- Images

    @Override
    public synchronized Optional<ImageInfo> image(String image) {
        answer();
        return Optional.ofNullable(images.get(image));
    }

    @Override
    public synchronized String buildImage(Path contextDirectory, String tag, Map<String, String> labels) {
        answer();
        ImageInfo image = new ImageInfo(newId("sha256:"), 0, labels);
        images.put(tag, image);
        return image.id();
    }

    // ---- Inventory

    @Override
    public synchronized List<String> containersLabelled(String key, String value) {
        answer();
        return resources.values().stream()
                .filter(r -> r.kind() == EngineResource.Kind.CONTAINER && value.equals(r.label(key)))
                .map(EngineResource::id).toList();
    }

    @Override
    public synchronized List<EngineResource> resourcesLabelled(String key) {
        answer();
        return resources.values().stream().filter(r -> r.labels().containsKey(key)).toList();
    }

    @Override
    public synchronized void removeResource(EngineResource resource) {
        answer();
        if (refuseRemoval.contains(resource.id())) {
            throw new EngineException("cannot remove " + resource.describe() + ": in use");
        }
        if (resources.remove(resource.id()) != null) {
            statuses.remove(resource.id());
            removed.add(resource);
        }
    }

    // ---- Forensics

    @Override
    public synchronized List<String> stdoutLines(String containerId) {
        return output(containerId).stream().filter(l -> l.stream() == LogLine.Stream.STDOUT).map(LogLine::text).toList();
    }

    /** What the container's behaviour prints, once it has started. */
    @Override
    public synchronized List<LogLine> output(String containerId) {
        return started(containerId) ? behaviours.get(containerId).output() : List.of();
    }

    @Override
    public synchronized List<FileChange> changes(String containerId) {
        return started(containerId) ? behaviours.get(containerId).changes() : List.of();
    }

    // ---- EngineIdentity

    @Override
    public synchronized String ping() {
        if (away && unansweredPings > 0) {
            unansweredPings--;
            throw new EngineUnavailableException("no Docker engine answers at " + endpoint.host(), null);
        }
        away = false;
        return "in-memory";
    }

    @Override
    public synchronized DockerEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public HostInfo hostInfo() {
        answer();
        return new HostInfo(2, 8L << 30);
    }

    @Override
    public synchronized EngineSecurity security() {
        answer();
        return security;
    }

    @Override
    public void close() {
        eventSubscribers.clear();
        statsSubscribers.clear();
    }

    // ---- the engine's own

    /** Fails as a call to a stopped daemon fails, while the engine is away. */
    private synchronized void answer() {
        if (away) {
            throw new EngineException(CONNECTION_REFUSED);
        }
    }

    private boolean started(String containerId) {
        return !inspect(containerId).status().equals("created");
    }

    private static ContainerStatus exited(int exitCode) {
        return new ContainerStatus("exited", false, false, 0, false, exitCode, null);
    }

    private static ContainerEvent event(String containerId, String action, Integer exitCode) {
        Instant now = Instant.now();
        return new ContainerEvent(containerId, action, now, exitCode, now);
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
