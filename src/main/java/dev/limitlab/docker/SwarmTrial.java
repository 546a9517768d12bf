package dev.limitlab.docker;

import dev.limitlab.metrics.ContainerEvent;
import dev.limitlab.metrics.EnginePlacement;
import dev.limitlab.metrics.StatsSample;
import dev.limitlab.scenario.RestartPolicy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One trial's service as limitlab follows it: the tasks seen so far (Swarm keeps only a few in its history, so each is
 * kept here as it is seen), the container events they imply, and the container-like status the trial runner reads.
 * Events come from the task history, each at the time the node's engine gave it where the manager's event stream
 * had it (its own node), else at the task's status time.
 */
final class SwarmTrial {
    private final String name;
    private final SwarmServiceSpec spec;
    private final SwarmNode node;
    private final RestartPolicy restart;
    private final Map<String, SwarmTaskView> tasks = new LinkedHashMap<>();
    private final Set<String> emitted = new HashSet<>();
    private final Map<String, Instant> engineTimes = new HashMap<>();
    final List<Consumer<ContainerEvent>> eventListeners = new CopyOnWriteArrayList<>();
    final List<Consumer<StatsSample>> statsListeners = new CopyOnWriteArrayList<>();
    private volatile List<LogLine> outputAtKill;
    private volatile boolean created;
    /** The CPUs it holds on its node (no limit: the whole node). */
    volatile double cpus;

    SwarmTrial(String name, SwarmServiceSpec spec, SwarmNode node, RestartPolicy restart) {
        this.name = name;
        this.spec = spec;
        this.node = node;
        this.restart = restart;
    }

    String name() {
        return name;
    }

    SwarmServiceSpec spec() {
        return spec;
    }

    SwarmNode node() {
        return node;
    }

    boolean created() {
        return created;
    }

    void markCreated() {
        created = true;
    }

    List<LogLine> outputAtKill() {
        return outputAtKill;
    }

    void keepOutput(List<LogLine> output) {
        outputAtKill = List.copyOf(output);
    }

    /** The node engine's own time for a container event ({@code start}, {@code die}) seen on the manager's stream. */
    synchronized void engineTime(String containerId, String action, Instant time) {
        engineTimes.putIfAbsent(containerId + "/" + action, time);
    }

    synchronized boolean owns(String containerId) {
        return tasks.values().stream().anyMatch(task -> containerId.equals(task.containerId()));
    }

    /** Takes the manager's latest list of this service's tasks; returns the events it implies that were not given yet. */
    synchronized List<ContainerEvent> update(List<SwarmTaskView> listed, Instant now) {
        listed.stream().sorted(Comparator.comparing(SwarmTaskView::createdAt)).forEach(task -> tasks.put(task.id(), task));
        List<ContainerEvent> events = new ArrayList<>();
        for (SwarmTaskView task : tasks.values()) {
            if (task.started() && emitted.add(task.containerId() + "/start")) {
                events.add(event(task, "start", null, now));
            }
            if (task.terminal() && task.containerId() != null && task.exitCode() != null
                    && emitted.add(task.containerId() + "/die")) {
                events.add(event(task, "die", task.exitCode(), now));
            }
        }
        return events;
    }

    private ContainerEvent event(SwarmTaskView task, String action, Integer exitCode, Instant now) {
        Instant time = engineTimes.getOrDefault(task.containerId() + "/" + action, task.at());
        return new ContainerEvent(task.containerId(), action, time, exitCode, now);
    }

    /**
     * As the engine's inspect of a container would say: running while a task runs, restarting while Swarm has a task
     * to come (one pending, or the restart policy's next after a failure), exited when neither.
     */
    synchronized ContainerStatus status() {
        List<SwarmTaskView> all = new ArrayList<>(tasks.values());
        EnginePlacement placement = new EnginePlacement("swarm", node.id(), node.hostname(), node.cpus(), node.memoryBytes(),
                spec.notApplied(), restart == null || restart.name().equals("no") ? null : SwarmServiceSpec.RESTART_DELAY_MS);
        if (all.isEmpty()) {
            return new ContainerStatus("created", false, created, 0, false, null, null, placement);
        }
        SwarmTaskView last = all.get(all.size() - 1);
        int restarts = all.size() - 1;
        boolean running = last.running();
        boolean restarting = !running && (!last.terminal() || last.exitCode() != null
                && SwarmServiceSpec.restarts(restart, last.exitCode(), restarts));
        String status = running ? "running" : restarting ? "restarting" : "exited";
        return new ContainerStatus(status, running, restarting, restarts, false, last.terminal() ? last.exitCode() : null,
                null, placement);
    }

    /** The container of the service's latest task, null before it has one. */
    synchronized String lastContainerId() {
        List<SwarmTaskView> all = new ArrayList<>(tasks.values());
        return all.isEmpty() ? null : all.get(all.size() - 1).containerId();
    }

    /** The error Swarm gave for a task that never ran (e.g. rejected: no such image on the node), or null. */
    synchronized String taskError() {
        return tasks.values().stream().filter(t -> t.terminal() && t.exitCode() == null && t.error() != null)
                .map(SwarmTaskView::error).reduce((a, b) -> b).orElse(null);
    }
}
