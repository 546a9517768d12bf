package dev.limitlab.app;

import dev.limitlab.docker.DockerGateway;
import dev.limitlab.engine.AgentImage;
import dev.limitlab.engine.RunContext;
import dev.limitlab.engine.RunListener;
import dev.limitlab.engine.RunLocks;
import dev.limitlab.engine.RunOptions;
import dev.limitlab.engine.ScenarioRunner;
import dev.limitlab.metrics.RunRecord;
import dev.limitlab.metrics.Recommendation;
import dev.limitlab.metrics.RunStatus;
import dev.limitlab.recommend.ConfirmationJudge;
import dev.limitlab.recommend.IsolationRecommender;
import dev.limitlab.recommend.Recommender;
import dev.limitlab.regression.History;
import dev.limitlab.report.ReportFormat;
import dev.limitlab.report.RunDirectory;
import dev.limitlab.scenario.Scenario;
import dev.limitlab.search.Searches;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The use case {@code limitlab run} (and the part of {@code check} before the comparison): from a loaded scenario to
 * a run directory with run.json, the raw files and the reports. In order: the engine, its lock and the reaping of
 * dead runs' leftovers (one {@link RunContext}), the agent image, the trials, the recommendation, its confirmation
 * trials, the security review, run.json for the last time, then report.html, report.md and summary.csv.
 */
public final class RunScenario {
    /**
     * How to run.
     *
     * @param sampleInterval how often cgroup files are read when the engine is local; null: the stats stream only
     * @param confirm        run the confirmation trials under the recommended limits
     * @param reruns         how many times a trial the host disturbed is run again
     */
    public record Settings(Path resultsRoot, Duration sampleInterval, int parallel, boolean allowUnbounded, boolean confirm,
                           RunContext.EngineLock engineLock, int reruns) {
        /** With the default reruns. */
        public Settings(Path resultsRoot, Duration sampleInterval, int parallel, boolean allowUnbounded, boolean confirm,
                        RunContext.EngineLock engineLock) {
            this(resultsRoot, sampleInterval, parallel, allowUnbounded, confirm, engineLock, RunOptions.DEFAULT_RERUNS);
        }
    }

    /** Live progress: the trials' (as {@link RunListener}), and one-line messages (waiting, reaping, building). */
    public interface Listener extends RunListener {
        default void progress(String line) {
        }
    }

    /**
     * What a run did.
     *
     * @param recommendation empty when the run did not complete
     * @param reports        report.html, report.md and summary.csv, in that order
     */
    public record Outcome(RunRecord run, Path directory, Optional<Recommendation> recommendation, SecurityReview security,
                          List<Path> reports) {
        public Outcome {
            reports = List.copyOf(reports);
        }

        /** Empty until the reports are written. */
        public Optional<Path> reportHtml() {
            return reports.stream().findFirst();
        }

        Outcome withReports(List<Path> written) {
            return new Outcome(run, directory, recommendation, security, written);
        }

        /** Trials the engine could not run: the run is then a tool failure. */
        public long failedTrials() {
            return run.trials().stream().filter(t -> t.error() != null).count();
        }
    }

    private final Supplier<DockerGateway> engines;
    private final RunLocks locks;
    private final Clock clock;

    public RunScenario(Supplier<DockerGateway> engines, RunLocks locks, Clock clock) {
        this.engines = engines;
        this.locks = locks;
        this.clock = clock;
    }

    /** With the engine of this host's environment and the host's locks. */
    public static RunScenario onSystemEngine() {
        return new RunScenario(EngineConnection.SYSTEM, RunLocks.system(), Clock.systemUTC());
    }

    /**
     * Runs the scenario, adds its checked metrics to {@code results/<scenario>/history.csv} when it completed, and
     * writes the reports. The results, not this method, say how the workloads fared.
     */
    public Outcome run(Scenario scenario, Settings settings, Listener listener) {
        Outcome outcome = measure(scenario, settings, listener);
        if (outcome.run().status() == RunStatus.COMPLETE) {
            io(() -> {
                History.appendRun(History.besideRun(outcome.directory()), outcome.run(), scenario.regression());
                return null;
            });
        }
        return outcome.withReports(writeReports(outcome.directory()));
    }

    /** Everything up to the reports: {@code check} compares and appends to the history before they are written. */
    Outcome measure(Scenario scenario, Settings settings, Listener listener) {
        try (DockerGateway engine = engines.get();
             RunContext context = RunContext.open(engine, locks, settings.engineLock(), "", clock, listener::progress)) {
            String image = new AgentImage(engine, Version.agentTag()).ensure(listener::progress);
            RunOptions options = RunOptions.defaults(settings.resultsRoot(), image, Version.CURRENT)
                    .withSampleInterval(settings.sampleInterval())
                    .withParallel(settings.parallel(), settings.allowUnbounded())
                    .withReruns(settings.reruns());
            Optional<Recommendation> recommendation = Optional.empty();
            ScenarioRunner.Session session = new ScenarioRunner(engine, options, listener, clock).open(scenario, context);
            try (session) {
                session.runTrials();
                Searches.run(session, scenario, clock); // experiments with search: choose their trials as they go
                session.runIsolations(done -> done.withRecommendation(IsolationRecommender.recommend(done)));
                RunRecord run = session.record();
                if (run.status() == RunStatus.COMPLETE) {
                    Recommender.Decision decision = Recommender.decide(run, scenario.recommend());
                    Recommendation made = decision.recommendation();
                    if (settings.confirm()) {
                        made = made.withConfirmations(session.confirm(decision.limits()).confirmations().stream()
                                .map(trial -> ConfirmationJudge.judge(decision.recommendation(), trial)).toList());
                    }
                    session.recommend(made);
                    recommendation = Optional.of(made);
                }
            }
            Path directory = session.directory();
            SecurityReview security = io(() -> SecurityReview.of(engine, context, scenario, image, directory, clock));
            return new Outcome(session.record(), directory, recommendation, security, List.of());
        }
    }

    /** report.html, report.md and summary.csv beside run.json, rebuilt from the run's files as {@code report} does. */
    static List<Path> writeReports(Path directory) {
        return io(() -> ReportFormat.writeAll(RunDirectory.load(directory), directory));
    }

    /** A file limitlab writes that cannot be written is a tool failure. */
    static <T> T io(IoAction<T> action) {
        try {
            return action.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    interface IoAction<T> {
        T run() throws IOException;
    }
}
