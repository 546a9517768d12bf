package dev.limitlab.engine;

import dev.limitlab.docker.ContainerSpec;
import dev.limitlab.docker.Containers;
import dev.limitlab.docker.EngineIdentity;
import dev.limitlab.docker.EngineStreams;
import dev.limitlab.docker.Forensics;
import dev.limitlab.docker.Mounts;
import dev.limitlab.metrics.ContainerEvent;
import dev.limitlab.metrics.FinalState;
import dev.limitlab.metrics.IsolationRun;
import dev.limitlab.metrics.IsolationRun.Containment;
import dev.limitlab.metrics.IsolationRun.IsolationConfiguration;
import dev.limitlab.metrics.RawLog;
import dev.limitlab.metrics.Sampler;
import dev.limitlab.metrics.StatsSample;
import dev.limitlab.metrics.TrialLimits;
import dev.limitlab.metrics.VictimTimeline;
import dev.limitlab.metrics.WorkloadReport;
import dev.limitlab.scenario.Experiment;
import dev.limitlab.scenario.Isolation;
import dev.limitlab.scenario.Limits;
import dev.limitlab.scenario.Workload;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Runs an isolation experiment: for each configuration of the aggressor, a fresh victim runs three phases on one
 * timeline (alone, beside the aggressor, after the aggressor is removed), both containers pinned to the experiment's
 * cpuset. The aggressor always runs under a memory and a pids limit, for one phase at most, and is stopped at once when
 * the host's free memory falls below the floor. Container creation, labels, event and cgroup readings are
 * {@link TrialRunner}'s.
 */
final class IsolationRunner {
    /** The victim reports its throughput this often: the timeline's and the recovery time's resolution. */
    static final long VICTIM_REPORT_MS = 250;
    /** The victim's JVM starts and compiles its loop before its baseline is measured. */
    static final Duration VICTIM_SETTLE = Duration.ofSeconds(1);
    static final Duration HOST_TICK = Duration.ofMillis(100);
    /** A service victim's load runs this much past its three phases: the aggressor's creation and removal take time. */
    static final Duration DRIVER_SLACK = Duration.ofSeconds(10);
    /**
     * The host's tasks may grow by the aggressor's pids limit and this many more while it runs: the engine's own tasks
     * for a container (shim, runc) and the rest of the host (a JVM build starts tens of threads).
     */
    static final long HOST_TASK_ALLOWANCE = 256;
    /** Back "within 5 % of its baseline". */
    static final double RECOVERED = 0.95;

    private final Containers containers;
    private final EngineStreams streams;
    private final Forensics forensics;
    private final EngineIdentity identity;
    private final TrialRunner runner;
    private final RunContext context;
    private final RunOptions options;
    private final RawLog rawLog;
    private final Clock clock;

    <E extends Containers & EngineStreams & Forensics & EngineIdentity> IsolationRunner(E engine, TrialRunner runner,
            RunContext context, RunOptions options, RawLog rawLog, Clock clock) {
        this.containers = engine;
        this.streams = engine;
        this.forensics = engine;
        this.identity = engine;
        this.runner = runner;
        this.context = context;
        this.options = options;
        this.rawLog = rawLog;
        this.clock = clock;
    }

