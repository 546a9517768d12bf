package dev.limitlab.bench;

import dev.limitlab.cli.Main;
import dev.limitlab.app.Version;
import dev.limitlab.cli.VersionProvider;
import dev.limitlab.docker.ContainerSpec;
import dev.limitlab.docker.DockerGateway;
import dev.limitlab.docker.DockerJavaGateway;
import dev.limitlab.docker.EndpointResolver;
import dev.limitlab.docker.HostInfo;
import dev.limitlab.engine.AgentImage;
import dev.limitlab.format.Notation;
import dev.limitlab.engine.RunListener;
import dev.limitlab.engine.RunContext;
import dev.limitlab.engine.RunLocks;
import dev.limitlab.engine.RunOptions;
import dev.limitlab.engine.ScenarioRunner;
import dev.limitlab.engine.TrialPlan;
import dev.limitlab.metrics.RunStatus;
import dev.limitlab.metrics.TrialResult;
import dev.limitlab.report.Table;
import dev.limitlab.report.TextTable;
import dev.limitlab.scenario.Scenario;
import dev.limitlab.scenario.ScenarioException;
import dev.limitlab.scenario.ScenarioLoader;
import dev.limitlab.search.Searches;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * limitlab's own performance, measured in one go against a real engine ({@code scripts/bench.sh}): per-trial
 * overhead, a matrix's wall time, the same trials driven by the docker CLI, its own CPU time at two sampling
 * intervals, event detection latency, CPU and restart fidelity, pinned parallel trials against one at a time, and the
 * load driver against wrk ({@link DriverBench}); {@code --phases} runs some of them. Runs the scenarios of
 * {@code scenarios/bench/} in this JVM, prints a table and writes {@code results/bench/<UTC timestamp>.json}; the targets are judged there, and a missed one is reported, not hidden.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Measures limitlab's overhead, speed and fidelity against a real engine and the docker CLI, and its load driver against wrk.")
public final class Bench implements Callable<Integer> {
    private static final String BENCH_PREFIX = "bench-";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @Option(names = "--results", paramLabel = "DIR", defaultValue = "results",
            description = "Results root: the report goes to DIR/bench/<timestamp>.json, the runs to DIR/bench/runs/ (default: ${DEFAULT-VALUE}).")
    Path results;

    @Option(names = "--scenarios", paramLabel = "DIR", defaultValue = "scenarios/bench",
            description = "Where overhead.yaml, fidelity.yaml, detection.yaml, parallel.yaml and search.yaml are (default: ${DEFAULT-VALUE}).")
    Path scenarios;

    @Option(names = "--cli-script", paramLabel = "FILE", defaultValue = "scripts/bench-cli-reference.sh",
            description = "The docker CLI reference script (default: ${DEFAULT-VALUE}).")
    Path cliScript;

    @Option(names = "--phases", paramLabel = "PHASE", split = ",", converter = PhaseConverter.class,
            description = "Only these phases, comma-separated: detection, overhead, fidelity, parallel, driver, search, disturbance (default: all)."
                    + " Only their targets are judged.")
    List<BenchPhase> selected = List.of(BenchPhase.values());

    private final PrintWriter out = new PrintWriter(System.out, true);

    /** {@code driver} to {@link BenchPhase#DRIVER}, with the one-line message that names the phases. */
    static final class PhaseConverter implements CommandLine.ITypeConverter<BenchPhase> {
        @Override
        public BenchPhase convert(String value) {
            try {
                return BenchPhase.of(value);
            } catch (IllegalArgumentException unknown) {
                throw new CommandLine.TypeConversionException(unknown.getMessage()); // picocli prints it as it is
            }
        }
    }

    public static void main(String[] args) {
        System.exit(Main.execute(new Bench(), args));
    }

    /** One scenario run in this JVM: what it recorded, and how long it took and how busy this process and the host were. */
    private record PhaseRun(ScenarioRunner.Outcome outcome, BenchReport.Phase phase) {
        List<TrialResult> trials() {
            return outcome.run().trials();
        }
    }

    /** Where the clocks stood when a phase began: wall, this process's CPU, the host's busy CPU. */
    private record Meter(long wallNs, long selfNs, long hostBusyNs) {
        static Meter start() {
            return new Meter(System.nanoTime(), Proc.selfCpuNanos(), Proc.hostBusyNanos());
        }

