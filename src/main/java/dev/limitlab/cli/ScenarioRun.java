package dev.limitlab.cli;

import dev.limitlab.docker.DockerGateway;
import dev.limitlab.engine.AgentImage;
import dev.limitlab.engine.RunListener;
import dev.limitlab.engine.RunLock;
import dev.limitlab.engine.RunLocks;
import dev.limitlab.engine.RunOptions;
import dev.limitlab.engine.ScenarioRunner;
import dev.limitlab.engine.Trial;
import dev.limitlab.engine.WorkloadContainer;
import dev.limitlab.harden.HardenListener;
import dev.limitlab.harden.HardenReport;
import dev.limitlab.harden.HardenText;
import dev.limitlab.harden.Hardener;
import dev.limitlab.harden.SecurityRegression;
import dev.limitlab.scenario.Experiment;
import dev.limitlab.scenario.SecurityCheck;
import dev.limitlab.metrics.RunJson;
import dev.limitlab.metrics.StatsSample;
import dev.limitlab.metrics.TrialResult;
import dev.limitlab.recommend.ConfirmationJudge;
import dev.limitlab.metrics.Recommendation;
import dev.limitlab.recommend.RecommendationText;
import dev.limitlab.recommend.Recommender;
import dev.limitlab.report.TrialTable;
import dev.limitlab.scenario.Limits;
import dev.limitlab.scenario.MemorySwap;
import dev.limitlab.scenario.RestartPolicy;
import dev.limitlab.scenario.Scenario;
import dev.limitlab.scenario.ScenarioException;
import dev.limitlab.scenario.ScenarioLoader;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * What {@code run} and {@code check} share: the scenario, where results go, how trials run, and running it
 * with a live table, ending with the recommendation and its confirmation trials.
 */
final class ScenarioRun {

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file (YAML).")
    Path scenarioFile;

    @Option(names = "--results", paramLabel = "DIR", defaultValue = "results",
            description = "Where run directories are written (default: ${DEFAULT-VALUE}).")
    Path resultsRoot;

