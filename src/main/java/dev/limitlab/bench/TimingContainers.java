package dev.limitlab.bench;

import dev.limitlab.docker.ContainerSpec;
import dev.limitlab.docker.ContainerStatus;
import dev.limitlab.docker.Containers;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Passes container calls to the engine unchanged, and notes (on {@link System#nanoTime()}) when each container's
 * create was called, when its stop (the kill) was called and when its removal returned, by the container's name.
 * The engine's trial code is measured as it is, with no timing inside it.
 */
final class TimingContainers implements Containers {
    /** Marks of one container, nanoTime values; 0 when that call did not happen. */
    record Marks(long createCalled, long stopCalled, long removed) {
    }

    private final Containers engine;
    private final Map<String, String> names = new ConcurrentHashMap<>(); // container id -> name
    private final Map<String, Long> createCalled = new ConcurrentHashMap<>();
    private final Map<String, Long> stopCalled = new ConcurrentHashMap<>();
    private final Map<String, Long> removed = new ConcurrentHashMap<>();

    TimingContainers(Containers engine) {
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
    public void update(String containerId, double cpus) {
        engine.update(containerId, cpus);
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

    // ---- untimed

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
}