    /**
     * Every configuration of {@code experiment}'s aggressor in turn, each numbered by {@code nextIndex}; {@code progress}
     * receives the experiment as it stands after each.
     */
    IsolationRun run(Experiment experiment, IntSupplier nextIndex, Consumer<IsolationRun> progress) {
        Isolation isolation = experiment.isolation().orElseThrow();
        List<IsolationConfiguration> done = new ArrayList<>();
        IsolationRun run = record(experiment, isolation, done);
        for (Limits limits : isolation.aggressor().configurations()) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            done.add(configuration(experiment, isolation, limits, nextIndex.getAsInt()));
            run = record(experiment, isolation, done);
            progress.accept(run);
        }
        return run;
    }

    private static IsolationRun record(Experiment experiment, Isolation isolation, List<IsolationConfiguration> done) {
        return new IsolationRun(experiment.name(), isolation.victim().workload().kind(), isolation.aggressor().kind(),
                isolation.target(), isolation.cpuset().orElse(null), experiment.duration().toMillis() / 1000.0, done, null);
    }

    private IsolationConfiguration configuration(Experiment experiment, Isolation isolation, Limits limits, int index) {
        Duration phase = experiment.duration();
        String cpuset = isolation.cpuset().orElse(null);
        TrialLimits ran = limitsRan(limits, experiment, cpuset);
        Trial victimTrial = new Trial(index, experiment, isolation.victim().limits(), 1);
        String victimName = context.containerName(index + "-victim");
        String aggressorName = context.containerName(index + "-aggressor");
        BlockingQueue<ContainerEvent> victimEvents = new LinkedBlockingQueue<>();
        List<ContainerEvent> aggressorEvents = new CopyOnWriteArrayList<>();
        List<StatsSample> aggressorSamples = new CopyOnWriteArrayList<>();
        String victimId = null;
        String aggressorId = null;
        ServiceLoad load = null;
        CgroupSampler victimSampler = null;
        List<StatsSample> victimSamples = new CopyOnWriteArrayList<>();
        Instant deadline = clock.instant().plus(experiment.timeout());
        try (HostWatch host = new HostWatch(options.procRoot(), isolation.hostMemoryFloor(), HOST_TICK);
             AutoCloseable victimStream = streams.streamEvents(TrialRunner.TRIAL_LABEL, victimName, victimEvents::add);
             AutoCloseable aggressorStream = streams.streamEvents(TrialRunner.TRIAL_LABEL, aggressorName, event -> {
                 aggressorEvents.add(event);
                 rawLog.appendEvent(index, event);
             })) {
            Workload victim = isolation.victim().workload();
            WorkloadContainer victimContainer = victim instanceof Workload.Service ? WorkloadContainer.of(victim, options.image())
                    : new WorkloadContainer(options.image(), AgentCommand.forWorkload(victim, VICTIM_REPORT_MS), Mounts.NONE);
            victimId = containers.create(new ContainerSpec(victimName, victimContainer.image(), victimContainer.command(),
                    runner.labels(victimName, victimTrial), isolation.victim().limits(), cpuset, experiment.hardening(),
                    victimContainer.mounts(), victimContainer.env()));
            containers.start(victimId);
            Instant victimStarted = clock.instant();
            victimSampler = runner.startSampler(victimId, victimSamples::add);
            Duration settle = VICTIM_SETTLE;
            if (victim instanceof Workload.Service service) {
                load = new ServiceLoad(containers, forensics, service, victimId, clock);
                settle = service.load().warmup().compareTo(settle) > 0 ? service.load().warmup() : settle;
                // the load spans the settle, the three phases and the aggressor's start and removal; it is stopped at the end
                load.start(victimName + "-load", context.labels(), options.image(), driverCpus(cpuset),
                        settle.plus(phase.multipliedBy(3)).plus(DRIVER_SLACK), VICTIM_REPORT_MS);
                Optional<String> notReady = awaitReady(load, victimEvents, victimId, victimStarted, deadline);
                if (notReady.isPresent()) {
                    return failed(index, ran, host, notReady.get());
                }
                victimStarted = clock.instant(); // the service's timeline starts with its load
            }
            Instant aggressorDue = victimStarted.plus(settle).plus(phase);
            if (!await(aggressorDue, victimEvents, victimId, deadline)) {
                return failed(index, ran, host, "the victim exited before the aggressor started");
            }

            WorkloadContainer aggressor = WorkloadContainer.of(isolation.aggressor().workload(), options.image());
            aggressorId = containers.create(new ContainerSpec(aggressorName, aggressor.image(), aggressor.command(),
                    runner.labels(aggressorName, new Trial(index, experiment, limits, 1)), limits, cpuset,
                    experiment.hardening(), aggressor.mounts(), aggressor.env()));
            CgroupSampler sampler = null;
            Long pidsRefused = null;
            FinalState aggressorEnd;
            List<WorkloadReport> aggressorLines;
            Instant aggressorStarted;
            Instant aggressorStopped;
            try {
                host.boundTasks((ran.pidsLimit() == null ? 0 : ran.pidsLimit()) + HOST_TASK_ALLOWANCE);
                containers.start(aggressorId);
                aggressorStarted = clock.instant();
                String id = aggressorId;
                host.onFloor(() -> containers.kill(id));
                sampler = runner.startSampler(aggressorId, sample -> {
                    aggressorSamples.add(sample);
                    rawLog.appendSample(index, Sampler.CGROUP, sample);
                });
                boolean victimAlive = await(aggressorStarted.plus(phase), victimEvents, victimId, deadline, host);
                if (sampler != null) {
                    sampler.sampleNow();
                    pidsRefused = sampler.files().pidsRefused().orElse(null); // read while the cgroup exists
                }
                aggressorEnd = containers.inspect(aggressorId).toFinalState();
                containers.kill(aggressorId);
                aggressorStopped = clock.instant();
                aggressorLines = AgentOutput.parse(forensics.stdoutLines(aggressorId));
                aggressorLines.forEach(line -> rawLog.appendWorkload(index, line));
                if (!victimAlive) {
                    return failed(index, ran, host, "the victim exited while the aggressor ran");
                }
            } finally {
                if (sampler != null) {
                    sampler.close();
                }
                runner.removeQuietly(aggressorId); // the aggressor is gone before the recovery phase starts
            }
            Instant aggressorRemoved = clock.instant();
            await(aggressorRemoved.plus(phase), victimEvents, victimId, deadline);
            List<WorkloadReport> driverLines = load == null ? List.of() : load.stop();
            victimSampler = closeQuietly(victimSampler);
            containers.kill(victimId);
            List<WorkloadReport> victimLines = AgentOutput.parse(forensics.stdoutLines(victimId));
            victimLines.forEach(line -> rawLog.appendWorkload(index, line));
            driverLines.forEach(line -> rawLog.appendWorkload(index, line));

            Containment containment = containment(limits, aggressorSamples, aggressorEvents, aggressorEnd, aggressorLines, pidsRefused);
            VictimTimeline timeline = load == null
                    ? VictimTimeline.of(victimLines, victimStarted, aggressorStarted, aggressorStopped, VICTIM_REPORT_MS, settle, RECOVERED)
                    : VictimTimeline.ofService(driverLines, victimStarted, aggressorStarted, aggressorStopped, VICTIM_REPORT_MS, settle, RECOVERED);
            return timeline.configuration(index, ran, VICTIM_REPORT_MS / 1000.0, containment, host.readings(), host.tripped())
                    .withVictimCores(cores(victimSamples, victimStarted.plus(settle), aggressorStarted),
                            cores(victimSamples, aggressorStarted, aggressorStopped));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return failed(index, ran, null, "interrupted");
        } catch (Exception failure) { // the engine's refusal, or a stream that would not close
            return failed(index, ran, null, String.valueOf(failure.getMessage()));
        } finally {
            closeQuietly(victimSampler);
            if (load != null) {
                load.remove();
            }
            if (aggressorId != null) {
                runner.removeQuietly(aggressorId);
            }
            if (victimId != null) {
                runner.removeQuietly(victimId);
            }
        }
    }

    /**
     * Waits until a service victim is ready (its driver's {@code ready} line, or its log), never past {@code deadline};
     * why it is not, if it is not.
     */
    private Optional<String> awaitReady(ServiceLoad load, BlockingQueue<ContainerEvent> victimEvents, String victimId,
                                        Instant started, Instant deadline) throws InterruptedException {
        Instant until = started.plus(load.readyTimeout());
        Instant end = until.isBefore(deadline) ? until : deadline;
        while (clock.instant().isBefore(end)) {
            Optional<ServiceLoad.Ready> decided = load.poll(started);
            if (decided.isPresent()) {
                return decided.get().at().isPresent() ? Optional.empty() : Optional.of(notReady(decided.get()));
            }
            ContainerEvent event = victimEvents.poll(load.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
            if (event != null && event.is("die") && containers.inspect(victimId).exitedForGood()) {
                return Optional.of(notReady(load.notReady()));
            }
        }
        return Optional.of(notReady(load.notReady()));
    }

    private static String notReady(ServiceLoad.Ready ready) {
        List<String> tail = ready.readiness().logTail();
        return "the service victim was never ready (" + ready.readiness().how() + ")"
                + (tail.isEmpty() ? "" : "; its last line: " + tail.get(tail.size() - 1));
    }

    /**
     * The driver of a service victim runs on the host's other CPUs, so that it does not compete with the victim and
     * the aggressor it measures; unpinned when the cpuset leaves none.
     */
    private String driverCpus(String cpuset) {
        if (cpuset == null) {
            return null;
        }
        int cpus = identity.hostInfo().cpus();
        BitSet taken = new BitSet();
        for (String range : cpuset.split(",")) {
            String[] ends = range.split("-");
            taken.set(Integer.parseInt(ends[0]), Integer.parseInt(ends[ends.length - 1]) + 1);
        }
        String others = IntStream.range(0, cpus).filter(cpu -> !taken.get(cpu)).mapToObj(Integer::toString)
                .collect(Collectors.joining(","));
        return others.isEmpty() ? null : others;
    }

    private boolean await(Instant until, BlockingQueue<ContainerEvent> victimEvents, String victimId, Instant deadline)
            throws InterruptedException {
        return await(until, victimEvents, victimId, deadline, null);
    }

    /**
     * Waits on the victim's events until {@code until} (never past the configuration's {@code deadline}), or until the
     * host guard fires; false when the victim died for good meanwhile.
     */
    private boolean await(Instant until, BlockingQueue<ContainerEvent> victimEvents, String victimId, Instant deadline,
                          HostWatch host) throws InterruptedException {
        Instant end = until.isBefore(deadline) ? until : deadline;
        while (host == null || host.tripped() == null) {
            long waitMs = Math.min(HOST_TICK.toMillis(), Duration.between(clock.instant(), end).toMillis());
            if (waitMs <= 0) {
                return true;
            }
            ContainerEvent event = victimEvents.poll(waitMs, TimeUnit.MILLISECONDS);
            if (event != null && event.is("die") && containers.inspect(victimId).exitedForGood()) {
                return false;
            }
        }
        return true;
    }

    private static CgroupSampler closeQuietly(CgroupSampler sampler) {
        if (sampler != null) {
            sampler.close();
        }
        return null;
    }

    /** The CPU a container used from {@code from} to {@code to}: its cgroup's usage between the readings nearest inside. */
    static Double cores(List<StatsSample> samples, Instant from, Instant to) {
        List<StatsSample> inside = samples.stream().filter(s -> !s.read().isBefore(from) && !s.read().isAfter(to)).toList();
        if (inside.size() < 2) {
            return null;
        }
        StatsSample first = inside.get(0);
        StatsSample last = inside.get(inside.size() - 1);
        long spanNs = Duration.between(first.read(), last.read()).toNanos();
        return spanNs <= 0 ? null : (double) (last.cpuTotalNs() - first.cpuTotalNs()) / spanNs;
    }

    /** The aggressor's containment, from its cgroup readings, its events, the engine's final view and its own lines. */
    static Containment containment(Limits limits, List<StatsSample> samples, List<ContainerEvent> events, FinalState end,
                                   List<WorkloadReport> lines, Long pidsRefused) {
        StatsSample last = samples.isEmpty() ? null : samples.get(samples.size() - 1);
        Double throttled = limits.cpus() == null || last == null || last.periods() == 0 ? null
                : (double) last.throttledPeriods() / last.periods(); // the counters start at zero with the container
        Double cpuCores = last == null ? null : cores(samples, samples.get(0).read(), last.read());
        long oomEvents = events.stream().filter(event -> event.is("oom")).count();
        long oomCounter = samples.stream().map(StatsSample::oomKillCounter).filter(java.util.Objects::nonNull)
                .mapToLong(Long::longValue).max().orElse(0);
        int oomKills = (int) Math.max(Math.max(oomEvents, oomCounter), end.oomKilled() ? 1 : 0);
        Long pidsPeak = samples.stream().flatMap(s -> java.util.stream.Stream.of(s.pids(), s.pidsPeak()))
                .filter(java.util.Objects::nonNull).max(Long::compare).orElse(null);
        Long agentRefused = lines.stream().filter(line -> line.fields().get("refused") instanceof Number)
                .map(line -> line.whole("refused")).max(Long::compare).orElse(null);
        Integer exitCode = end.running() ? null : end.exitCode();
        return new Containment(throttled, cpuCores, oomKills, pidsPeak, pidsRefused, agentRefused, exitCode);
    }

    private TrialLimits limitsRan(Limits limits, Experiment experiment, String cpuset) {
        return new TrialLimits(limits.cpus(), limits.memory(), limits.memorySwapBytes(),
                limits.pidsLimit() != null ? limits.pidsLimit() : experiment.hardening().defaultPidsLimit(),
                limits.restart() == null ? "no" : limits.restart().toString(), cpuset);
    }

    private static IsolationConfiguration failed(int index, TrialLimits ran, HostWatch host, String error) {
        return new IsolationConfiguration(index, ran, null, null, null, null, null, null, null, null, null, null,
                host == null ? null : host.readings(), host == null ? null : host.tripped(), null, null, null, List.of(), List.of(), error);
    }

}
