package dev.limitlab.engine;

import dev.limitlab.docker.ContainerSpec;
import dev.limitlab.docker.ContainerStatus;
import dev.limitlab.docker.Containers;
import dev.limitlab.docker.EngineIdentity;
import dev.limitlab.docker.EngineStreams;
import dev.limitlab.docker.Forensics;
import dev.limitlab.metrics.ContainerEvent;
import dev.limitlab.metrics.EndReason;
import dev.limitlab.metrics.FinalState;
import dev.limitlab.metrics.Sampler;
import dev.limitlab.metrics.RawLog;
import dev.limitlab.metrics.StatsSample;
import dev.limitlab.metrics.TrialAggregator;
import dev.limitlab.metrics.TrialInput;
import dev.limitlab.metrics.TrialLimits;
import dev.limitlab.metrics.TrialMetrics;
import dev.limitlab.metrics.TrialResult;
import dev.limitlab.metrics.TrialSamples;
import dev.limitlab.metrics.TrialSecurity;
import dev.limitlab.metrics.WorkloadReport;
import dev.limitlab.scenario.Hardening;
import dev.limitlab.scenario.Limits;
import dev.limitlab.scenario.Workload;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs one trial: create the container, stream its stats and events (and sample its cgroup files when the
 * engine is local), start it, wait until its time is up or it has exited for good, read the engine's
 * final view and the workload's output, remove it. Thread-safe: trials may run side by side.
 */
final class TrialRunner {
    static final String RUN_LABEL = ContainerSpec.RUN_LABEL;
    /** Unique per trial ({@code <run id>-<trial>}), so that each trial's event subscription sees only its container. */
    static final String TRIAL_LABEL = "limitlab.trial";
    /** How long a daemon that stopped a trial's container may take to go (its own stop timeout is 10 to 15 s). */
    private static final Duration ENGINE_SHUTDOWN_GRACE = Duration.ofSeconds(20);

    private final Containers containers;
    private final EngineStreams streams;
    private final Forensics forensics;
    private final EngineIdentity identity;
    private final RunContext context;
    private final RunOptions options;
    private final RawLog rawLog;
    private final RunListener listener;
    private final Clock clock;

    /** On {@code engine}'s containers, streams, forensics and identity (whether it is local): the roles a trial uses. */
    <E extends Containers & EngineStreams & Forensics & EngineIdentity> TrialRunner(E engine, RunContext context,
                                                                                  RunOptions options, RawLog rawLog,
                                                                                  RunListener listener, Clock clock) {
        this.containers = engine;
        this.streams = engine;
        this.forensics = engine;
        this.identity = engine;
        this.listener = listener;
        this.context = context;
        this.options = options;
        this.rawLog = rawLog;
        this.clock = clock;
    }

