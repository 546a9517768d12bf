package dev.limitlab.engine;

import dev.limitlab.docker.ContainerSpec;
import dev.limitlab.docker.ContainerStatus;
import dev.limitlab.docker.DockerGateway;
import dev.limitlab.docker.EngineException;
import dev.limitlab.metrics.ContainerEvent;
import dev.limitlab.metrics.FinalState;
import dev.limitlab.metrics.StatsSample;
import dev.limitlab.metrics.TrialAggregator;
import dev.limitlab.metrics.TrialInput;
import dev.limitlab.metrics.TrialLimits;
import dev.limitlab.metrics.TrialMetrics;
import dev.limitlab.metrics.TrialResult;
import dev.limitlab.metrics.TrialSecurity;
import dev.limitlab.metrics.WorkloadReport;
import dev.limitlab.scenario.Hardening;
import dev.limitlab.scenario.Limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one trial: create the container, stream its stats and events, start it, wait until its time is up
 * or it has exited for good, read the engine's final view and the workload's output, remove it.
 * The run's event subscription feeds {@link #onEvent}, routed by container id.
 */
final class TrialRunner implements Consumer<ContainerEvent> {
    static final String RUN_LABEL = "limitlab.run";

    private final DockerGateway gateway;
    private final String runId;
    private final String image;
    private final Hardening hardening;
    private final RawLog rawLog;
    private final Clock clock;
    private final Map<String, BlockingQueue<ContainerEvent>> eventsByContainer = new ConcurrentHashMap<>();

    TrialRunner(DockerGateway gateway, String runId, String image, Hardening hardening, RawLog rawLog, Clock clock) {
        this.gateway = gateway;
        this.runId = runId;
        this.image = image;
        this.hardening = hardening;
        this.rawLog = rawLog;
        this.clock = clock;
    }

    /** Called on the event stream's thread for every container of the run. */
    @Override
    public void accept(ContainerEvent event) {
        BlockingQueue<ContainerEvent> queue = eventsByContainer.get(event.containerId());
        if (queue != null) {
            queue.add(event);
        }
    }

    TrialResult run(Trial trial) {
        String name = "limitlab-" + runId + "-" + trial.index();
        Instant startedAt = clock.instant();
        String containerId = null;
        List<StatsSample> samples = new CopyOnWriteArrayList<>();
        List<ContainerEvent> events = new ArrayList<>();
        try {
            containerId = gateway.create(spec(trial, name));
            BlockingQueue<ContainerEvent> queue = new LinkedBlockingQueue<>();
            eventsByContainer.put(containerId, queue);
            FinalState finalState;
            String endReason;
            // Subscribe to stats before the start, so the first frame comes as early as the engine can send it.
            try (AutoCloseable ignored = gateway.streamStats(containerId, sample -> {
                samples.add(sample);
                rawLog.append("samples", trial.index(), sample);
            })) {
                gateway.start(containerId);
                Instant deadline = clock.instant().plus(trial.experiment().duration());
                endReason = awaitEnd(containerId, queue, events, deadline, trial.index());
                // The engine's final view is read before limitlab stops the container, so that the stop is not
                // taken for the workload's own exit.
                finalState = gateway.inspect(containerId).toFinalState();
                List<ContainerEvent> late = new ArrayList<>();
                queue.drainTo(late);
                late.forEach(event -> record(event, events, trial.index()));
            }
            gateway.kill(containerId);
            List<WorkloadReport> reports = AgentOutput.parse(gateway.stdoutLines(containerId));
            reports.forEach(report -> rawLog.append("workload", trial.index(), report));
            TrialMetrics metrics = TrialAggregator.aggregate(input(trial, samples, events, reports, finalState, startedAt));
            return result(trial, name, startedAt, endReason, metrics, null);
        } catch (EngineException | IllegalStateException failure) {
            TrialMetrics partial = TrialAggregator.aggregate(input(trial, samples, events, List.of(),
                    new FinalState(false, 0, false, null), startedAt));
            return result(trial, name, startedAt, TrialResult.ERROR, partial, failure.getMessage());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return result(trial, name, startedAt, TrialResult.ERROR, null, "interrupted");
        } catch (Exception closeFailure) {
            return result(trial, name, startedAt, TrialResult.ERROR, null, String.valueOf(closeFailure.getMessage()));
        } finally {
            if (containerId != null) {
                eventsByContainer.remove(containerId);
                gateway.remove(containerId);
            }
        }
    }

    /**
     * Waits on the container's events, not on a timer: returns {@code exited} as soon as a death leaves the
     * container neither running nor restarting, or {@code duration} at the deadline.
     */
    private String awaitEnd(String containerId, BlockingQueue<ContainerEvent> queue, List<ContainerEvent> events,
                            Instant deadline, int trialIndex) throws InterruptedException {
        while (true) {
            long waitMs = Duration.between(clock.instant(), deadline).toMillis();
            if (waitMs <= 0) {
                return TrialResult.DURATION;
            }
            ContainerEvent event = queue.poll(waitMs, TimeUnit.MILLISECONDS);
            if (event == null) {
                return TrialResult.DURATION;
            }
            record(event, events, trialIndex);
            if (event.is("die")) {
                ContainerStatus status = gateway.inspect(containerId);
                if (status.exitedForGood()) {
                    return TrialResult.EXITED;
                }
            }
        }
    }

    private static TrialInput input(Trial trial, List<StatsSample> samples, List<ContainerEvent> events,
                                    List<WorkloadReport> reports, FinalState finalState, Instant startedAt) {
        Limits limits = trial.limits();
        return new TrialInput(samples, "stats", events, reports, finalState,
                startedAt.plus(trial.experiment().warmup()),
                limits.restart() == null ? null : limits.restart().toString());
    }

    private void record(ContainerEvent event, List<ContainerEvent> events, int trialIndex) {
        events.add(event);
        rawLog.append("events", trialIndex, event);
    }

    private ContainerSpec spec(Trial trial, String name) {
        return new ContainerSpec(name, image, AgentCommand.forWorkload(trial.experiment().workload()),
                Map.of(RUN_LABEL, runId,
                        "limitlab.experiment", trial.experiment().name(),
                        "limitlab.trial", Integer.toString(trial.index())),
                trial.limits(), hardening);
    }

    private TrialResult result(Trial trial, String name, Instant startedAt, String endReason, TrialMetrics metrics,
                               String error) {
        Limits limits = trial.limits();
        TrialLimits ran = new TrialLimits(limits.cpus(), limits.memory(), limits.memorySwapBytes(),
                limits.pidsLimit() != null ? limits.pidsLimit() : hardening.defaultPidsLimit(),
                limits.restart() == null ? "no" : limits.restart().toString());
        TrialSecurity security = new TrialSecurity(hardening.capDropAll(), hardening.noNewPrivileges(),
                hardening.networkMode(), hardening.readOnlyRootfs(), hardening.user(), false);
        return new TrialResult(trial.index(), trial.experiment().name(), trial.experiment().workload().kind(),
                trial.repeat(), name, ran, security, startedAt, clock.instant(), endReason, metrics, error);
    }
}
