package dev.limitlab.engine;

import dev.limitlab.docker.ContainerSpec;
import dev.limitlab.docker.Containers;
import dev.limitlab.docker.Forensics;
import dev.limitlab.docker.LogLine;
import dev.limitlab.metrics.LoadMetrics;
import dev.limitlab.metrics.ServiceReadiness;
import dev.limitlab.metrics.WorkloadReport;
import dev.limitlab.scenario.Hardening;
import dev.limitlab.scenario.Limits;
import dev.limitlab.scenario.Workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The load driver of one service trial: a second container from the agent image, joined to the service's network
 * namespace ({@code --network container:<service>}), so that it reaches the service at {@code 127.0.0.1:<port>} and
 * nothing else; hardened like every workload container and labelled with the run, but not with the trial (its
 * events are not the service's). Its own CPU is its own cgroup's, never counted as the service's.
 */
final class ServiceLoad {
    /** Marks the driver among a run's containers. */
    static final String ROLE_LABEL = "limitlab.role";
    static final String ROLE = "load";
    /** How often readiness is looked for, in the driver's output or the service's log. */
    private static final Duration POLL = Duration.ofMillis(100);
    /** The driver's lines that carry its HdrHistogram log, one log line each (the agent's HistogramLogLines.TYPE). */
    static final String HISTOGRAM_LINE = "hlog";
    /**
     * Beyond the last request's timeout, how long the driver may take to drain, print its summary and exit; generous,
     * since a driver starved of CPU on a busy host is slow to end, and without its summary the trial has no load figures.
     */
    private static final Duration DRIVER_GRACE = Duration.ofSeconds(15);

    private final Containers containers;
    private final Forensics forensics;
    private final Workload.Service service;
    private final Clock clock;
    private final String serviceId;
    /** The log readiness's pattern, compiled once for the polls; null for http or tcp readiness. */
    private final Pattern logPattern;
    private String driverId;

    ServiceLoad(Containers containers, Forensics forensics, Workload.Service service, String serviceId, Clock clock) {
        this.containers = containers;
        this.forensics = forensics;
        this.service = service;
        this.serviceId = serviceId;
        this.clock = clock;
        this.logPattern = service.ready().logPattern() == null ? null : Pattern.compile(service.ready().logPattern());
    }

    /** What the wait for readiness found: when the service was ready, or that it was not. */
    record Ready(Optional<Instant> at, ServiceReadiness readiness) {
    }

    /**
     * Creates and starts the driver: {@code name}, the run's {@code labels}, on {@code cpuset} (null: unpinned), for
     * {@code duration} of load after the service is ready.
     */
    void start(String name, Map<String, String> labels, String image, String cpuset, Duration duration) {
        start(name, labels, image, cpuset, duration, AgentCommand.REPORT_MS);
    }

    /** The same, with the driver's {@code sample} lines every {@code reportMs}. */
    void start(String name, Map<String, String> labels, String image, String cpuset, Duration duration, long reportMs) {
        Map<String, String> driverLabels = new HashMap<>(labels);
        driverLabels.put(ROLE_LABEL, ROLE);
        Hardening hardening = Hardening.DEFAULT.withNetworkMode("container:" + serviceId);
        driverId = containers.create(new ContainerSpec(name, image, AgentCommand.forLoad(service, duration, reportMs), driverLabels,
                Limits.NONE, cpuset, hardening, dev.limitlab.docker.Mounts.NONE));
        containers.start(driverId);
    }

    /**
     * Looks for readiness once: the driver's {@code ready} or {@code not-ready} line (http, tcp), or a service log line
     * matching the pattern (log). Empty while undecided.
     */
    Optional<Ready> poll(Instant containerStarted) {
        if (logPattern != null) {
            boolean matched = forensics.output(serviceId).stream().map(LogLine::text).anyMatch(line -> logPattern.matcher(line).find());
            return matched ? Optional.of(ready(clock.instant(), containerStarted)) : Optional.empty();
        }
        List<WorkloadReport> lines = AgentOutput.parse(forensics.stdoutLines(driverId));
        for (WorkloadReport line : lines) {
            if (line.is("ready")) {
                return Optional.of(ready(line.time(), containerStarted));
            }
            if (line.is("not-ready")) {
                return Optional.of(notReady());
            }
        }
        return Optional.empty();
    }

    /** The service was not ready in time, or exited first: its last lines say why. */
    Ready notReady() {
        List<String> output = forensics.output(serviceId).stream().map(LogLine::text).toList();
        List<String> tail = output.subList(Math.max(0, output.size() - ServiceReadiness.TAIL_LINES), output.size());
        return new Ready(Optional.empty(), new ServiceReadiness(false, null, how(), tail));
    }

    private Ready ready(Instant at, Instant containerStarted) {
        double seconds = Duration.between(containerStarted, at).toNanos() / 1e9;
        return new Ready(Optional.of(at), new ServiceReadiness(true, Math.max(0, seconds), how(), List.of()));
    }

    /** How long the wait for readiness may take, a little more than the scenario's timeout for the driver to say so. */
    Duration readyTimeout() {
        return service.ready().timeout().plus(Duration.ofSeconds(2));
    }

    Duration pollInterval() {
        return POLL;
    }

    /** {@code http /healthz}, {@code tcp 8080} or {@code log "Started .* in"}. */
    private String how() {
        Workload.Readiness ready = service.ready();
        return ready.httpPath() != null ? "http " + ready.httpPath()
                : ready.tcp() ? "tcp " + service.port() : "log \"" + ready.logPattern() + "\"";
    }

    /**
     * After the trial: waits for the driver's summary (its load ends with the trial), stops it, and returns its lines;
     * the HdrHistogram log of its window goes to {@code histogramFile} when it wrote one.
     */
    List<WorkloadReport> finish(Path histogramFile) {
        if (driverId == null) {
            return List.of();
        }
        containers.awaitExit(driverId, service.load().timeout().plus(DRIVER_GRACE));
        containers.kill(driverId);
        List<WorkloadReport> lines = AgentOutput.parse(forensics.stdoutLines(driverId));
        List<String> log = lines.stream().filter(line -> line.is(HISTOGRAM_LINE)).map(line -> line.text("line")).toList();
        if (!log.isEmpty()) {
            try {
                Files.write(histogramFile, log);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + histogramFile + ": " + e.getMessage(), e);
            }
        }
        return lines;
    }

    /** Stops the driver now, its load cut short, and returns its lines so far (an isolation victim's timeline). */
    List<WorkloadReport> stop() {
        if (driverId == null) {
            return List.of();
        }
        containers.kill(driverId);
        return AgentOutput.parse(forensics.stdoutLines(driverId));
    }

    /** The driver's figures, with the log file named as run.json names it (relative to the run directory). */
    static LoadMetrics metrics(List<WorkloadReport> driverLines, Path histogramFile) {
        return LoadMetrics.of(driverLines, Files.exists(histogramFile) ? histogramFile.getFileName().toString() : null);
    }

    /** Removes the driver; an engine that went away leaves it to the run's removal by label. */
    void remove() {
        if (driverId == null) {
            return;
        }
        try {
            containers.remove(driverId);
        } catch (RuntimeException engineGone) {
            // removed with the run's other containers by label
        }
    }
}