    /** Runs the trial, pinned to {@code cpuset} when not null (parallel trials). */
    TrialResult run(Trial trial, String cpuset) {
        String name = context.containerName(Integer.toString(trial.index()));
        Instant startedAt = clock.instant();
        String containerId = null;
        Recording recording = new Recording(trial);
        BlockingQueue<ContainerEvent> queue = new LinkedBlockingQueue<>();
        // One event subscription per trial, opened before the container exists: after an engine restart the
        // next trial subscribes afresh.
        ServiceLoad load = null;
        try (AutoCloseable subscription = streams.streamEvents(TRIAL_LABEL, name, queue::add)) {
            recording.listening = true;
            Workload workloadSpec = trial.experiment().workload();
            WorkloadContainer workload = WorkloadContainer.of(workloadSpec, options.image());
            Placement placement = Placement.of(workloadSpec, trial.limits(), cpuset, identity);
            containerId = containers.create(new ContainerSpec(name, workload.image(), workload.command(),
                    labels(name, trial), trial.limits(), placement.workload(), trial.experiment().hardening(),
                    workload.mounts(), workload.env()));
            FinalState finalState;
            EndReason endReason;
            CgroupSampler sampler = null;
            ServiceLoad.Ready ready = null;
            // Subscribe to stats before the start, so the first frame comes as early as the engine can send it.
            try (AutoCloseable stats = streams.streamStats(containerId, recording::stats)) {
                containers.start(containerId);
                Instant containerStarted = clock.instant();
                sampler = startSampler(containerId, recording::cgroup);
                Instant deadline = containerStarted.plus(trial.experiment().duration());
                if (workloadSpec instanceof Workload.Service service) {
                    load = new ServiceLoad(containers, forensics, service, containerId, clock);
                    load.start(name + "-load", context.labels(), options.image(), placement.driver(), trial.experiment().duration());
                    ready = awaitReady(load, containerId, containerStarted, queue, recording);
                    // The trial's duration starts when the service is ready.
                    deadline = ready.at().map(at -> at.plus(trial.experiment().duration())).orElse(null);
                }
                endReason = deadline == null ? EndReason.NOT_READY : awaitEnd(containerId, queue, recording, deadline);
                if (sampler != null) {
                    sampler.sampleNow(); // the trial's last reading, at its very end
                }
                // The engine's final view is read before limitlab stops the container, so that the stop is not
                // taken for the workload's own exit.
                finalState = containers.inspect(containerId).toFinalState();
                List<ContainerEvent> late = new ArrayList<>();
                queue.drainTo(late);
                late.forEach(recording::event);
            } finally {
                if (sampler != null) {
                    sampler.close();
                }
            }
            List<WorkloadReport> driverLines = List.of();
            Path histogramFile = rawLog.directory().resolve("load-" + trial.index() + ".hlog");
            if (load != null) {
                driverLines = load.finish(histogramFile);
                driverLines.forEach(report -> rawLog.appendWorkload(trial.index(), report));
            }
            containers.kill(containerId);
            List<WorkloadReport> reports = AgentOutput.parse(forensics.stdoutLines(containerId));
            reports.forEach(report -> rawLog.appendWorkload(trial.index(), report));
            Instant measureFrom = ready == null ? null
                    : ready.at().map(at -> at.plus(((Workload.Service) workloadSpec).load().warmup())).orElse(null);
            TrialMetrics metrics = TrialAggregator.aggregate(recording.input(trial, reports, finalState, startedAt, measureFrom));
            if (ready != null) {
                metrics = metrics.withService(ready.readiness(), ServiceLoad.metrics(driverLines, histogramFile));
            }
            if (workloadSpec instanceof Workload.Command && endReason == EndReason.EXITED) {
                metrics = metrics.withRuntimeScore();
            }
            return result(trial, name, placement.workload(), startedAt, endReason, metrics, null);
        } catch (EngineLost lost) {
            return lost(trial, name, cpuset, startedAt, recording, lost.getMessage());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return result(trial, name, cpuset, startedAt, EndReason.ERROR, null, "interrupted");
        } catch (Exception failure) {
            // A call the engine did not answer, with the engine gone: the trial was lost to it, not failed by it.
            if (recording.engineGone() || !engineAnswers()) {
                if (recording.listening()) {
                    awaitEngineGone(queue, recording);
                }
                return lost(trial, name, cpuset, startedAt, recording, "the engine went away during the trial ("
                        + failure.getMessage() + ")");
            }
            TrialMetrics partial = TrialAggregator.aggregate(recording.input(trial, List.of(),
                    new FinalState(false, 0, false, null), startedAt, null));
            return result(trial, name, cpuset, startedAt, EndReason.ERROR, partial, String.valueOf(failure.getMessage()));
        } finally {
            if (load != null) {
                load.remove();
            }
            if (containerId != null) {
                removeQuietly(containerId);
            }
        }
    }

