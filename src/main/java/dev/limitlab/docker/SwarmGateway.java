package dev.limitlab.docker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.LocalNodeState;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.SwarmNodeAvailability;
import com.github.dockerjava.api.model.SwarmNodeState;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.transport.DockerHttpClient;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import dev.limitlab.metrics.ContainerEvent;
import dev.limitlab.metrics.StatsSample;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The engine as a Docker Swarm: the same roles as a local engine, with a trial's "container" a Swarm service named
 * after it (its id is the service's name). Its events come from the service's task history, polled every
 * {@link #POLL}, each restart a new task and a new container, timed by the manager's own engine events where its node
 * ran the task; its counters from the run's sampler service ({@link SwarmSampler}) on every node; its output from the
 * service-logs API. Trials are placed one per node (more where the node's CPUs allow), on nodes that meet the
 * {@code --constraint}s. Images, the engine's identity and its security features are the manager's.
 */
public final class SwarmGateway implements DockerGateway {
    static final Duration POLL = Duration.ofMillis(100);
    private static final Duration SAMPLER_READY = Duration.ofSeconds(60);
    private static final Duration NODE_WAIT = Duration.ofMinutes(10);

    private final DockerJavaGateway manager;
    private final DockerClient requests;
    private final DockerClient streams;
    private final DockerHttpClient transport;
    private final List<String> constraints;
    private final SwarmSampler sampler;
    private final Map<String, SwarmTrial> trials = new ConcurrentHashMap<>();
    private final Map<String, Closeable> samplerLogs = new ConcurrentHashMap<>(); // by sampler service name
    private final Map<String, Double> cpusInUse = new HashMap<>(); // node id -> CPUs of its running trials
    private final ScheduledExecutorService poller;

    public SwarmGateway(DockerEndpoint endpoint, List<String> constraints, SwarmSampler sampler) {
        this.manager = new DockerJavaGateway(endpoint);
        this.transport = DockerJavaGateway.transport(endpoint, DockerJavaGateway.REQUEST_TIMEOUT);
        this.requests = DockerJavaGateway.client(endpoint, transport);
        this.streams = DockerJavaGateway.client(endpoint, DockerJavaGateway.transport(endpoint, null));
        this.constraints = List.copyOf(constraints);
        this.sampler = sampler;
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "limitlab-swarm-tasks");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::pollTasks, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    // --- identity -------------------------------------------------------------------------------------------------

    /** The manager's version; fails unless the engine is a manager of an active swarm with a node for the trials. */
    @Override
    public String ping() {
        String version = manager.ping();
        var swarm = requests.infoCmd().exec().getSwarm();
        if (swarm == null || swarm.getLocalNodeState() != LocalNodeState.ACTIVE || !Boolean.TRUE.equals(swarm.getControlAvailable())) {
            throw new EngineException("the engine at " + endpoint().host() + " is not a manager of an active swarm"
                    + " (--engine swarm needs one: docker swarm init, or point DOCKER_HOST at a manager)");
        }
        return version;
    }

    @Override
    public DockerEndpoint endpoint() {
        return manager.endpoint();
    }

    /** The largest node that meets the constraints: the preflight then checks that each trial fits some node. */
    @Override
    public HostInfo hostInfo() {
        SwarmNode largest = nodes().stream().max(Comparator.comparingInt(SwarmNode::cpus)
                .thenComparingLong(SwarmNode::memoryBytes)).orElseThrow(() -> new EngineException(
                "no ready, active swarm node meets " + (constraints.isEmpty() ? "no constraint" : String.join(" and ", constraints))));
        return new HostInfo(largest.cpus(), largest.memoryBytes());
    }

    @Override
    public EngineSecurity security() {
        return manager.security();
    }

    /** Trials go one per node (more where a node's CPUs allow), never pinned to a cpuset. */
    @Override
    public boolean spreadsTrials() {
        return true;
    }

    /** The ready, active nodes that meet the constraints, as the manager lists them now. */
    public List<SwarmNode> nodes() {
        return requests.listSwarmNodesCmd().exec().stream()
                .filter(node -> node.getStatus() != null && node.getStatus().getState() == SwarmNodeState.READY)
                .filter(node -> node.getSpec() == null || node.getSpec().getAvailability() == null
                        || node.getSpec().getAvailability() == SwarmNodeAvailability.ACTIVE)
                .map(node -> {
                    var description = node.getDescription();
                    var resources = description == null ? null : description.getResources();
                    long nanoCpus = resources == null || resources.getNanoCPUs() == null ? 0 : resources.getNanoCPUs();
                    return new SwarmNode(node.getId(), description == null ? node.getId() : description.getHostname(),
                            node.getSpec() == null || node.getSpec().getRole() == null ? "worker" : node.getSpec().getRole().name().toLowerCase(),
                            (int) (nanoCpus / 1_000_000_000L),
                            resources == null || resources.getMemoryBytes() == null ? 0 : resources.getMemoryBytes(),
                            node.getSpec() == null ? Map.of() : node.getSpec().getLabels());
                })
                .filter(node -> node.meets(constraints))
                .toList();
    }

    // --- images: the manager's -----------------------------------------------------------------------------------

    @Override
    public Optional<ImageInfo> image(String image) {
        return manager.image(image);
    }

    @Override
    public String buildImage(Path contextDirectory, String tag, Map<String, String> labels) {
        return manager.buildImage(contextDirectory, tag, labels);
    }

    // --- a trial's service ----------------------------------------------------------------------------------------

    /**
     * Prepares the trial's service and its node (waiting while every eligible node is busy with trials), and makes
     * sure the run's sampler runs on every node; the service itself is created by {@link #start}.
     */
    @Override
    public String create(ContainerSpec spec) {
        if (image(spec.image()).isEmpty()) {
            throw new EngineException("image " + spec.image() + " is not on the swarm's manager, and limitlab never pulls"
                    + " (there may be no registry): build or load it on every node first");
        }
        String runId = spec.labels().get(ContainerSpec.RUN_LABEL);
        if (runId != null) {
            ensureSampler(runId, Map.of(ContainerSpec.RUN_LABEL, runId));
        }
        double cpus = spec.limits().cpus() == null ? Double.MAX_VALUE : spec.limits().cpus();
        SwarmNode node = reserveNode(cpus);
        List<String> placed = new ArrayList<>(constraints);
        placed.add("node.id==" + node.id());
        SwarmTrial trial = new SwarmTrial(spec.name(), SwarmServiceSpec.of(spec, placed, false), node, spec.limits().restart());
        trial.cpus = cpus;
        Subscription subscribed = pendingSubscriptions.remove(spec.name());
        if (subscribed != null) {
            trial.eventListeners.add(subscribed.onEvent());
        }
        trials.put(spec.name(), trial);
        return spec.name();
    }

    @Override
    public void start(String serviceName) {
        SwarmTrial trial = trial(serviceName);
        createService(trial.spec().body());
        trial.markCreated();
    }

    /** Polled at the task poller's pace: the task history has no wait call. */
    @Override
    public Optional<Integer> awaitExit(String serviceName, Duration timeout) {
        try {
            ContainerStatus ended = Awaitility.await("service " + serviceName + " to exit").atMost(timeout).pollDelay(Duration.ZERO)
                    .pollInterval(POLL).until(() -> inspect(serviceName), ContainerStatus::exitedForGood);
            return Optional.ofNullable(ended.exitCode());
        } catch (ConditionTimeoutException stillRunning) {
            return Optional.empty();
        }
    }

    @Override
    public ContainerStatus inspect(String serviceName) {
        SwarmTrial trial = trial(serviceName);
        refresh(trial);
        String error = trial.taskError();
        if (error != null) {
            throw new EngineException("Swarm could not run service " + serviceName + ": " + error);
        }
        ContainerStatus status = trial.status();
        if (Integer.valueOf(137).equals(status.exitCode()) && trial.node().id().equals(managerNodeId())) {
            status = withOomKilled(status, trial.lastContainerId()); // the task says only "non-zero exit (137)"
        }
        return status;
    }

    /** With the OOMKilled flag of the container as the manager's own engine inspects it (its node only). */
    private ContainerStatus withOomKilled(ContainerStatus status, String containerId) {
        try {
            boolean oomKilled = containerId != null && manager.inspect(containerId).oomKilled();
            return new ContainerStatus(status.status(), status.running(), status.restarting(), status.restartCount(), oomKilled,
                    status.exitCode(), status.pid(), status.placement());
        } catch (RuntimeException gone) {
            return status; // removed meanwhile: the exit code and the cgroup counter still count the kill
        }
    }

    private volatile String managerNodeId;

    private String managerNodeId() {
        if (managerNodeId == null) {
            var swarm = requests.infoCmd().exec().getSwarm();
            managerNodeId = swarm == null || swarm.getNodeID() == null ? "" : swarm.getNodeID();
        }
        return managerNodeId;
    }

    /** Swarm cannot: a service update replaces the task with a new container, so a search runs a trial per step. */
    @Override
    public void update(String serviceName, double cpus) {
        throw new EngineException("Swarm cannot change a running task's --cpus in place (a service update starts a new task)");
    }

    @Override
    public boolean updatesInPlace() {
        return false;
    }

    /** Keeps the service's output (its logs go with it), then removes the service: Swarm's way to stop its tasks. */
    @Override
    public void kill(String serviceName) {
        SwarmTrial trial = trials.get(serviceName);
        if (trial != null && trial.created() && trial.outputAtKill() == null) {
            trial.keepOutput(serviceLog(serviceName, true));
        }
        removeService(serviceName);
    }

    /** Removes the service (or, for an id that names no service, the manager's container of that id). */
    @Override
    public void remove(String id) {
        SwarmTrial trial = trials.remove(id);
        Closeable logs = samplerLogs.remove(id);
        if (logs != null) {
            closeQuietly(logs);
        }
        if (!removeService(id) && trial == null && logs == null) {
            manager.remove(id);
        }
        if (trial != null) {
            releaseNode(trial);
        }
    }

    private boolean removeService(String name) {
        try {
            requests.removeServiceCmd(name).exec();
            return true;
        } catch (NotFoundException alreadyGone) {
            return false;
        }
    }

    // --- what a trial left ----------------------------------------------------------------------------------------

    @Override
    public List<String> stdoutLines(String serviceName) {
        return output(serviceName).stream().filter(line -> line.stream() == LogLine.Stream.STDOUT).map(LogLine::text).toList();
    }

    @Override
    public List<LogLine> output(String serviceName) {
        SwarmTrial trial = trials.get(serviceName);
        if (trial != null && trial.outputAtKill() != null) {
            return trial.outputAtKill();
        }
        return serviceLog(serviceName, true);
    }

    @Override
    public List<FileChange> changes(String serviceName) {
        throw new EngineException("a Swarm service has no filesystem diff (docker diff needs the node's own engine)");
    }

    private List<LogLine> serviceLog(String serviceName, boolean withStderr) {
        return DockerJavaGateway.collectLines(requests.logServiceCmd(serviceName).withStdout(true).withStderr(withStderr)
                .withFollow(false)::exec);
    }

    // --- streams --------------------------------------------------------------------------------------------------

    /** The sampler's readings of the service's containers, about every sampler interval, until closed. */
    @Override
    public AutoCloseable streamStats(String serviceName, Consumer<StatsSample> onSample) {
        SwarmTrial trial = trial(serviceName);
        trial.statsListeners.add(onSample);
        return () -> trial.statsListeners.remove(onSample);
    }

    /**
     * The start and die of each task's container from the task history, and the oom events of the manager's own node
     * (the task history says only "non-zero exit (137)"), for the trial labelled {@code labelKey=labelValue}.
     */
    @Override
    public AutoCloseable streamEvents(String labelKey, String labelValue, Consumer<ContainerEvent> onEvent) {
        AutoCloseable engineEvents = manager.streamEvents(labelKey, labelValue, event -> {
            SwarmTrial trial = trials.get(labelValue);
            if (trial == null) {
                return;
            }
            if (event.is("oom")) {
                onEvent.accept(event);
            } else {
                trial.engineTime(event.containerId(), event.action(), event.time());
            }
        });
        Subscription subscription = new Subscription(labelValue, onEvent);
        pendingSubscriptions.put(labelValue, subscription);
        return () -> {
            pendingSubscriptions.remove(labelValue, subscription);
            SwarmTrial trial = trials.get(labelValue);
            if (trial != null) {
                trial.eventListeners.remove(onEvent);
            }
            engineEvents.close();
        };
    }

    // A trial subscribes before its service is prepared (as before a container exists): it joins at create.
    private final Map<String, Subscription> pendingSubscriptions = new ConcurrentHashMap<>();

    private record Subscription(String name, Consumer<ContainerEvent> onEvent) {
    }

    private void pollTasks() {
        for (SwarmTrial trial : trials.values()) {
            if (trial.created()) {
                try {
                    refresh(trial);
                } catch (RuntimeException engineAway) {
                    // the next poll tries again; a lost engine shows as the trial's own failure
                }
            }
        }
    }

    /** Lists the service's tasks and hands on the events they imply, in order. */
    private void refresh(SwarmTrial trial) {
        if (!trial.created()) {
            return;
        }
        List<SwarmTaskView> tasks;
        try {
            tasks = requests.listTasksCmd().withServiceFilter(trial.name()).exec().stream().map(SwarmGateway::view).toList();
        } catch (NotFoundException removed) {
            return;
        }
        List<ContainerEvent> events;
        synchronized (trial) {
            events = trial.update(tasks, Instant.now());
            events.forEach(event -> trial.eventListeners.forEach(listener -> listener.accept(event)));
        }
    }

    static SwarmTaskView view(Task task) {
        var status = task.getStatus();
        var container = status == null ? null : status.getContainerStatus();
        String state = status == null || status.getState() == null ? "new" : status.getState().getValue();
        Integer exitCode = container == null || container.getExitCodeLong() == null || !SwarmTaskView.terminal(state) ? null
                : container.getExitCodeLong().intValue();
        return new SwarmTaskView(task.getId(), task.getNodeId(), state,
                container == null || container.getContainerID() == null || container.getContainerID().isEmpty() ? null : container.getContainerID(),
                exitCode, time(task.getCreatedAt()), time(status == null ? null : status.getTimestamp()),
                status == null || status.getErr() == null || status.getErr().isEmpty() ? null : status.getErr());
    }

    private static Instant time(String text) {
        return text == null || text.isEmpty() ? Instant.EPOCH : Instant.parse(text);
    }

    // --- the sampler ----------------------------------------------------------------------------------------------

    /** The run's sampler on every node, followed through its logs; created once per run. */
    private synchronized void ensureSampler(String runId, Map<String, String> labels) {
        String name = "limitlab-" + runId + "-sampler";
        if (samplerLogs.containsKey(name)) {
            return;
        }
        createService(sampler.service(name, labels));
        int nodes = nodes().size();
        java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(nodes);
        FrameLines lines = new FrameLines(line -> sampler.decode(line.text(), this::route, ready::countDown));
        samplerLogs.put(name, streams.logServiceCmd(name).withStdout(true).withStderr(false).withFollow(true).exec(lines));
        try {
            if (!ready.await(SAMPLER_READY.toSeconds(), TimeUnit.SECONDS)) {
                throw new EngineException("the sampler service " + name + " was not ready on all " + nodes + " node(s) within "
                        + SAMPLER_READY.toSeconds() + " s (is the agent image on every node?)");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while starting the sampler", interrupted);
        }
    }

    // Nodes that share one kernel (test swarms on one host) see each other's cgroups: only the trial's node counts.
    private void route(String containerId, String nodeId, StatsSample sample) {
        for (SwarmTrial trial : trials.values()) {
            if (trial.owns(containerId) && (nodeId == null || nodeId.equals(trial.node().id()))) {
                trial.statsListeners.forEach(listener -> listener.accept(sample));
                return;
            }
        }
    }

    // --- placement ------------------------------------------------------------------------------------------------

    /** A node for a trial of {@code cpus}: one without trials, or one whose CPUs hold this trial beside its others. */
    private SwarmNode reserveNode(double cpus) {
        Instant giveUp = Instant.now().plus(NODE_WAIT);
        synchronized (cpusInUse) {
            while (true) {
                List<SwarmNode> eligible = nodes();
                if (eligible.isEmpty()) {
                    throw new EngineException("no ready, active swarm node meets the constraints " + constraints);
                }
                Optional<SwarmNode> free = eligible.stream()
                        .filter(node -> {
                            double used = cpusInUse.getOrDefault(node.id(), 0.0);
                            return used == 0 || used + cpus <= node.cpus();
                        })
                        .min(Comparator.comparingDouble(node -> cpusInUse.getOrDefault(node.id(), 0.0)));
                if (free.isPresent()) {
                    cpusInUse.merge(free.get().id(), cpus, Double::sum);
                    return free.get();
                }
                long waitMs = Duration.between(Instant.now(), giveUp).toMillis();
                if (waitMs <= 0) {
                    throw new EngineException("no swarm node became free for a trial within " + NODE_WAIT.toMinutes() + " min");
                }
                try {
                    cpusInUse.wait(Math.min(waitMs, 1000));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new EngineException("interrupted while waiting for a swarm node", interrupted);
                }
            }
        }
    }

    private void releaseNode(SwarmTrial trial) {
        synchronized (cpusInUse) {
            cpusInUse.computeIfPresent(trial.node().id(), (id, used) -> used - trial.cpus <= 1e-9 ? null : used - trial.cpus);
            cpusInUse.notifyAll();
        }
    }

    // --- inventory ------------------------------------------------------------------------------------------------

    /** The services labelled {@code key=value} (trials and the sampler), and the manager's containers so labelled. */
    @Override
    public List<String> containersLabelled(String key, String value) {
        List<String> found = new ArrayList<>(requests.listServicesCmd().withLabelFilter(Map.of(key, value)).exec().stream()
                .map(service -> service.getSpec().getName()).toList());
        found.addAll(manager.containersLabelled(key, value));
        return found;
    }

    @Override
    public List<EngineResource> resourcesLabelled(String key) {
        List<EngineResource> found = new ArrayList<>();
        for (Service service : requests.listServicesCmd().exec()) {
            Map<String, String> labels = service.getSpec() == null || service.getSpec().getLabels() == null
                    ? Map.of() : service.getSpec().getLabels();
            if (labels.containsKey(key)) {
                found.add(new EngineResource(EngineResource.Kind.SERVICE, service.getId(), service.getSpec().getName(), labels));
            }
        }
        found.addAll(manager.resourcesLabelled(key));
        return found;
    }

    @Override
    public void removeResource(EngineResource resource) {
        manager.removeResource(resource);
    }

    // --- plumbing -------------------------------------------------------------------------------------------------

    private SwarmTrial trial(String serviceName) {
        SwarmTrial trial = trials.get(serviceName);
        if (trial == null) {
            throw new EngineException("no trial service " + serviceName + " in this run");
        }
        return trial;
    }

    private void createService(ObjectNode body) {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST).path("/v1.41/services/create")
                .putHeader("Content-Type", "application/json").body(new ByteArrayInputStream(bytes)).build();
        try (DockerHttpClient.Response response = transport.execute(request)) {
            if (response.getStatusCode() != 201 && response.getStatusCode() != 200) {
                String message = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8).trim();
                throw new EngineException("the swarm refused service " + body.path("Name").asText() + ": " + message);
            }
        } catch (IOException e) {
            throw new EngineException("cannot create service " + body.path("Name").asText() + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing at the end; nothing left to save
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
        samplerLogs.values().forEach(SwarmGateway::closeQuietly);
        closeQuietly(requests);
        closeQuietly(streams);
        manager.close();
    }
}
