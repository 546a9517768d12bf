package dev.limitlab.engine;

import dev.limitlab.docker.ContainerSpec;
import dev.limitlab.docker.Containers;
import dev.limitlab.docker.EngineStreams;
import dev.limitlab.docker.Forensics;
import dev.limitlab.docker.Mounts;
import dev.limitlab.metrics.ContainerEvent;
import dev.limitlab.metrics.EndReason;
import dev.limitlab.metrics.RawLog;
import dev.limitlab.metrics.TrialAggregator;
import dev.limitlab.metrics.TrialInput;
import dev.limitlab.metrics.TrialMetrics;
import dev.limitlab.metrics.TrialResult;
import dev.limitlab.metrics.TrialSamples;
import dev.limitlab.metrics.WorkloadReport;
import dev.limitlab.scenario.Search;
import dev.limitlab.scenario.Workload;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One container that runs a whole CPU search: started once (and warmed up once, for the experiment's warm-up),
 * then for each step its --cpus is updated in place, and after {@link Search#SETTLE} its counters are measured over
 * {@link Search#IN_PLACE_WINDOW}. Each step is a trial of its own in the results, all naming the same container.
 */
final class InPlaceContainer implements AutoCloseable {
    /** The agent reports four times per window, so that throughput is measured within each step. */
    static final long REPORT_MS = 250;
    /**
     * After a throttled step the workload is behind (a request queue, or the agent's CPU debt): it runs this long at the
     * first step's --cpus, the top of the range, to catch up, so that the next step does not measure the last one's backlog.
     */
    static final Duration CATCH_UP = Duration.ofMillis(500);

    private final TrialRunner runner;
    private final Containers containers;
    private final Forensics forensics;
    private final RawLog rawLog;
    private final Clock clock;
    private final String name;
    private final BlockingQueue<ContainerEvent> queue = new LinkedBlockingQueue<>();
    private final AutoCloseable subscription;
    private final String containerId;
    private final AutoCloseable stats;
    private final CgroupSampler sampler;
    private volatile TrialRunner.Recording current;
    private int reportsLogged;
    private final double topCpus;
    private boolean behind;

    <E extends Containers & EngineStreams & Forensics> InPlaceContainer(TrialRunner runner, E engine, RunContext context,
                                                                       RunOptions options, RawLog rawLog, Clock clock,
                                                                       Trial first) throws Exception {
        this.runner = runner;
        this.containers = engine;
        this.forensics = engine;
        this.rawLog = rawLog;
        this.clock = clock;
        this.name = context.containerName(first.index() + "-in-place");
        this.current = runner.new Recording(first);
        this.topCpus = first.limits().cpus();
        Workload workload = first.experiment().workload();
        WorkloadContainer container = workload instanceof Workload.Cpu
                ? new WorkloadContainer(options.image(), AgentCommand.forWorkload(workload, REPORT_MS), Mounts.NONE)
                : WorkloadContainer.of(workload, options.image());
        this.subscription = engine.streamEvents(TrialRunner.TRIAL_LABEL, name, queue::add);
        String id = null;
        AutoCloseable statsStream = null;
        CgroupSampler started = null;
        try {
            id = containers.create(new ContainerSpec(name, container.image(), container.command(), runner.labels(name, first),
                    first.limits(), null, first.experiment().hardening(), container.mounts()));
            statsStream = engine.streamStats(id, sample -> current.stats(sample));
            containers.start(id);
            started = runner.startSampler(id, sample -> current.cgroup(sample));
        } catch (RuntimeException failure) {
            closeQuietly(statsStream);
            if (id != null) {
                runner.removeQuietly(id);
            }
            subscription.close();
            throw failure;
        }
        this.containerId = id;
        this.stats = statsStream;
        this.sampler = started;
        await(first.experiment().warmup()); // the JVM's warm-up, once for every step
    }

    String name() {
        return name;
    }

    /** Sets the step's --cpus, waits for it to settle, then measures it over its window. */
    TrialResult step(Trial trial) throws InterruptedException {
        current = runner.new Recording(trial);
        Instant settleFrom = clock.instant();
        if (behind) {
            containers.update(containerId, topCpus);
            if (!await(CATCH_UP)) {
                return runner.result(trial, name, null, settleFrom, EndReason.EXITED, measure(trial, settleFrom, settleFrom),
                        "the in-place container exited during the search");
            }
        }
        containers.update(containerId, trial.limits().cpus());
        settleFrom = clock.instant();
        if (!await(Search.SETTLE)) {
            return runner.result(trial, name, null, settleFrom, EndReason.EXITED, measure(trial, settleFrom, settleFrom),
                    "the in-place container exited during the search");
        }
        Instant windowFrom = clock.instant();
        if (sampler != null) {
            sampler.sampleNow();
        }
        boolean running = await(Search.IN_PLACE_WINDOW);
        if (sampler != null) {
            sampler.sampleNow();
        }
        TrialMetrics metrics = measure(trial, settleFrom, windowFrom);
        behind = metrics.totals() != null && metrics.totals().throttledPeriods() > 0;
        return runner.result(trial, name, null, windowFrom, running ? EndReason.DURATION : EndReason.EXITED, metrics,
                running ? null : "the in-place container exited during the search");
    }

    private TrialMetrics measure(Trial trial, Instant settleFrom, Instant windowFrom) {
        List<WorkloadReport> reports = AgentOutput.parse(forensics.stdoutLines(containerId));
        reports.subList(Math.min(reportsLogged, reports.size()), reports.size())
                .forEach(report -> rawLog.appendWorkload(trial.index(), report));
        reportsLogged = reports.size();
        TrialRunner.Recording recording = current;
        TrialSamples readings = new TrialSamples(recording.cgroup, recording.stats);
        List<WorkloadReport> step = reports.stream().filter(r -> r.is("start") || !r.time().isBefore(settleFrom)).toList();
        // Ten intervals are too few for a 95th percentile (it would be their maximum, sampling jitter and all): an
        // in-place step records none, and the recommendation takes the demand from the mean CPU used.
        return TrialAggregator.aggregate(new TrialInput(readings.measured(), readings.chosen(), recording.events, step,
                containers.inspect(containerId).toFinalState(), windowFrom, null)).withCpuUsedP95Cores(null);
    }

    /** Waits {@code duration} on the container's events; false as soon as it has died. */
    private boolean await(Duration duration) throws InterruptedException {
        Instant deadline = clock.instant().plus(duration);
        while (true) {
            long waitMs = Duration.between(clock.instant(), deadline).toMillis();
            if (waitMs <= 0) {
                return true;
            }
            ContainerEvent event = queue.poll(waitMs, TimeUnit.MILLISECONDS);
            if (event == null) {
                return true;
            }
            current.event(event);
            if (event.is("die")) {
                return false;
            }
        }
    }

    @Override
    public void close() {
        if (sampler != null) {
            sampler.close();
        }
        closeQuietly(stats);
        containers.kill(containerId);
        runner.removeQuietly(containerId);
        closeQuietly(subscription);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (Exception ignored) {
            // a stream of a container that is going anyway
        }
    }
}
