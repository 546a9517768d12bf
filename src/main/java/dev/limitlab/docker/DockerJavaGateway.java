package dev.limitlab.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ChangeLog;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.api.model.WaitResponse;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.limitlab.metrics.ContainerEvent;
import dev.limitlab.metrics.StatsSample;
import dev.limitlab.settings.ContainerSettings;
import dev.limitlab.settings.ResourceSettings;
import dev.limitlab.settings.SecuritySettings;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** {@link DockerGateway} on docker-java with the zero-dependency transport. */
public final class DockerJavaGateway implements DockerGateway {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STREAM_START_TIMEOUT = Duration.ofSeconds(10);
    // docker-java words a refusal as: Status 409: {"message":"..."}

    private final DockerEndpoint endpoint;
    private final DockerClient requests;
    // docker-java 3.7's updateContainerCmd has no NanoCpus, and the engine refuses a CPU quota update on a
    // container created with --cpus: the update goes over the transport directly.
    private final DockerHttpClient transport;
    // Streams stay quiet for long stretches (events) and never end on their own: no response timeout.
    private final DockerClient streams;

    public DockerJavaGateway(DockerEndpoint endpoint) {
        this.endpoint = endpoint;
        this.transport = transport(endpoint, REQUEST_TIMEOUT);
        this.requests = client(endpoint, transport);
        this.streams = client(endpoint, transport(endpoint, null));
    }