    /**
     * Waits until the service is ready, says it never will be (the driver's not-ready line, or the service exited for
     * good), or its ready timeout passes; the service's events are recorded meanwhile.
     */
    private ServiceLoad.Ready awaitReady(ServiceLoad load, String serviceId, Instant containerStarted,
                                         BlockingQueue<ContainerEvent> queue, Recording recording) throws Exception {
        Instant giveUp = containerStarted.plus(load.readyTimeout());
        while (clock.instant().isBefore(giveUp)) {
            Optional<ServiceLoad.Ready> decided = load.poll(containerStarted);
            if (decided.isPresent()) {
                return decided.get();
            }
            ContainerEvent event = queue.poll(load.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
            if (event != null) {
                recording.event(event);
                checkEngine(event, queue, recording);
                if (event.is("die") && containers.inspect(serviceId).exitedForGood()) {
                    return load.notReady();
                }
            }
        }
        return load.notReady();
    }

    Map<String, String> labels(String name, Trial trial) {
        Map<String, String> labels = new HashMap<>(context.labels());
        labels.put(TRIAL_LABEL, name);
        labels.put("limitlab.experiment", trial.experiment().name());
        return labels;
    }

    // With the engine gone the container cannot be removed now; the run removes its leftovers by label later.
    void removeQuietly(String containerId) {
        try {
            containers.remove(containerId);
        } catch (RuntimeException engineGone) {
            // see above
        }
    }

    /** The direct cgroup sampler, when the engine is on this host and the container's cgroup can be found. */
    CgroupSampler startSampler(String containerId, java.util.function.Consumer<StatsSample> onSample) {
        if (options.sampleInterval() == null || !identity.endpoint().isLocal()) {
            return null;
        }
        ContainerStatus status = containers.inspect(containerId);
        if (status.pid() == null || status.pid() <= 0) {
            return null; // already gone: the stats stream is all there is
        }
        Optional<CgroupFiles> files = CgroupFiles.ofProcess(options.cgroupRoot(),
                options.procRoot().resolve(Integer.toString(status.pid())).resolve("cgroup"), containerId);
        return files.map(f -> new CgroupSampler(f, options.procRoot(), options.sampleInterval(), clock, onSample)).orElse(null);
    }

    /**
     * Waits on the container's events, not on a timer: returns {@code exited} as soon as a death leaves the
     * container neither running nor restarting, or {@code duration} at the deadline.
     */
    private EndReason awaitEnd(String containerId, BlockingQueue<ContainerEvent> queue, Recording recording,
                            Instant deadline) throws Exception {
        while (true) {
            long waitMs = Duration.between(clock.instant(), deadline).toMillis();
            if (waitMs <= 0) {
                return EndReason.DURATION;
            }
            ContainerEvent event = queue.poll(waitMs, TimeUnit.MILLISECONDS);
            if (event == null) {
                return EndReason.DURATION;
            }
            recording.event(event);
            checkEngine(event, queue, recording);
            if (event.is("die") && containers.inspect(containerId).exitedForGood()) {
                return EndReason.EXITED;
            }
        }
    }

    /**
     * Ends the trial when the engine went away, or when someone other than limitlab or its workload stopped the
     * container: a daemon shutting down (it stops its containers, then closes its streams) or an operator. Either
     * way what follows is not a result.
     */
    private void checkEngine(ContainerEvent event, BlockingQueue<ContainerEvent> queue, Recording recording) throws Exception {
        if (event.is(ContainerEvent.ENGINE_GONE)) {
            throw new EngineLost("the engine ended its event stream during the trial");
        }
        if (event.is("die") && recording.stoppedFromOutside()) {
            if (awaitEngineGone(queue, recording)) {
                throw new EngineLost("the engine stopped the container and went away during the trial");
            }
            throw new IllegalStateException("the container was stopped from outside limitlab during the trial");
        }
    }

    /**
     * Waits up to {@code grace} for the engine to end the event stream, recording what comes meanwhile: a daemon
     * that is stopping still answers on open connections until it has stopped its containers, so the run must not
     * take it for the engine come back.
     */
    private boolean awaitEngineGone(BlockingQueue<ContainerEvent> queue, Recording recording) {
        // never longer than the run would wait for the engine to come back
        Duration grace = ENGINE_SHUTDOWN_GRACE.compareTo(options.engineRecovery()) < 0 ? ENGINE_SHUTDOWN_GRACE : options.engineRecovery();
        Instant giveUp = clock.instant().plus(grace);
        try {
            while (!recording.engineGone()) {
                long waitMs = Duration.between(clock.instant(), giveUp).toMillis();
                ContainerEvent event = waitMs <= 0 ? null : queue.poll(waitMs, TimeUnit.MILLISECONDS);
                if (event == null) {
                    return false;
                }
                recording.event(event);
            }
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return recording.engineGone();
        }
    }

    private boolean engineAnswers() {
        try {
            identity.ping();
            return true;
        } catch (RuntimeException away) {
            return false;
        }
    }

    /** The engine went away mid-trial; its message says how. */
    static final class EngineLost extends Exception {
        EngineLost(String message) {
            super(message);
        }
    }

    private TrialResult lost(Trial trial, String name, String cpuset, Instant startedAt, Recording recording, String why) {
        TrialMetrics partial = TrialAggregator.aggregate(recording.input(trial, List.of(),
                new FinalState(false, 0, false, null), startedAt, null));
        return result(trial, name, cpuset, startedAt, EndReason.ENGINE_LOST, partial, why);
    }

    /** What one trial records as it goes, each reading also appended to the run's raw files. */
    final class Recording {
        private final Trial trial;
        final List<StatsSample> stats = new CopyOnWriteArrayList<>();
        final List<StatsSample> cgroup = new CopyOnWriteArrayList<>();
        final List<ContainerEvent> events = new CopyOnWriteArrayList<>();

        Recording(Trial trial) {
            this.trial = trial;
        }

        void stats(StatsSample sample) {
            stats.add(sample);
            rawLog.appendSample(trial.index(), Sampler.STATS, sample);
            if (cgroup.isEmpty()) {
                listener.sampled(trial, sample);
            }
        }

        void cgroup(StatsSample sample) {
            cgroup.add(sample);
            rawLog.appendSample(trial.index(), Sampler.CGROUP, sample);
            listener.sampled(trial, sample);
        }

        private volatile boolean engineGone;
        private volatile boolean stoppedFromOutside;
        private volatile boolean listening;

        void event(ContainerEvent event) {
            events.add(event);
            rawLog.appendEvent(trial.index(), event);
            engineGone |= event.is(ContainerEvent.ENGINE_GONE);
            // limitlab signals a trial's container only after its end, when no one listens any more
            stoppedFromOutside |= event.is("kill");
        }

        /** The trial's event subscription was open. */
        boolean listening() {
            return listening;
        }

        /** The engine ended the trial's event stream. */
        boolean engineGone() {
            return engineGone;
        }

        /** Someone asked the engine to signal the container while the trial ran. */
        boolean stoppedFromOutside() {
            return stoppedFromOutside;
        }

        /**
         * The cgroup readings when there are enough to measure with, else the stats frames. A new cgroup's
         * counters start at zero when the container starts, so without warm-up the window opens at the first
         * start event with a zero reading: totals are then the kernel's own, start to end.
         */
        TrialInput input(Trial trial, List<WorkloadReport> reports, FinalState finalState, Instant startedAt,
                         Instant serviceMeasureFrom) {
            TrialSamples readings = new TrialSamples(cgroup, stats);
            boolean direct = readings.chosen() == Sampler.CGROUP;
            List<StatsSample> samples = new ArrayList<>(readings.measured());
            Instant measureFrom = startedAt.plus(trial.experiment().warmup());
            Optional<Instant> firstStart = events.stream().filter(e -> e.is("start")).map(ContainerEvent::time).findFirst();
            if (serviceMeasureFrom != null) {
                measureFrom = serviceMeasureFrom; // a service is measured under its load, after the load's warm-up
            } else if (direct && trial.experiment().warmup().isZero() && firstStart.isPresent()) {
                samples.add(new StatsSample(firstStart.get(), 0, 0, 0, 0, 0, null, 0, null, null, null));
                measureFrom = firstStart.get();
            }
            Limits limits = trial.limits();
            return new TrialInput(samples, readings.chosen(), events, reports, finalState, measureFrom,
                    limits.restart() == null ? null : limits.restart().toString());
        }
    }

    TrialResult result(Trial trial, String name, String cpuset, Instant startedAt, EndReason endReason,
                               TrialMetrics metrics, String error) {
        Limits limits = trial.limits();
        Hardening hardening = trial.experiment().hardening();
        TrialLimits ran = new TrialLimits(limits.cpus(), limits.memory(), limits.memorySwapBytes(),
                limits.pidsLimit() != null ? limits.pidsLimit() : hardening.defaultPidsLimit(),
                limits.restart() == null ? "no" : limits.restart().toString(), cpuset);
        TrialSecurity security = new TrialSecurity(hardening.capDropAll(), hardening.noNewPrivileges(),
                hardening.networkMode(), hardening.readOnlyRootfs(), hardening.user(), false, hardening.capAdd());
        Instant endedAt = clock.instant();
        Duration took = Duration.between(startedAt, endedAt);
        if (error == null && took.compareTo(trial.experiment().timeout()) > 0) {
            // The engine was too slow to create, start, stop or remove the container: not the workload's doing.
            error = "the trial took " + took.toMillis() / 1000.0 + " s, over its timeout of "
                    + trial.experiment().timeout().toMillis() / 1000.0 + " s";
            endReason = EndReason.ERROR;
        }
        return new TrialResult(trial.index(), trial.experiment().name(), trial.experiment().workload().kind(),
                trial.repeat(), name, ran, security, startedAt, endedAt, endReason, metrics, error);
    }
}
