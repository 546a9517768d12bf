package dev.limitlab.harden;

import dev.limitlab.docker.ContainerSpec;
import dev.limitlab.docker.ContainerStartException;
import dev.limitlab.docker.ContainerStatus;
import dev.limitlab.docker.DockerEndpoint;
import dev.limitlab.docker.EngineResource;
import dev.limitlab.docker.HostInfo;
import dev.limitlab.docker.DockerGateway;
import dev.limitlab.docker.EngineSecurity;
import dev.limitlab.docker.FileChange;
import dev.limitlab.docker.ImageInfo;
import dev.limitlab.docker.LogLine;
import dev.limitlab.metrics.ContainerEvent;
import dev.limitlab.metrics.StatsSample;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/** An engine whose containers do what a script says for their spec: no Docker needed. */
final class ScriptedEngine implements DockerGateway {
    /** How a container with some spec behaves: exit code (null: still running at the timeout), output, diff. */
    record Behaviour(Integer exitCode, List<LogLine> output, List<FileChange> changes, String startRefusal) {
        static Behaviour exits(int code, LogLine... output) {
            return new Behaviour(code, List.of(output), List.of(), null);
        }

        static Behaviour hangs() {
            return new Behaviour(null, List.of(), List.of(), null);
        }

        static Behaviour refusedToStart(String message) {
            return new Behaviour(null, List.of(), List.of(), message);
        }

        Behaviour writing(FileChange... changes) {
            return new Behaviour(exitCode, output, List.of(changes), startRefusal);
        }
    }

    final Map<String, ContainerSpec> created = new LinkedHashMap<>();
    final List<String> removed = new ArrayList<>();
    final List<String> killed = new ArrayList<>();
    private final Function<ContainerSpec, Behaviour> script;
    private final EngineSecurity security;

    ScriptedEngine(EngineSecurity security, Function<ContainerSpec, Behaviour> script) {
        this.security = security;
        this.script = script;
    }

    private Behaviour behaviour(String containerId) {
        return script.apply(created.get(containerId));
    }

    @Override
    public String create(ContainerSpec spec) {
        String id = "c" + (created.size() + 1);
        created.put(id, spec);
        return id;
    }

    @Override
    public void start(String containerId) {
        String refusal = behaviour(containerId).startRefusal();
        if (refusal != null) {
            throw new ContainerStartException(refusal, null);
        }
    }

    @Override
    public Optional<Integer> awaitExit(String containerId, Duration timeout) {
        return Optional.ofNullable(behaviour(containerId).exitCode());
    }

    @Override
    public List<LogLine> output(String containerId) {
        return behaviour(containerId).output();
    }

    @Override
    public List<FileChange> changes(String containerId) {
        return behaviour(containerId).changes();
    }

    @Override
    public EngineSecurity security() {
        return security;
    }

    @Override
    public void kill(String containerId) {
        killed.add(containerId);
    }

    @Override
    public void remove(String containerId) {
        removed.add(containerId);
    }

    @Override
    public List<String> containersLabelled(String key, String value) {
        return created.entrySet().stream()
                .filter(e -> value.equals(e.getValue().labels().get(key)) && !removed.contains(e.getKey()))
                .map(Map.Entry::getKey).toList();
    }

    @Override
    public HostInfo hostInfo() {
        return new HostInfo(2, 8L << 30);
    }

    @Override
    public List<EngineResource> resourcesLabelled(String key) {
        return List.of();
    }

    @Override
    public void removeResource(EngineResource resource) {
        throw new UnsupportedOperationException("harden removes containers only");
    }

    @Override
    public String ping() {
        return "scripted";
    }

    @Override
    public DockerEndpoint endpoint() {
        return new DockerEndpoint(URI.create("unix:///scripted.sock"), "test", List.of());
    }

    @Override
    public Optional<ImageInfo> image(String image) {
        return Optional.of(new ImageInfo("sha256:scripted", 1, Map.of()));
    }

    @Override
    public String buildImage(Path contextDirectory, String tag, Map<String, String> labels) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ContainerStatus inspect(String containerId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<String> stdoutLines(String containerId) {
        return output(containerId).stream().filter(l -> l.stream() == LogLine.Stream.STDOUT).map(LogLine::text).toList();
    }

    @Override
    public AutoCloseable streamStats(String containerId, Consumer<StatsSample> onSample) {
        throw new UnsupportedOperationException();
    }

    @Override
    public AutoCloseable streamEvents(String labelKey, String labelValue, Consumer<ContainerEvent> onEvent) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}