        BenchReport.Phase stop(String directory) {
            long wall = System.nanoTime() - wallNs;
            return new BenchReport.Phase(directory, wall / 1e9, (double) (Proc.selfCpuNanos() - selfNs) / wall,
                    (double) (Proc.hostBusyNanos() - hostBusyNs) / wall, Proc.loadAverage());
        }
    }

    @Override
    public Integer call() throws IOException, ScenarioException {
        Set<BenchPhase> chosen = EnumSet.copyOf(selected);
        // Every chosen phase's scenarios load before anything runs, so that a bad one fails at once.
        Scenario overheadScenario = chosen.contains(BenchPhase.OVERHEAD) ? load("overhead") : null;
        Scenario fidelityScenario = chosen.contains(BenchPhase.FIDELITY) || chosen.contains(BenchPhase.DISTURBANCE)
                ? load("fidelity") : null;
        Scenario detectionScenario = chosen.contains(BenchPhase.DETECTION) ? load("detection") : null;
        Scenario parallelScenario = chosen.contains(BenchPhase.PARALLEL) ? load("parallel") : null;
        Scenario searchScenario = chosen.contains(BenchPhase.SEARCH) ? load("search") : null;
        Map<String, BenchReport.Phase> phases = new LinkedHashMap<>();
        Instant measuredAt;
        double loadAtStart;
        BenchReport report;
        try (DockerGateway engine = new DockerJavaGateway(EndpointResolver.fromSystem().resolve())) {
            String engineVersion = engine.ping();
            RunLocks locks = RunLocks.system();
            try (RunContext bench = RunContext.open(engine, locks, RunContext.EngineLock.WAIT, BENCH_PREFIX, Clock.systemUTC(), out::println)) {
                // Once no other limitlab run uses the engine, and before this one builds anything.
                measuredAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                loadAtStart = Proc.loadAverage();
                out.printf(Locale.ROOT, "load average at start: %.2f%n", loadAtStart);
                if (loadAtStart > BenchReport.BUSY_LOAD) {
                    out.printf(Locale.ROOT, "warning: load average %.2f is above %.1f: something else is running, and the"
                            + " figures may be disturbed%n", loadAtStart, BenchReport.BUSY_LOAD);
                }
                String image = new AgentImage(engine, Version.agentTag()).ensure(out::println);
                HostInfo hostInfo = engine.hostInfo();
                RunOptions options = RunOptions.defaults(results.resolve("bench").resolve("runs"), image, Version.CURRENT);

                // Sections of the phases not chosen stay null: left out of the JSON and the table.
                BenchReport.Detection detectionFigures = null;
                BenchReport.RestartFidelity restartFigures = null;
                if (detectionScenario != null) {
                    // First, as it measures nothing timed: it also warms this JVM up for the timed runs after it.
                    PhaseRun detection = run("detection", "detection (OOM and crash loops)", detectionScenario, engine, options, RunListener.NONE, phases);
                    detectionFigures = BenchReport.Detection.of(BenchReport.Detection.latenciesMs(eventLines(detection)));
                    restartFigures = BenchReport.RestartFidelity.of(detection.trials());
                }

                BenchReport.Overhead overheadFigures = null;
                BenchReport.CliComparison cliFigures = null;
                if (overheadScenario != null) {
                    OverheadRecorder recorder = new OverheadRecorder();
                    PhaseRun overhead = run("overhead", "overhead (short trials)", overheadScenario, recorder.wrap(engine), options, recorder, phases);
                    out.printf("the same trials by the docker CLI (%s)...%n", cliScript);
                    CliReference.Outcome cli = runCli(engine, overheadScenario, image, locks, phases);
                    overheadFigures = BenchReport.Overhead.of(recorder.overheads());
                    cliFigures = BenchReport.CliComparison.of(overhead.phase().wallS(), overhead.trials(), eventLines(overhead).size(), cli);
                }

                BenchReport.Matrix matrixFigures = null;
                BenchReport.SelfCpu selfCpuFigures = null;
                BenchReport.CpuFidelity cpuFigures = null;
                if (chosen.contains(BenchPhase.FIDELITY)) {
                    PhaseRun fidelity100ms = run("fidelity100ms", "fidelity, 100 ms sampling", fidelityScenario, engine, options, RunListener.NONE, phases);
                    PhaseRun fidelity1s = run("fidelity1s", "fidelity, 1 s sampling", fidelityScenario, engine,
                            options.withSampleInterval(Duration.ofSeconds(1)), RunListener.NONE, phases);
                    matrixFigures = BenchReport.Matrix.of(fidelity100ms.phase().wallS(), durations(fidelityScenario));
                    selfCpuFigures = new BenchReport.SelfCpu(100 * fidelity100ms.phase().selfCores(), 100 * fidelity1s.phase().selfCores());
                    cpuFigures = BenchReport.CpuFidelity.of(fidelity100ms.trials());
                }

                BenchReport.Parallel parallelFigures = null;
                if (parallelScenario != null) {
                    PhaseRun sequential = run("sequential", "parallel scenario, one at a time", parallelScenario, engine, options, RunListener.NONE, phases);
                    PhaseRun parallel = run("parallel", "parallel scenario, --parallel 2", parallelScenario, engine,
                            options.withParallel(2, false), RunListener.NONE, phases);
                    parallelFigures = BenchReport.Parallel.of(sequential.trials(), parallel.trials());
                }

                BenchReport.Driver driverFigures = chosen.contains(BenchPhase.DRIVER)
                        ? runDriver(engine, image, hostInfo.cpus(), locks, phases) : null;

                BenchReport.SearchComparison searchFigures = null;
                if (searchScenario != null) {
                    // The same workload's --cpus three ways, each a phase of its own so that each has its wall time.
                    BenchReport.SearchComparison.Way[] ways = new BenchReport.SearchComparison.Way[3];
                    String[] wayNames = {"grid", "per-trial", "in-place"};
                    for (int i = 0; i < ways.length; i++) {
                        Scenario way = searchScenario.withExperiments(List.of(searchScenario.experiments().get(i)));
                        PhaseRun searched = run("search-" + wayNames[i], "search scenario, " + wayNames[i], way, engine, options,
                                RunListener.NONE, phases, session -> Searches.run(session, way, Clock.systemUTC()));
                        ways[i] = BenchReport.SearchComparison.Way.of(searched.outcome().run(), searched.phase().wallS());
                    }
                    searchFigures = BenchReport.SearchComparison.of(ways[0], ways[1], ways[2]);
                }

                BenchReport.Disturbance disturbanceFigures = chosen.contains(BenchPhase.DISTURBANCE)
                        ? runDisturbance(fidelityScenario, engine, options, hostInfo.cpus(), phases) : null;

                BenchReport.Host host = new BenchReport.Host(hostInfo.cpus(), hostInfo.memoryBytes(), engineVersion,
                        System.getProperty("os.version"), Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")) ? "v2" : "v1");
                report = BenchReport.of(measuredAt, Version.CURRENT, host, loadAtStart, Proc.loadAverage(), overheadFigures,
                        matrixFigures, cliFigures, selfCpuFigures, detectionFigures, cpuFigures, restartFigures, parallelFigures,
                        driverFigures, searchFigures, disturbanceFigures, chosen, phases);
            }
        }
        out.println();
        table(report).forEach(out::println);
        Path file = results.resolve("bench").resolve(STAMP.format(measuredAt) + ".json");
        report.write(file);
        out.println();
        List<Target.Check> missed = report.missed();
        out.println(missed.isEmpty() ? "every target met" : missed.size() + " of " + report.targets().size() + " targets missed: "
                + String.join(", ", missed.stream().map(Target.Check::key).toList()));
        out.println("results: " + file);
        return 0;
    }

    private Scenario load(String name) throws IOException, ScenarioException {
        return ScenarioLoader.load(scenarios.resolve(name + ".yaml"));
    }

    private PhaseRun run(String key, String label, Scenario scenario, DockerGateway gateway, RunOptions options,
                         RunListener listener, Map<String, BenchReport.Phase> phases) {
        return run(key, label, scenario, gateway, options, listener, phases, session -> { });
    }

    /** A phase: the scenario's planned trials, then {@code more} in the same session (a search's). */
    private PhaseRun run(String key, String label, Scenario scenario, DockerGateway gateway, RunOptions options,
                         RunListener listener, Map<String, BenchReport.Phase> phases, Consumer<ScenarioRunner.Session> more) {
        out.printf("%s: %d planned trial(s)...%n", label, TrialPlan.of(scenario).size());
        Meter meter = Meter.start();
        ScenarioRunner.Outcome outcome = new ScenarioRunner(gateway, options, listener, Clock.systemUTC()).run(scenario, more);
        Path directory = Path.of("").toAbsolutePath().relativize(outcome.directory().toAbsolutePath());
        BenchReport.Phase phase = meter.stop(directory.toString());
        List<String> errors = outcome.run().trials().stream().filter(t -> t.error() != null)
                .map(t -> "trial " + t.trial() + ": " + t.error()).toList();
        if (outcome.run().status() != RunStatus.COMPLETE || !errors.isEmpty()) {
            throw new IllegalStateException(label + ": the run ended " + outcome.run().status().label()
                    + (errors.isEmpty() ? "" : ", " + String.join("; ", errors)) + " (see " + directory + ")");
        }
        phases.put(key, phase);
        out.println("  " + describe(phase) + ", " + directory);
        return new PhaseRun(outcome, phase);
    }

    /**
     * The fidelity scenario twice, with no reruns: a {@link CpuHog} beside the odd trials of the first run and the
     * even ones of the second, so that every --cpus value is measured once hogged and once quiet.
     */
    private BenchReport.Disturbance runDisturbance(Scenario fidelity, DockerGateway engine, RunOptions options, int hostCpus,
                                                   Map<String, BenchReport.Phase> phases) {
        List<BenchReport.DisturbedTrial> observed = new ArrayList<>();
        for (int pass = 1; pass <= 2; pass++) {
            int hoggedRemainder = pass % 2; // odd trials in pass 1, even ones in pass 2
            try (DisturbanceListener hogs = new DisturbanceListener(pass, trial -> trial % 2 == hoggedRemainder, hostCpus)) {
                run("disturbance" + pass, "disturbance, a CPU hog beside the " + (pass == 1 ? "odd" : "even") + " trials",
                        fidelity, engine, options.withReruns(0), hogs, phases);
                observed.addAll(hogs.observed());
            }
        }
        return BenchReport.Disturbance.of(observed);
    }

    /** The overhead trials by the CLI script, in a run context of their own, so that leftovers are reaped like a run's. */
    private CliReference.Outcome runCli(DockerGateway engine, Scenario scenario, String image, RunLocks locks,
                                        Map<String, BenchReport.Phase> phases) {
        try (RunContext context = RunContext.unlocked(engine, engine, locks, BENCH_PREFIX + "cli-", Clock.systemUTC())) {
            Meter meter = Meter.start();
            CliReference.Outcome cli = new CliReference(cliScript).run(scenario, image, scenario.experiments().get(0).hardening(),
                    context.runId(), ContainerSpec.RUN_LABEL);
            BenchReport.Phase phase = meter.stop(null);
            phases.put("cli", phase);
            out.printf(Locale.ROOT, "  %s, %d docker inspect poll(s)%n", describe(phase), cli.polls());
            return cli;
        }
    }

    /** The driver against wrk on nginx, in a run context of its own, so that its containers go with it. */
    private BenchReport.Driver runDriver(DockerGateway engine, String image, int hostCpus, RunLocks locks,
                                         Map<String, BenchReport.Phase> phases) {
        out.printf("driver: the load driver and wrk on %s, alternated...%n", DriverBench.NGINX_IMAGE);
        try (RunContext context = RunContext.unlocked(engine, engine, locks, BENCH_PREFIX + "driver-", Clock.systemUTC())) {
            Meter meter = Meter.start();
            BenchReport.Driver driver = new DriverBench(engine, context, image, hostCpus, out::println).run();
            BenchReport.Phase phase = meter.stop(null);
            phases.put("driver", phase);
            out.println("  " + describe(phase));
            return driver;
        }
    }

    private static String describe(BenchReport.Phase phase) {
        return String.format(Locale.ROOT, "%.1f s, host busy %.2f cores (limitlab %.2f), load average %.2f",
                phase.wallS(), phase.hostBusyCores(), phase.selfCores(), phase.loadAverageAtEnd());
    }

    private static List<Duration> durations(Scenario scenario) {
        return TrialPlan.of(scenario).stream().map(trial -> trial.experiment().duration()).toList();
    }

    private static List<String> eventLines(PhaseRun phase) {
        Path events = phase.outcome().directory().resolve("events.jsonl");
        try {
            return Files.exists(events) ? Files.readAllLines(events) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + events + ": " + e.getMessage(), e);
        }
    }

