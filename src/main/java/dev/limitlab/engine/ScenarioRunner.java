package dev.limitlab.engine;

import dev.limitlab.docker.DockerGateway;
import dev.limitlab.docker.HostInfo;
import dev.limitlab.metrics.RawLog;
import dev.limitlab.metrics.RunJson;
import dev.limitlab.metrics.RunStatus;
import dev.limitlab.metrics.RepeatAggregator;
import dev.limitlab.metrics.RunRecord;
import dev.limitlab.metrics.TrialResult;
import dev.limitlab.scenario.Experiment;
import dev.limitlab.scenario.Limits;
import dev.limitlab.scenario.Scenario;
import dev.limitlab.scenario.Workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs every trial of a scenario, one at a time or {@code --parallel N} at once on separate CPUs, and writes {@code results/<scenario>/<UTC timestamp>/}:
 * raw JSON lines as readings arrive and {@code run.json} after every trial, so an interrupted run keeps
 * what it measured. Every container carries {@code limitlab.run=<run id>} and is removed, also on Ctrl-C.
 */
public final class ScenarioRunner {
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final DockerGateway gateway;
    private final RunOptions options;
    private final RunListener listener;
    private final Clock clock;

    public ScenarioRunner(DockerGateway gateway, RunOptions options, RunListener listener, Clock clock) {
        this.gateway = gateway;
        this.options = options;
        this.listener = listener;
        this.clock = clock;
    }

    /** The finished run and the directory its files are in. */
    public record Outcome(RunRecord run, Path directory) {
    }

    /**
     * After a complete run, the limits to confirm the recommendation with, if any: each workload then runs
     * once more under them (a persistent crash loop excepted, which no limit can make pass).
     */
    @FunctionalInterface
    public interface ConfirmationPlan {
        Optional<Limits> limitsFor(RunRecord run);

        ConfirmationPlan NONE = run -> Optional.empty();
    }

    public Outcome run(Scenario scenario) {
        return run(scenario, ConfirmationPlan.NONE);
    }