    @Option(names = "--sample-interval", paramLabel = "DURATION", defaultValue = "100ms",
            converter = DurationConverter.class,
            description = "How often the container's cgroup files are read when the engine is local; 0 = stats stream only (default: ${DEFAULT-VALUE}).")
    Duration sampleInterval;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1",
            description = "Trials run at once, each pinned to its own CPUs (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--allow-unbounded", description = "Let memory workloads run without a memory limit.")
    boolean allowUnbounded;

    @Option(names = "--no-confirm", description = "Skip the confirmation trials under the recommended limits.")
    boolean noConfirm;

    @Option(names = "--no-wait", description = "When another run holds the engine's lock, fail at once (exit code 5)"
            + " instead of waiting for it to finish.")
    boolean noWait;

    @Option(names = "--no-lock", description = "Do not take the engine's lock: another run may then disturb this"
            + " one's measurements, and this one theirs.")
    boolean noLock;

    Scenario load() throws ScenarioException, IOException {
        return ScenarioLoader.load(scenarioFile);
    }

    /** Runs every trial, printing a row as each finishes, then the recommendation; says where run.json is. */
    ScenarioRunner.Outcome execute(Scenario scenario, PrintWriter out) {
        try (DockerGateway gateway = EngineConnection.open();
             RunLock engineLock = noLock ? null : RunLocks.system().holdEngine(gateway.endpoint(), !noWait, out::println)) {
            // after the lock: leftovers of a run that was killed while this one waited are reaped too
            EngineConnection.reapLeftovers(gateway, out);
            String image = new AgentImage(gateway, Version.CURRENT).ensure(out::println);
            RunOptions options = RunOptions.defaults(resultsRoot, image, Version.CURRENT)
                    .withSampleInterval(sampleInterval.isZero() ? null : sampleInterval)
                    .withParallel(parallel, allowUnbounded);
            Consumer<String> recordRunId = engineLock == null ? runId -> { } : engineLock::recordRun;
            AtomicReference<Recommendation> recommended = new AtomicReference<>();
            ScenarioRunner.ConfirmationPlan plan = run -> {
                recommended.set(Recommender.recommend(run, scenario.recommend()));
                return noConfirm ? Optional.empty() : limits(recommended.get());
            };
            ScenarioRunner.Outcome outcome;
            try (LiveTable live = new LiveTable(out, recordRunId)) {
                outcome = new ScenarioRunner(gateway, options, live, Clock.systemUTC()).run(scenario, plan);
            }
            out.println();
            if (recommended.get() != null) {
                Recommendation recommendation = recommended.get().withConfirmations(
                        outcome.run().confirmations().stream().map(trial -> ConfirmationJudge.judge(recommended.get(), trial)).toList());
                outcome = new ScenarioRunner.Outcome(outcome.run().withRecommendation(recommendation),
                        outcome.directory());
                RunJson.write(outcome.run(), outcome.directory());
                out.println(RecommendationText.render(recommendation));
                out.println();
            }
            securityRegressions = reviewSecurity(gateway, scenario, image, outcome.directory(), out);
            out.println("results: " + outcome.directory().resolve("run.json"));
            return outcome;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write run.json: " + e.getMessage(), e);
        }
    }

    /** What the last {@link #execute}'s {@code security:} reviews found changed since their {@code expect:}. */
    List<String> securityRegressions = List.of();

    /**
     * Repeats each experiment's {@code security:} review ({@code limitlab harden}), prints it, writes
     * {@code security.txt} beside run.json, and returns every expectation it contradicts.
     */
    private static List<String> reviewSecurity(DockerGateway gateway, Scenario scenario, String agentImage, Path directory,
                                               PrintWriter out) throws IOException {
        List<String> lines = new ArrayList<>();
        List<String> regressions = new ArrayList<>();
        for (Experiment experiment : scenario.experiments()) {
            if (experiment.security().isEmpty()) {
                continue;
            }
            SecurityCheck block = experiment.security().get();
            WorkloadContainer workload = WorkloadContainer.of(experiment.workload(), agentImage);
            HardenReport report = new Hardener(gateway, HardenListener.NONE, Clock.systemUTC())
                    .harden(SecurityRegression.request(block, workload.image(), workload.command()));
            lines.add("security review of experiment " + experiment.name() + ":");
            lines.addAll(HardenText.report(report));
            for (String difference : SecurityRegression.differences(block.expect(), report)) {
                regressions.add(experiment.name() + ": " + difference);
            }
        }
        if (!lines.isEmpty()) {
            regressions.forEach(difference -> lines.add("SECURITY CHANGED " + difference));
            lines.forEach(out::println);
            out.println();
            Files.write(directory.resolve("security.txt"), lines);
        }
        return regressions;
    }

    /** True, after saying how many, when a trial could not run: the run is then a tool failure. */
    static boolean reportFailedTrials(ScenarioRunner.Outcome outcome, PrintWriter out) {
        long failed = outcome.run().trials().stream().filter(t -> t.error() != null).count();
        if (failed > 0) {
            out.println(failed + " trial(s) failed to run; see the notes column");
        }
        return failed > 0;
    }

    /** The recommended numbers as limits for the confirmation trials; empty when nothing was recommended. */
    static Optional<Limits> limits(Recommendation r) {
        if (r.cpus() == null && r.memoryBytes() == null && r.pidsLimit() == null && r.restart() == null) {
            return Optional.empty();
        }
        return Optional.of(new Limits(r.cpus(), r.memoryBytes(),
                r.memorySwapBytes() == null ? null : MemorySwap.ofBytes(r.memorySwapBytes()),
                r.pidsLimit(), r.restart() == null ? null : RestartPolicy.parse(r.restart())));
    }

    /**
     * Live progress: the table's header, then one row per finished trial, with a bar over the trials and the
     * current trial's figures on a terminal. Tells {@code onRunId} the run's id.
     */
    private static final class LiveTable implements RunListener, AutoCloseable {
        private final PrintWriter out;
        private final Consumer<String> onRunId;
        private final ProgressDisplay display;
        private StatsSample previous;

        LiveTable(PrintWriter out, Consumer<String> onRunId) {
            this.out = out;
            this.onRunId = onRunId;
            this.display = new ProgressDisplay(out);
        }

        @Override
        public void runStarted(String runId, List<Trial> trials) {
            onRunId.accept(runId);
            out.printf("run %s: %d trial(s)%n%n", runId, trials.size());
            out.println(TrialTable.header());
            out.flush();
            display.runStarted(trials.size());
        }

        @Override
        public synchronized void trialStarted(Trial trial) {
            previous = null;
            display.trialStarted("#" + trial.index() + " " + trial.experiment().name(), trial.experiment().duration());
        }

        @Override
        public synchronized void sampled(Trial trial, StatsSample sample) {
            StringBuilder figures = new StringBuilder();
            if (previous != null && sample.read().isAfter(previous.read()) && sample.cpuTotalNs() >= previous.cpuTotalNs()) {
                double cores = (sample.cpuTotalNs() - previous.cpuTotalNs())
                        / (double) java.time.Duration.between(previous.read(), sample.read()).toNanos();
                figures.append(String.format(java.util.Locale.ROOT, "cpu %.2f  ", cores));
            }
            figures.append(String.format(java.util.Locale.ROOT, "mem %.1f MiB", sample.memoryUsageBytes() / 1048576.0));
            if (sample.pids() != null) {
                figures.append("  pids ").append(sample.pids());
            }
            previous = sample;
            display.update(figures.toString());
        }

        @Override
        public void confirmationStarted(List<Trial> confirmations) {
            out.println("confirmation: each workload once more under the recommended limits");
            out.flush();
        }

        @Override
        public void trialFinished(TrialResult result) {
            display.trialFinished(TrialTable.row(result));
        }

        @Override
        public void close() {
            display.close();
        }
    }
}
