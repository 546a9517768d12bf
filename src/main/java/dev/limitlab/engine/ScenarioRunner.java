package dev.limitlab.engine;

import dev.limitlab.docker.DockerGateway;
import dev.limitlab.docker.HostInfo;
import dev.limitlab.metrics.EndReason;
import dev.limitlab.metrics.IsolationRun;
import dev.limitlab.metrics.RawLog;
import dev.limitlab.metrics.RunJson;
import dev.limitlab.metrics.Recommendation;
import dev.limitlab.metrics.RunStatus;
import dev.limitlab.metrics.RepeatAggregator;
import dev.limitlab.metrics.RunRecord;
import dev.limitlab.metrics.TrialResult;
import dev.limitlab.scenario.Experiment;
import dev.limitlab.scenario.Limits;
import dev.limitlab.scenario.Scenario;
import dev.limitlab.scenario.Workload;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Runs the trials of a scenario, one at a time or {@code --parallel N} at once on separate CPUs, and writes
 * {@code results/<scenario>/<UTC timestamp>/}: run.json when the run starts (status {@code running}, no trials)
 * and after every trial, and raw JSON lines as readings arrive, so a run ended at any point, even by SIGKILL,
 * leaves files that {@code report} reads. The run's identity, locks and shutdown hook are its {@link RunContext}'s.
 */
public final class ScenarioRunner {
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
     * Runs every trial in a context of its own (no engine lock, no recommendation): for tests and benchmarks that
     * need only the measurements.
     */
    public Outcome run(Scenario scenario) {
        return run(scenario, session -> { });
    }

    /** As {@link #run(Scenario)}, then {@code more} in the same session (a search's trials) before it closes. */
    public Outcome run(Scenario scenario, java.util.function.Consumer<Session> more) {
        try (RunContext context = RunContext.unlocked(gateway, gateway, RunLocks.system(), "", clock);
             Session session = open(scenario, context)) {
            session.runTrials();
            more.accept(session);
            session.close();
            return session.outcome();
        }
    }

    /**
     * Checks that the scenario can run here (before any file or container is made), then creates the run's
     * directory and writes its first run.json. The session's trials run when asked, in the given context.
     */
    public Session open(Scenario scenario, RunContext context) {
        List<Trial> trials = TrialPlan.of(scenario);
        HostInfo host = gateway.hostInfo();
        List<String> cpusets = Preflight.cpusets(host.cpus(), options.parallel());
        Preflight.check(scenario, trials, host, options.parallel(), options.allowUnbounded(),
                image -> gateway.image(image).isPresent());
        RunRecord.EngineInfo engine = new RunRecord.EngineInfo(gateway.endpoint().host().toString(), gateway.ping(), options.image());
        return new Session(scenario, context, trials, cpusets, engine, createRunDirectory(scenario.name(), context.timestamp()));
    }

    /**
     * One run's trials and files. Its record is rewritten to run.json after every change; the last write after
     * {@link #close} (or the shutdown hook's, marked interrupted) wins.
     */
    public final class Session implements AutoCloseable {
        private final Scenario scenario;
        private final RunContext context;
        private final List<Trial> trials;
        private final List<String> cpusets;
        private final RunRecord.EngineInfo engine;
        private final Path directory;
        private final RunFile runFile;
        private final RawLog rawLog;
        private final TrialRunner runner;
        private final Reruns reruns = new Reruns(options.reruns());
        private final List<TrialResult> results = Collections.synchronizedList(new ArrayList<>());
        private final List<TrialResult> confirmations = new ArrayList<>();
        private final List<IsolationRun> isolations = new CopyOnWriteArrayList<>();
        private final AtomicInteger numbered;
        private volatile RunStatus status = RunStatus.RUNNING;
        private volatile Recommendation recommendation;
        private boolean closed;