    public Outcome run(Scenario scenario, ConfirmationPlan confirmationPlan) {
        List<Trial> trials = TrialPlan.of(scenario);
        HostInfo host = gateway.hostInfo();
        List<String> cpusets = Preflight.cpusets(host.cpus(), options.parallel());
        Preflight.check(scenario, trials, host, options.parallel(), options.allowUnbounded(),
                image -> gateway.image(image).isPresent());
        Instant startedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String timestamp = RUN_ID.format(startedAt);
        // The run id labels every container: unique even for two runs started in the same second.
        String runId = timestamp + "-" + HexFormat.of().toHexDigits((short) new SecureRandom().nextInt());
        Path directory = createRunDirectory(scenario.name(), timestamp);
        RunRecord.EngineInfo engine = new RunRecord.EngineInfo(gateway.endpoint().host().toString(), gateway.ping(), options.image());
        List<TrialResult> results = Collections.synchronizedList(new ArrayList<>());
        List<TrialResult> confirmations = new ArrayList<>();
        RunFile runFile = new RunFile(directory);
        // Held from before the first container exists until the last is removed: while it is held, no other
        // limitlab takes this run's containers for a dead run's leftovers.
        RunLock runLock = RunLocks.system().holdRun(runId);
        // On Ctrl-C or SIGTERM: keep what was measured, marked interrupted, and leave no container behind.
        Thread reaper = new Thread(() -> {
            runFile.seal(record(scenario, runId, engine, startedAt, RunStatus.INTERRUPTED, inOrder(results)));
            removeRunContainers(runId);
        }, "limitlab-cleanup");
        Runtime.getRuntime().addShutdownHook(reaper);
        RunStatus status = RunStatus.INTERRUPTED;
        ExecutorService slots = Executors.newFixedThreadPool(cpusets.size(), runnable -> new Thread(runnable, "limitlab-trial"));
        try (RawLog rawLog = new RawLog(directory)) {
            TrialRunner runner = new TrialRunner(gateway, runId, options, rawLog, listener, clock);
            BlockingQueue<String> freeCpusets = new LinkedBlockingQueue<>(cpusets.stream().map(c -> c == null ? "" : c).toList());
            AtomicBoolean engineLost = new AtomicBoolean();
            listener.runStarted(runId, trials);
            List<Future<?>> running = new ArrayList<>();
            for (Trial trial : trials) {
                running.add(slots.submit(() -> {
                    String cpuset = freeCpusets.take();
                    try {
                        if (engineLost.get()) {
                            return null;
                        }
                        listener.trialStarted(trial);
                        TrialResult result = runner.run(trial, cpuset.isEmpty() ? null : cpuset);
                        results.add(result);
                        runFile.write(record(scenario, runId, engine, startedAt, RunStatus.RUNNING, inOrder(results)));
                        listener.trialFinished(result);
                        if (result.error() != null && !engineComesBack()) {
                            engineLost.set(true);
                        }
                        return null;
                    } finally {
                        freeCpusets.add(cpuset);
                    }
                }));
            }
            for (Future<?> trial : running) {
                trial.get();
            }
            status = engineLost.get() ? RunStatus.ENGINE_LOST : results.size() == trials.size() ? RunStatus.COMPLETE : RunStatus.INTERRUPTED;
            if (status == RunStatus.COMPLETE) {
                Optional<Limits> recommended = confirmationPlan.limitsFor(record(scenario, runId, engine, startedAt, status, inOrder(results)));
                List<Trial> confirming = recommended.map(limits -> confirmationTrials(scenario, limits, trials.size())).orElse(List.of());
                if (!confirming.isEmpty()) {
                    listener.confirmationStarted(confirming);
                }
                for (Trial trial : confirming) {
                    listener.trialStarted(trial);
                    TrialResult result = runner.run(trial, null);
                    confirmations.add(result);
                    listener.trialFinished(result);
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException failure) {
            throw new IllegalStateException("a trial failed inside limitlab: " + failure.getCause(), failure.getCause());
        } finally {
            slots.shutdownNow();
            removeRunContainers(runId);
            runLock.close();
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running
            }
        }
        RunRecord run = record(scenario, runId, engine, startedAt, status, inOrder(results)).withConfirmations(confirmations);
        runFile.seal(run);
        return new Outcome(run, directory);
    }

    /** One trial per experiment under the recommended limits, numbered after the run's own trials. */
    static List<Trial> confirmationTrials(Scenario scenario, Limits recommended, int trialsSoFar) {
        List<Trial> trials = new ArrayList<>();
        for (Experiment experiment : scenario.experiments()) {
            if (experiment.workload() instanceof Workload.Crash crash && crash.succeedAfter() == null && crash.exitProbability() == null) {
                continue;
            }
            trials.add(new Trial(trialsSoFar + trials.size() + 1, experiment, experiment.limits().overlay(recommended), 1));
        }
        return trials;
    }

    private static List<TrialResult> inOrder(List<TrialResult> results) {
        synchronized (results) {
            return results.stream().sorted(Comparator.comparingInt(TrialResult::trial)).toList();
        }
    }

    /**
     * After a failed trial: true when the engine answers, at once or within {@link RunOptions#engineRecovery()}
     * (a daemon restart), so that the run can go on; false when it stayed away.
     */
    private boolean engineComesBack() {
        try {
            Awaitility.await("the engine at " + gateway.endpoint().host())
                    .atMost(options.engineRecovery()).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> gateway.ping() != null);
            return true;
        } catch (ConditionTimeoutException stayedAway) {
            return false;
        }
    }

    private RunRecord record(Scenario scenario, String runId, RunRecord.EngineInfo engine, Instant startedAt,
                             RunStatus status, List<TrialResult> results) {
        return new RunRecord(RunRecord.SCHEMA_VERSION, runId, scenario.name(), String.valueOf(scenario.source()),
                options.limitlabVersion(), engine, startedAt, clock.instant(), status, results,
                RepeatAggregator.summarise(results), null, null);
    }

    private void removeRunContainers(String runId) {
        try {
            gateway.containersLabelled(TrialRunner.RUN_LABEL, runId).forEach(gateway::remove);
        } catch (RuntimeException engineGone) {
            // nothing more can be done now; `limitlab cleanup` removes leftovers by label later
        }
    }

    private Path createRunDirectory(String scenario, String timestamp) {
        Path directory = options.resultsRoot().resolve(scenario).resolve(timestamp);
        try {
            // Two runs started in the same second get distinct directories.
            for (int n = 2; Files.exists(directory); n++) {
                directory = options.resultsRoot().resolve(scenario).resolve(timestamp + "-" + n);
            }
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * run.json of one run. The first {@link #seal} wins: once the shutdown hook has marked the run
     * interrupted, the main thread's later writes are dropped instead of overwriting that.
     */
    private static final class RunFile {
        private final Path directory;
        private boolean sealed;

        RunFile(Path directory) {
            this.directory = directory;
        }

        synchronized void write(RunRecord run) {
            if (!sealed) {
                save(run);
            }
        }

        synchronized void seal(RunRecord run) {
            write(run);
            sealed = true;
        }

        private void save(RunRecord run) {
            try {
                RunJson.write(run, directory);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write run.json in " + directory + ": " + e.getMessage(), e);
            }
        }
    }
}