    /** The figures as printed: one row per figure, with its target and verdict when it has one; phases not run are left out. */
    static List<String> table(BenchReport r) {
        Map<String, Target.Check> checks = new LinkedHashMap<>();
        r.targets().forEach(check -> checks.put(check.key(), check));
        List<List<String>> rows = new ArrayList<>();
        BenchReport.Overhead overhead = r.overhead();
        if (overhead != null) {
            row(rows, checks, "perTrialOverheadMedianS", "per-trial overhead, median of " + overhead.overheadTrials(),
                    seconds(overhead.perTrialOverheadMedianS()));
            row(rows, checks, "", "per-trial overhead, p95", seconds(overhead.perTrialOverheadP95S()));
            row(rows, checks, "", "  create -> first sample, median", seconds(overhead.setupMedianS()));
            row(rows, checks, "", "  stop -> removed, median", seconds(overhead.teardownMedianS()));
        }
        if (r.matrix() != null) {
            row(rows, checks, "matrixWallOverDurations", String.format(Locale.ROOT, "matrix wall / sum of durations (%.1f s / %.0f s)",
                    r.matrix().matrixWallS(), r.matrix().matrixDurationsS()), ratio(r.matrix().matrixWallOverDurations()));
        }
        if (r.cli() != null) {
            row(rows, checks, "wallVsCliRatio", String.format(Locale.ROOT, "wall, limitlab / docker CLI (%.1f s / %.1f s)",
                    r.cli().limitlabWallS(), r.cli().cliWallS()), ratio(r.cli().wallVsCliRatio()));
        }
        if (r.selfCpu() != null) {
            row(rows, checks, "selfCpuPctOfCore100ms", "own CPU in % of a core, 100 ms sampling", percent(r.selfCpu().selfCpuPctOfCore100ms()));
            row(rows, checks, "", "own CPU in % of a core, 1 s sampling", percent(r.selfCpu().selfCpuPctOfCore1s()));
        }
        if (r.detection() != null) {
            row(rows, checks, "", "detection latency, p50", millis(r.detection().detectionLatencyP50Ms()));
            row(rows, checks, "detectionLatencyP99Ms", "detection latency, p99 of " + r.detection().detectionEvents() + " oom/die events",
                    millis(r.detection().detectionLatencyP99Ms()));
        }
        if (r.cpuFidelity() != null) {
            r.cpuFidelity().cpuFidelityRatios().forEach((cpus, value) -> row(rows, checks, "", "  CPU used / cpus at " + cpus, ratio(value)));
            row(rows, checks, "cpuFidelityWorstRatio", "CPU used / cpus, farthest from 1", ratio(r.cpuFidelity().cpuFidelityWorstRatio()));
        }
        BenchReport.RestartFidelity restarts = r.restartFidelity();
        if (restarts != null) {
            row(rows, checks, "", "restart delay - backoff model, median of " + restarts.restartDelays().size()
                    + (Boolean.FALSE.equals(restarts.restartDelaysAtLeastBackoff()) ? " (some shorter than the model)" : ""),
                    seconds(restarts.restartDelayExcessMedianS()));
        }
        if (r.parallel() != null) {
            r.parallel().parallelTrials().forEach(trial -> row(rows, checks, "", "  " + trial.configuration() + " on cpuset "
                    + trial.cpuset() + ": parallel / alone", ratio(trial.ratio())));
            Double deviation = r.parallel().parallelThroughputWorstDeviation();
            row(rows, checks, "parallelThroughputWorstDeviation", "parallel throughput, worst deviation", percent(deviation == null ? null : deviation * 100));
        }
        BenchReport.Driver driver = r.driver();
        if (driver != null) {
            row(rows, checks, "", String.format(Locale.ROOT, "  driver / wrk req/s, median, %d connections", driver.driverCeilingConnections()),
                    perSecond(driver.driverRequestsPerSec()) + " / " + perSecond(driver.wrkRequestsPerSec()));
            row(rows, checks, "", "  per round, lowest-highest, driver / wrk", range(driver, BenchReport.DriverRound.Tool.DRIVER)
                    + " / " + range(driver, BenchReport.DriverRound.Tool.WRK));
            row(rows, checks, "driverVsWrkRatio", "load driver req/s / wrk req/s", ratio(driver.driverVsWrkRatio()));
            row(rows, checks, "", "driver latency p50, 1 connection (wrk's)",
                    millis3(driver.driverOverheadP50Ms()) + " (" + millis3(driver.wrkOneConnectionP50Ms()) + ")");
            row(rows, checks, "", "driver resident memory, max (cgroup peak)",
                    mebibytes(driver.driverResidentBytesMax()) + " (" + mebibytes(driver.driverCgroupPeakBytesMax()) + ")");
            row(rows, checks, "", "failed requests, driver / wrk", driver.driverErrors() + " / " + driver.wrkErrors());
        }
        BenchReport.SearchComparison search = r.search();
        if (search != null) {
            row(rows, checks, "searchTrialsToCpuAnswer", String.format(Locale.ROOT, "search: trials to a --cpus answer (grid %d, in place %d)",
                    search.grid().trials(), search.inPlace().trials()), String.valueOf(search.searchTrialsToCpuAnswer()));
            row(rows, checks, "searchWallVsGrid", String.format(Locale.ROOT, "search wall / grid wall (%.1f s / %.1f s)",
                    search.perTrial().wallS(), search.grid().wallS()), ratio(search.searchWallVsGrid()));
            row(rows, checks, "inPlaceWallVsPerTrial", String.format(Locale.ROOT, "in-place wall / per-trial wall (%.1f s / %.1f s)",
                    search.inPlace().wallS(), search.perTrial().wallS()), ratio(search.inPlaceWallVsPerTrial()));
            row(rows, checks, "searchAnswersSpread", "--cpus answers, grid / per-trial / in place: " + cpus(search.grid().cpus()) + " / "
                    + cpus(search.perTrial().cpus()) + " / " + cpus(search.inPlace().cpus()) + ", spread", ratio(search.searchAnswersSpread()));
        }
        BenchReport.Disturbance disturbance = r.disturbance();
        if (disturbance != null) {
            disturbance.disturbanceTrials().forEach(t -> row(rows, checks, "", String.format(Locale.ROOT,
                    "  cpus %s, %s: wait %s, host %s cores", cpus(t.cpus()), t.hogged() ? t.hogLoops() + " hog loops" : "quiet",
                    ratio(t.runQueueWaitRatio()), ratio(t.hostBusyCores())),
                    (t.flagged() ? "flagged" : "clean") + ", used " + ratio(t.cpuUsedCores())));
            row(rows, checks, "disturbedFlaggedRatio", "hogged trials flagged disturbed", ratio(disturbance.disturbedFlaggedRatio()));
            row(rows, checks, "quietFlaggedRatio", "quiet trials flagged disturbed", ratio(disturbance.quietFlaggedRatio()));
            disturbance.quietCpuRatios().forEach((cpus, value) -> row(rows, checks, "", "  quiet CPU used / cpus at " + cpus, ratio(value)));
            row(rows, checks, "quietCpuWorstRatio", "quiet CPU used / cpus, farthest from 1", ratio(disturbance.quietCpuWorstRatio()));
            row(rows, checks, "unflaggedCpuWorstRatio", "unflagged CPU used / cpus, farthest from 1", ratio(disturbance.unflaggedCpuWorstRatio()));
        }
        Table table = new Table(List.of("figure", "measured", "target", ""), List.of(false, true, false, false), rows);
        List<String> lines = new ArrayList<>(TextTable.render(table, ""));
        if (r.cli() != null) {
            r.cli().measured().forEach((who, what) -> lines.add(who + " measured " + what));
        }
        if (driver != null) {
            lines.add("driver phase: " + driver.driverEndpoint() + "; " + driver.driverPinning());
        }
        return lines;
    }

    private static void row(List<List<String>> rows, Map<String, Target.Check> checks, String key, String figure, String value) {
        Target.Check check = checks.get(key);
        rows.add(List.of(figure, value, check == null ? "" : check.target(), check == null ? "" : check.pass() ? "met" : "MISSED"));
    }

    private static String seconds(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.3f s", value);
    }

    private static String cpus(Double value) {
        return value == null ? "none" : Notation.plain(value);
    }

    private static String millis(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.1f ms", value);
    }

    private static String millis3(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.3f ms", value);
    }

    private static String perSecond(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.0f", value);
    }

    /** The spread of one tool's ceiling rounds: how much the host disturbed them. */
    private static String range(BenchReport.Driver driver, BenchReport.DriverRound.Tool tool) {
        DoubleSummaryStatistics perSec = driver.driverCeilingRounds().stream().filter(r -> r.by(tool))
                .mapToDouble(BenchReport.DriverRound::requestsPerSec).summaryStatistics();
        return perSec.getCount() == 0 ? "-" : perSecond(perSec.getMin()) + "-" + perSecond(perSec.getMax());
    }

    private static String mebibytes(Long bytes) {
        return bytes == null ? "-" : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }

    private static String ratio(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String percent(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.2f %%", value);
    }
}