        private Session(Scenario scenario, RunContext context, List<Trial> trials, List<String> cpusets,
                        RunRecord.EngineInfo engine, Path directory) {
            this.scenario = scenario;
            this.context = context;
            this.trials = trials;
            this.cpusets = cpusets;
            this.engine = engine;
            this.directory = directory;
            this.runFile = new RunFile(directory);
            this.rawLog = new RawLog(directory);
            this.runner = new TrialRunner(gateway, context, options, rawLog, listener, clock);
            this.numbered = new AtomicInteger(trials.size());
            // On Ctrl-C or SIGTERM: keep what was measured, marked interrupted, before the containers go.
            context.onInterrupt(() -> runFile.seal(record(RunStatus.INTERRUPTED)));
            runFile.write(record());
        }

        public Path directory() {
            return directory;
        }

        /** The run as it stands, and where its files are. */
        public Outcome outcome() {
            return new Outcome(record(), directory);
        }

        /** The run as it stands. */
        public RunRecord record() {
            return record(status);
        }

        /**
         * Runs the planned trials, rewriting run.json after each. Ends {@code complete}, {@code interrupted} or
         * {@code engine-lost} (a trial failed and the engine did not come back within {@link RunOptions#engineRecovery()}).
         */
        public RunRecord runTrials() {
            ExecutorService slots = Executors.newFixedThreadPool(cpusets.size(), runnable -> new Thread(runnable, "limitlab-trial"));
            RunStatus ended = RunStatus.INTERRUPTED;
            try {
                BlockingQueue<String> freeCpusets = new LinkedBlockingQueue<>(cpusets.stream().map(c -> c == null ? "" : c).toList());
                AtomicBoolean engineLost = new AtomicBoolean();
                listener.runStarted(context.runId(), trials);
                List<Future<?>> running = new ArrayList<>();
                for (Trial trial : trials) {
                    running.add(slots.submit(() -> {
                        String cpuset = freeCpusets.take();
                        try {
                            if (engineLost.get()) {
                                return null;
                            }
                            listener.trialStarted(trial);
                            TrialResult result = reruns.run(() -> runner.run(trial, cpuset.isEmpty() ? null : cpuset));
                            results.add(result);
                            runFile.write(record());
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
                ended = engineLost.get() ? RunStatus.ENGINE_LOST : results.size() == trials.size() ? RunStatus.COMPLETE : RunStatus.INTERRUPTED;
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException failure) {
                throw new IllegalStateException("a trial failed inside limitlab: " + failure.getCause(), failure.getCause());
            } finally {
                slots.shutdownNow();
                status = ended;
                runFile.write(record());
            }
            return record();
        }

        /**
         * After a complete run: each workload once more under the recommended limits (a persistent crash loop
         * excepted, which no limit can make pass), numbered after the run's own trials.
         */
        public RunRecord confirm(Limits recommended) {
            List<Trial> confirming = confirmationTrials(scenario, recommended, numbered.get());
            if (!confirming.isEmpty()) {
                listener.confirmationStarted(confirming);
            }
            for (Trial trial : confirming) {
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
                listener.trialStarted(trial);
                TrialResult result = reruns.run(() -> runner.run(trial, null));
                synchronized (confirmations) {
                    confirmations.add(result);
                }
                runFile.write(record());
                listener.trialFinished(result);
            }
            return record();
        }

        /**
         * Runs one trial the caller chose (a search's), numbered after the trials so far, and records it as
         * {@code annotate} completes it. An interruption, or a failed trial after which the engine stays away,
         * ends the run so.
         */
        public TrialResult run(Experiment experiment, Limits limits, int repeat, UnaryOperator<TrialResult> annotate) {
            Trial trial = new Trial(numbered.incrementAndGet(), experiment, limits, repeat);
            listener.trialStarted(trial);
            return finish(annotate.apply(reruns.run(() -> runner.run(trial, null))));
        }

        /**
         * One container for a whole CPU search of {@code experiment} on top of {@code base}: each
         * {@link InPlace#step} updates its --cpus and measures it as a trial of its own.
         */
        public InPlace inPlace(Experiment experiment, Limits base) {
            return new InPlace(experiment, base);
        }

        /** A container kept up across the steps of an in-place CPU search; started at the first step. */
        public final class InPlace implements AutoCloseable {
            private final Experiment experiment;
            private final Limits base;
            private InPlaceContainer container;

            private InPlace(Experiment experiment, Limits base) {
                this.experiment = experiment;
                this.base = base;
            }

            /** Sets --cpus to {@code cpus}, measures the step, and records it as {@code annotate} completes it. */
            public TrialResult step(double cpus, int repeat, UnaryOperator<TrialResult> annotate) {
                Trial trial = new Trial(numbered.incrementAndGet(), experiment, base.withCpus(cpus), repeat);
                listener.trialStarted(trial);
                Instant startedAt = clock.instant();
                TrialResult measured;
                try {
                    if (container == null) {
                        container = new InPlaceContainer(runner, gateway, context, options, rawLog, clock, trial);
                    }
                    measured = container.step(trial);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    measured = failed(trial, startedAt, "interrupted");
                } catch (Exception failure) {
                    measured = failed(trial, startedAt, String.valueOf(failure.getMessage()));
                }
                return finish(annotate.apply(measured));
            }

            private TrialResult failed(Trial trial, Instant startedAt, String error) {
                String name = container != null ? container.name() : context.containerName(trial.index() + "-in-place");
                return runner.result(trial, name, null, startedAt, EndReason.ERROR, null, error);
            }

            @Override
            public void close() {
                if (container != null) {
                    container.close();
                }
            }
        }

        private TrialResult finish(TrialResult result) {
            results.add(result);
            if (Thread.currentThread().isInterrupted()) {
                status = RunStatus.INTERRUPTED;
            } else if (result.error() != null && !engineComesBack()) {
                status = RunStatus.ENGINE_LOST;
            }
            runFile.write(record());
            listener.trialFinished(result);
            return result;
        }

        /**
         * Runs the isolation experiments (a victim beside an aggressor), one configuration at a time, rewriting run.json
         * after each; numbered after the trials so far. Each ends with {@code recommend}'s verdict on it.
         */
        public RunRecord runIsolations(UnaryOperator<IsolationRun> recommend) {
            IsolationRunner isolation = new IsolationRunner(gateway, runner, context, options, rawLog, clock);
            for (Experiment experiment : scenario.experiments()) {
                if (experiment.isolation().isEmpty() || Thread.currentThread().isInterrupted()) {
                    continue;
                }
                int slot = isolations.size();
                isolations.add(new IsolationRun(experiment.name(), experiment.workload().kind(),
                        experiment.isolation().get().aggressor().kind(), experiment.isolation().get().target(),
                        experiment.isolation().get().cpuset().orElse(null), experiment.duration().toMillis() / 1000.0, List.of(), null));
                IsolationRun done = isolation.run(experiment, numbered::incrementAndGet, sofar -> {
                    isolations.set(slot, sofar);
                    runFile.write(record());
                });
                isolations.set(slot, recommend.apply(done));
                runFile.write(record());
            }
            if (Thread.currentThread().isInterrupted()) {
                status = RunStatus.INTERRUPTED;
            }
            return record();
        }

        /** Records the recommendation made from this run (as run.json writes it). */
        public RunRecord recommend(Recommendation made) {
            recommendation = made;
            runFile.write(record());
            return record();
        }

        /** Closes the raw files, removes the run's containers and writes run.json for the last time. */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            rawLog.close();
            context.removeContainers();
            runFile.seal(record());
        }

        private RunRecord record(RunStatus status) {
            List<TrialResult> confirmed;
            synchronized (confirmations) {
                confirmed = List.copyOf(confirmations);
            }
            List<TrialResult> measured = inOrder(results);
            return new RunRecord(RunRecord.SCHEMA_VERSION, context.runId(), scenario.name(), String.valueOf(scenario.source()),
                    options.limitlabVersion(), engine, context.startedAt(), clock.instant(), status, measured,
                    RepeatAggregator.summarise(measured), confirmed, recommendation, List.copyOf(isolations));
        }
    }

    /** One trial per experiment under the recommended limits, numbered after the run's own trials. */
    static List<Trial> confirmationTrials(Scenario scenario, Limits recommended, int trialsSoFar) {
        List<Trial> trials = new ArrayList<>();
        for (Experiment experiment : scenario.experiments()) {
            if (experiment.isolation().isPresent()) {
                continue; // its aggressor's limits are judged by its own recommendation
            }
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