    static DockerClient client(DockerEndpoint endpoint, DockerHttpClient transport) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(endpoint.host().toString()).build();
        return DockerClientImpl.getInstance(config, transport);
    }

    static DockerHttpClient transport(DockerEndpoint endpoint, Duration responseTimeout) {
        ZerodepDockerHttpClient.Builder http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(endpoint.host()).connectionTimeout(CONNECT_TIMEOUT).maxConnections(32);
        if (responseTimeout != null) {
            http.responseTimeout(responseTimeout);
        }
        return http.build();
    }

    @Override
    public DockerEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public String ping() {
        try {
            requests.pingCmd().exec();
            return requests.versionCmd().exec().getVersion();
        } catch (RuntimeException unreachable) {
            throw new EngineUnavailableException("no Docker engine answers at " + endpoint.host()
                    + " (tried: " + String.join(", ", endpoint.tried()) + "); run scripts/ensure-docker.sh or set DOCKER_HOST",
                    unreachable);
        }
    }

    @Override
    public HostInfo hostInfo() {
        var info = requests.infoCmd().exec();
        return new HostInfo(info.getNCPU() == null ? Runtime.getRuntime().availableProcessors() : info.getNCPU(),
                info.getMemTotal() == null ? 0 : info.getMemTotal());
    }

    @Override
    public Optional<ImageInfo> image(String image) {
        try {
            var inspected = requests.inspectImageCmd(image).exec();
            var config = inspected.getConfig();
            return Optional.of(new ImageInfo(inspected.getId(), inspected.getSize() == null ? 0 : inspected.getSize(),
                    config == null ? null : config.getLabels()));
        } catch (NotFoundException missing) {
            return Optional.empty();
        }
    }

    @Override
    public String buildImage(Path contextDirectory, String tag, Map<String, String> labels) {
        return requests.buildImageCmd()
                .withBaseDirectory(contextDirectory.toFile())
                .withDockerfile(contextDirectory.resolve("Dockerfile").toFile())
                .withTags(Set.of(tag))
                .withLabels(labels)
                .withPull(false)
                .withRemove(true)
                .exec(new BuildImageResultCallback())
                .awaitImageId(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public String create(ContainerSpec spec) {
        if (image(spec.image()).isEmpty()) {
            throw new EngineException("image " + spec.image() + " is not on the engine, and limitlab never pulls"
                    + " (there may be no registry): build or load it locally first");
        }
        CreateContainerCmd create = requests.createContainerCmd(spec.image())
                .withName(spec.name())
                .withVolumes(spec.mounts().volumes().stream().map(Volume::new).toList())
                .withLabels(spec.labels());
        if (!spec.command().isEmpty()) {
            create.withCmd(spec.command()); // none: the image's own command
        }
        if (!spec.env().isEmpty()) {
            create.withEnv(spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList());
        }
        applySettings(create, ContainerSettings.of(spec.limits(), spec.hardening(), spec.cpuset()), spec.mounts());
        return create.exec().getId();
    }

    /**
     * The container's limits and hardening on a create command, from the same settings the docker flags are
     * rendered from ({@code DockerFlags}), so the two cannot disagree.
     */
    static void applySettings(CreateContainerCmd create, ContainerSettings settings, Mounts mounts) {
        SecuritySettings security = settings.security();
        create.withNetworkDisabled(security.networkDisabled()).withHostConfig(hostConfig(settings, mounts));
        if (security.user() != null) {
            create.withUser(security.user());
        }
    }

    private static HostConfig hostConfig(ContainerSettings settings, Mounts mounts) {
        ResourceSettings resources = settings.resources();
        SecuritySettings security = settings.security();
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode(security.networkMode())
                .withReadonlyRootfs(security.readOnlyRootfs())
                .withPrivileged(false);
        if (security.capDropAll()) {
            host.withCapDrop(Capability.ALL);
        }
        if (!security.capAdd().isEmpty()) {
            host.withCapAdd(security.capAdd().stream().map(DockerJavaGateway::capability).toArray(Capability[]::new));
        }
        if (!security.engineSecurityOpts().isEmpty()) {
            host.withSecurityOpts(security.engineSecurityOpts());
        }
        if (!mounts.tmpfs().isEmpty()) {
            host.withTmpFs(mounts.tmpfs().stream().collect(java.util.stream.Collectors.toMap(p -> p, p -> Mounts.TMPFS_OPTIONS)));
        }
        if (!mounts.readOnlyBinds().isEmpty()) {
            host.withBinds(mounts.readOnlyBinds().entrySet().stream()
                    .map(bind -> new Bind(bind.getKey(), new Volume(bind.getValue()), AccessMode.ro)).toList());
        }
        if (resources.cpusetCpus() != null) {
            host.withCpusetCpus(resources.cpusetCpus());
        }
        if (resources.cpus() != null) {
            host.withNanoCPUs(Math.round(resources.cpus() * 1e9));
        }
        if (resources.memoryBytes() != null) {
            host.withMemory(resources.memoryBytes());
        }
        if (resources.memorySwapBytes() != null) {
            host.withMemorySwap(resources.memorySwapBytes());
        }
        if (resources.pidsLimit() != null) {
            host.withPidsLimit(resources.pidsLimit());
        }
        if (resources.restart() != null) {
            host.withRestartPolicy(RestartPolicy.parse(resources.restart().toString()));
        }
        return host;
    }

    private static Capability capability(String name) {
        try {
            return Capability.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            throw new EngineException("capability " + name + " is not one the engine knows (examples: CHOWN, NET_BIND_SERVICE)");
        }
    }

    @Override
    public void start(String containerId) {
        try {
            requests.startContainerCmd(containerId).exec();
        } catch (BadRequestException | InternalServerErrorException refused) {
            throw new ContainerStartException(engineMessage(refused), refused);
        }
    }

    /** The engine's own message, out of docker-java's "Status 500: {"message":"..."}". */
    static String engineMessage(DockerException failure) {
        String text = String.valueOf(failure.getMessage());
        int json = text.indexOf('{');
        if (json >= 0) {
            try {
                JsonNode message = new ObjectMapper().readTree(text.substring(json)).path("message");
                if (message.isTextual()) {
                    return message.asText().strip();
                }
            } catch (IOException notJson) {
                // fall through to the text as it came
            }
        }
        return text.strip();
    }

    @Override
    public Optional<Integer> awaitExit(String containerId, Duration timeout) {
        AtomicReference<Integer> status = new AtomicReference<>();
        // The streams client: a long wait must not hit the request client's response timeout.
        try (var callback = streams.waitContainerCmd(containerId).exec(new ResultCallback.Adapter<WaitResponse>() {
            @Override
            public void onNext(WaitResponse response) {
                status.set(response.getStatusCode());
            }
        })) {
            if (!callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.empty();
            }
            return Optional.ofNullable(status.get());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while waiting for container " + containerId + " to exit", interrupted);
        } catch (IOException closeFailed) {
            return Optional.ofNullable(status.get());
        }
    }

    @Override
    public ContainerStatus inspect(String containerId) {
        InspectContainerResponse response = requests.inspectContainerCmd(containerId).exec();
        InspectContainerResponse.ContainerState state = response.getState();
        Long exitCode = state.getExitCodeLong();
        return new ContainerStatus(
                state.getStatus() == null ? "unknown" : state.getStatus(),
                Boolean.TRUE.equals(state.getRunning()),
                Boolean.TRUE.equals(state.getRestarting()),
                response.getRestartCount() == null ? 0 : response.getRestartCount(),
                Boolean.TRUE.equals(state.getOOMKilled()),
                exitCode == null ? null : exitCode.intValue(),
                state.getPidLong() == null ? null : state.getPidLong().intValue());
    }

    @Override
    public List<String> stdoutLines(String containerId) {
        return readLog(containerId, false).stream().map(LogLine::text).toList();
    }

    @Override
    public List<LogLine> output(String containerId) {
        return readLog(containerId, true);
    }

    /** The container's log so far, split into lines per stream; a line is placed where its line break arrived. */
    private List<LogLine> readLog(String containerId, boolean withStderr) {
        return collectLines(requests.logContainerCmd(containerId).withStdOut(true).withStdErr(withStderr)
                .withFollowStream(false)::exec);
    }

    /** The lines of a finished log request (a container's or a service's), in order. */
    static List<LogLine> collectLines(java.util.function.Function<FrameLines, FrameLines> request) {
        List<LogLine> lines = new ArrayList<>();
        FrameLines collector = new FrameLines(lines::add);
        try (var callback = request.apply(collector)) {
            callback.awaitCompletion(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (IOException closeFailed) {
            // the log request itself completed; a failed close loses nothing
        }
        collector.flush();
        return List.copyOf(lines);
    }

    @Override
    public List<FileChange> changes(String containerId) {
        List<ChangeLog> diff = requests.containerDiffCmd(containerId).exec();
        if (diff == null) {
            return List.of(); // the engine answers null, not [], for a container that changed nothing
        }
        return diff.stream().map(change -> new FileChange(switch (change.getKind() == null ? 0 : change.getKind()) {
            case 1 -> FileChange.Kind.ADDED;
            case 2 -> FileChange.Kind.DELETED;
            default -> FileChange.Kind.CHANGED;
        }, change.getPath())).toList();
    }

    @Override
    public EngineSecurity security() {
        List<String> options = requests.infoCmd().exec().getSecurityOptions();
        return new EngineSecurity(options == null ? List.of() : options);
    }

    @Override
    public void update(String containerId, double cpus) {
        byte[] body = ("{\"NanoCpus\":" + Math.round(cpus * 1e9) + "}").getBytes(StandardCharsets.UTF_8);
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST).path("/containers/" + containerId + "/update")
                .putHeader("Content-Type", "application/json").body(new ByteArrayInputStream(body)).build();
        try (DockerHttpClient.Response response = transport.execute(request)) {
            if (response.getStatusCode() != 200) {
                String message = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8).trim();
                throw new EngineException("the engine refused to set --cpus " + cpus + " on " + containerId + ": " + message);
            }
        } catch (IOException e) {
            throw new EngineException("cannot update " + containerId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void kill(String containerId) {
        try {
            requests.killContainerCmd(containerId).exec();
        } catch (NotFoundException | ConflictException | NotModifiedException alreadyStopped) {
            // not running (any more): nothing to stop
        }
    }

    @Override
    public void remove(String containerId) {
        try {
            requests.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException alreadyGone) {
            // removed already
        } catch (ConflictException removalInProgress) {
            // the engine is already removing it
        }
    }

    @Override
    public List<String> containersLabelled(String key, String value) {
        return requests.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(key, value)).exec()
                .stream().map(Container::getId).toList();
    }

    @Override
    public List<EngineResource> resourcesLabelled(String key) {
        List<EngineResource> found = new ArrayList<>();
        List<String> label = List.of(key);
        requests.listContainersCmd().withShowAll(true).withLabelFilter(label).exec().forEach(container ->
                found.add(new EngineResource(EngineResource.Kind.CONTAINER, container.getId(),
                        containerName(container), container.getLabels())));
        requests.listNetworksCmd().withFilter("label", label).exec().forEach(network ->
                found.add(new EngineResource(EngineResource.Kind.NETWORK, network.getId(), network.getName(),
                        network.getLabels())));
        List<InspectVolumeResponse> volumes = requests.listVolumesCmd().withFilter("label", label).exec().getVolumes();
        if (volumes != null) {
            volumes.forEach(volume -> found.add(new EngineResource(EngineResource.Kind.VOLUME, volume.getName(),
                    volume.getName(), volume.getLabels())));
        }
        return found;
    }

    private static String containerName(Container container) {
        String[] names = container.getNames();
        // the API lists names with a leading slash ("/limitlab-..."), unlike docker ps
        return names == null || names.length == 0 ? container.getId() : names[0].replaceFirst("^/", "");
    }

    @Override
    public void removeResource(EngineResource resource) {
        try {
            switch (resource.kind()) {
                case CONTAINER -> remove(resource.id());
                case NETWORK -> requests.removeNetworkCmd(resource.id()).exec();
                case VOLUME -> requests.removeVolumeCmd(resource.id()).exec();
                case SERVICE -> requests.removeServiceCmd(resource.id()).exec();
            }
        } catch (NotFoundException alreadyGone) {
            // removed already
        } catch (DockerException refused) {
            throw new EngineException("cannot remove " + resource.describe() + ": " + engineMessage(refused), refused);
        }
    }

    @Override
    public AutoCloseable streamStats(String containerId, Consumer<StatsSample> onSample) {
        return streams.statsCmd(containerId).withNoStream(false).exec(new ResultCallback.Adapter<Statistics>() {
            @Override
            public void onNext(Statistics frame) {
                StatsDecoder.decode(frame).ifPresent(onSample);
            }

            @Override
            public void onError(Throwable error) {
                // The stream ends with an error when the container is removed under it: that is its normal end.
            }
        });
    }

    @Override
    public AutoCloseable streamEvents(String labelKey, String labelValue, Consumer<ContainerEvent> onEvent) {
        AtomicBoolean closing = new AtomicBoolean();
        ResultCallback.Adapter<Event> callback = streams.eventsCmd()
                .withEventTypeFilter(EventType.CONTAINER)
                .withEventFilter("start", "die", "oom", "kill")
                .withLabelFilter(Map.of(labelKey, labelValue))
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Event event) {
                        onEvent.accept(toContainerEvent(event));
                    }

                    @Override
                    public void onError(Throwable error) {
                        ended();
                    }

                    @Override
                    public void onComplete() {
                        ended();
                    }

                    // Closing the subscription ends it too: only an end limitlab did not ask for is the engine's.
                    private void ended() {
                        if (!closing.get()) {
                            onEvent.accept(ContainerEvent.engineGone(Instant.now()));
                        }
                    }
                });
        try {
            if (!callback.awaitStarted(STREAM_START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new EngineException("the engine did not open its event stream within " + STREAM_START_TIMEOUT.toSeconds() + " s");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while subscribing to engine events", interrupted);
        }
        return () -> {
            closing.set(true);
            callback.close();
        };
    }

    static ContainerEvent toContainerEvent(Event event) {
        Map<String, String> attributes = event.getActor() == null || event.getActor().getAttributes() == null
                ? Map.of() : event.getActor().getAttributes();
        Instant time = event.getTimeNano() != null
                ? Instant.ofEpochSecond(0, event.getTimeNano())
                : Instant.ofEpochSecond(event.getTime() == null ? 0 : event.getTime());
        String exitCode = attributes.get("exitCode");
        String action = event.getAction() != null ? event.getAction() : event.getStatus();
        return new ContainerEvent(event.getId(), action, time,
                exitCode == null ? null : Integer.valueOf(exitCode), Instant.now());
    }

    @Override
    public void close() {
        closeQuietly(requests);
        closeQuietly(streams);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing the HTTP clients at exit; nothing left to save
        }
    }
}
