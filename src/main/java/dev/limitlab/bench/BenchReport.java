package dev.limitlab.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.limitlab.metrics.RecommendTargets;
import dev.limitlab.metrics.RunRecord;
import dev.limitlab.metrics.TrialAggregator;
import dev.limitlab.metrics.TrialMetrics;
import dev.limitlab.metrics.TrialResult;
import dev.limitlab.recommend.Recommender;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Everything one bench run measured, as {@code results/bench/<UTC timestamp>.json} holds it: one flat object of
 * figures (each section's fields at the top level), the targets with their verdicts, and each phase of the bench
 * with how busy the host was during it and where its run's raw files are. A figure that could not be measured is null;
 * the section of a phase not run ({@code --phases}) is null and left out, and its targets are not judged. The sections
 * are computed from what the runs recorded, with no engine, so they are unit-tested.
 */
record BenchReport(int schemaVersion, Instant measuredAt, String limitlabVersion, Host host,
                   double loadAverageAtStart, Double loadAverageAtEnd,
                   @JsonUnwrapped Overhead overhead, @JsonUnwrapped Matrix matrix, @JsonUnwrapped CliComparison cli,
                   @JsonUnwrapped SelfCpu selfCpu, @JsonUnwrapped Detection detection,
                   @JsonUnwrapped CpuFidelity cpuFidelity, @JsonUnwrapped RestartFidelity restartFidelity,
                   @JsonUnwrapped Parallel parallel, @JsonUnwrapped Driver driver, @JsonUnwrapped SearchComparison search,
                   @JsonUnwrapped Disturbance disturbance, List<BenchPhase> phasesRun, List<Target.Check> targets, Map<String, Phase> phases) {
    static final int SCHEMA_VERSION = 1;
    /** Load average above which the figures are likely disturbed by something else running. */
    static final double BUSY_LOAD = 1.0;
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    /** The engine's host. */
    record Host(int cpus, long memoryBytes, String engineVersion, String kernel, String cgroup) {
    }

    /**
     * One step of the bench. The host's busy CPU time covers everything on it: the trials' containers, limitlab, the
     * engine, and whatever else ran; more than the trials' limits and limitlab's own share add up to means something
     * else ran and may have disturbed the step.
     *
     * @param directory        the run's directory (null for the docker CLI script)
     * @param selfCores        this process's CPU time over the wall time
     * @param hostBusyCores    the host's busy CPU time, all CPUs, over the wall time
     */
    record Phase(String directory, double wallS, double selfCores, double hostBusyCores, double loadAverageAtEnd) {
    }

    /** Targets are judged once every figure is in, those of the phases in {@code phasesRun} only. */
    static BenchReport of(Instant measuredAt, String version, Host host, double loadAtStart, Double loadAtEnd,
                          Overhead overhead, Matrix matrix, CliComparison cli, SelfCpu selfCpu, Detection detection,
                          CpuFidelity cpuFidelity, RestartFidelity restartFidelity, Parallel parallel, Driver driver,
                          SearchComparison search, Disturbance disturbance,
                          Set<BenchPhase> phasesRun, Map<String, Phase> phases) {
        List<BenchPhase> run = List.copyOf(new TreeSet<>(phasesRun));
        BenchReport unjudged = new BenchReport(SCHEMA_VERSION, measuredAt, version, host, loadAtStart, loadAtEnd, overhead,
                matrix, cli, selfCpu, detection, cpuFidelity, restartFidelity, parallel, driver, search, disturbance, run,
                List.of(), phases);
        return new BenchReport(SCHEMA_VERSION, measuredAt, version, host, loadAtStart, loadAtEnd, overhead, matrix, cli,
                selfCpu, detection, cpuFidelity, restartFidelity, parallel, driver, search, disturbance, run,
                Target.judge(unjudged), phases);
    }

    List<Target.Check> missed() {
        return targets.stream().filter(check -> !check.pass()).toList();
    }

    void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    JsonNode toJson() {
        return JSON.valueToTree(this);
    }

    /**
     * What limitlab adds around a trial, over the overhead run's trials.
     *
     * @param setupMedianS       create called → first sample received
     * @param teardownMedianS    stop called → container removed
     * @param trialExcessMedianS a trial's whole time in the runner beyond its configured duration
     */
    record Overhead(int overheadTrials, Double perTrialOverheadMedianS, Double perTrialOverheadP95S,
                    Double setupMedianS, Double setupP95S, Double teardownMedianS, Double teardownP95S,
                    Double trialExcessMedianS) {
        static Overhead of(List<OverheadRecorder.TrialOverhead> trials) {
            return new Overhead(trials.size(),
                    median(trials, OverheadRecorder.TrialOverhead::totalS), p95(trials, OverheadRecorder.TrialOverhead::totalS),
                    median(trials, OverheadRecorder.TrialOverhead::setupS), p95(trials, OverheadRecorder.TrialOverhead::setupS),
                    median(trials, OverheadRecorder.TrialOverhead::teardownS), p95(trials, OverheadRecorder.TrialOverhead::teardownS),
                    median(trials, OverheadRecorder.TrialOverhead::excessS));
        }
    }

    /** A small matrix's wall time in the runner against the sum of its trials' configured durations. */
    record Matrix(double matrixWallS, double matrixDurationsS, Double matrixWallOverDurations) {
        static Matrix of(double wallS, List<Duration> durations) {
            double total = durations.stream().mapToLong(Duration::toNanos).sum() / 1e9;
            return new Matrix(wallS, total, total > 0 ? wallS / total : null);
        }
    }

    /**
     * The overhead run's trials, by limitlab and by the docker CLI script: wall times, and what each measured.
     *
     * @param limitlabSamples counter readings limitlab recorded over those trials (the ones its figures come from)
     * @param limitlabEvents  engine events it recorded (start, die, oom)
     * @param cliPolls        {@code docker inspect} calls the script made, each seeing state and exit code only
     */
    record CliComparison(double limitlabWallS, double cliWallS, Double wallVsCliRatio, Double cliSetupMedianS,
                         Double cliTeardownMedianS, int cliTrials, long limitlabSamples, long limitlabEvents, int cliPolls,
                         Map<String, String> measured) {
        static CliComparison of(double limitlabWallS, List<TrialResult> limitlab, long events, CliReference.Outcome cli) {
            long samples = limitlab.stream().map(TrialResult::metrics).filter(Objects::nonNull).mapToLong(TrialMetrics::samples).sum();
            Map<String, String> measured = new LinkedHashMap<>();
            measured.put("limitlab", "per trial: CPU used and its p95, throttled periods and time, memory peak and working set,"
                    + " pids, OOM kills (events, exit codes, cgroup counter), restarts with their delays, throughput;"
                    + " from " + samples + " counter readings and " + events + " engine events");
            measured.put("cli", "per trial: status, exit code, OOMKilled and RestartCount at the last of "
                    + cli.polls() + " docker inspect polls; no CPU, memory or event timeline");
            return new CliComparison(limitlabWallS, cli.wallS(), cli.wallS() > 0 ? limitlabWallS / cli.wallS() : null,
                    median(cli.trials(), CliReference.CliTrial::setupS), median(cli.trials(), CliReference.CliTrial::teardownS),
                    cli.trials().size(), samples, events, cli.polls(), measured);
        }
    }

    /** limitlab's own CPU time (its JVM, every thread) over a run's wall time, in % of one core. */
    record SelfCpu(Double selfCpuPctOfCore100ms, Double selfCpuPctOfCore1s) {
    }

    /** Engine event time → the time limitlab recorded the event, for oom and die events. */
    record Detection(int detectionEvents, Double detectionLatencyP50Ms, Double detectionLatencyP99Ms,
                     Double detectionLatencyMaxMs) {
        private static final ObjectMapper LINES = new ObjectMapper();

        static Detection of(List<Double> latenciesMs) {
            return new Detection(latenciesMs.size(), TrialAggregator.percentile(latenciesMs, 0.50),
                    TrialAggregator.percentile(latenciesMs, 0.99), latenciesMs.stream().max(Double::compare).orElse(null));
        }

        /** Latencies of the oom and die events among lines of events.jsonl ({@code {"trial": n, "record": {...}}}). */
        static List<Double> latenciesMs(List<String> eventLines) {
            List<Double> latencies = new ArrayList<>();
            for (String line : eventLines) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode event = LINES.readTree(line).path("record");
                    String action = event.path("action").asText();
                    if ((action.equals("oom") || action.equals("die")) && event.hasNonNull("recorded")) {
                        Duration latency = Duration.between(Instant.parse(event.path("time").asText()),
                                Instant.parse(event.path("recorded").asText()));
                        latencies.add(latency.toNanos() / 1e6);
                    }
                } catch (IOException | RuntimeException unreadable) {
                    throw new IllegalArgumentException("events.jsonl: cannot read \"" + line + "\": " + unreadable.getMessage(), unreadable);
                }
            }
            return latencies;
        }
    }

    /**
     * CPU used ÷ the {@code --cpus} limit of a saturating workload, per limit (repeats averaged), and the ratio
     * farthest from 1.
     */
    record CpuFidelity(Map<String, Double> cpuFidelityRatios, Double cpuFidelityWorstRatio) {
        static CpuFidelity of(List<TrialResult> trials) {
            Map<Double, List<Double>> used = new TreeMap<>();
            for (TrialResult trial : trials) {
                if (trial.limits().cpus() != null && trial.metrics() != null && trial.metrics().cpuUsedCores() != null) {
                    used.computeIfAbsent(trial.limits().cpus(), cpus -> new ArrayList<>()).add(trial.metrics().cpuUsedCores());
                }
            }
            return of(used);
        }

        /** From the cores each --cpus value's trials used. */
        static CpuFidelity of(Map<Double, List<Double>> used) {
            Map<String, Double> ratios = new LinkedHashMap<>();
            new TreeMap<>(used).forEach((cpus, cores) -> ratios.put(BigDecimal.valueOf(cpus).stripTrailingZeros().toPlainString(),
                    cores.stream().mapToDouble(Double::doubleValue).average().orElseThrow() / cpus));
            Double worst = ratios.values().stream().max(Comparator.comparingDouble(ratio -> Math.abs(ratio - 1))).orElse(null);
            return new CpuFidelity(ratios, worst);
        }
    }

    /**
     * One fidelity trial of the disturbance phase.
     *
     * @param run      1 or 2: the phase runs the fidelity scenario twice, hogging the odd trials, then the even ones
     * @param hogLoops busy loops beside it on the host (0: a quiet trial)
     * @param flagged  limitlab marked it disturbed
     */
    record DisturbedTrial(int run, int trial, Double cpus, int hogLoops, Double cpuUsedCores, Double runQueueWaitRatio,
                          Double hostBusyCores, boolean flagged) {
        static DisturbedTrial of(int run, TrialResult result, int hogLoops) {
            TrialMetrics m = result.metrics();
            return new DisturbedTrial(run, result.trial(), result.limits().cpus(), hogLoops, m == null ? null : m.cpuUsedCores(),
                    m == null || m.contention() == null ? null : m.contention().runQueueWaitRatio(),
                    m == null || m.contention() == null ? null : m.contention().hostBusyCores(), result.disturbed());
        }

        boolean hogged() {
            return hogLoops > 0;
        }
    }

    /**
     * Fidelity trials with a CPU hog on the host beside half of them: the share of hogged trials limitlab flagged
     * disturbed (target 1), of quiet ones it flagged (target 0), the quiet ones' CPU used over --cpus, and that of
     * the trials it did not flag, hogged or not (the figures a run would use: other load on the host included).
     */
    record Disturbance(List<DisturbedTrial> disturbanceTrials, Double disturbedFlaggedRatio, Double quietFlaggedRatio,
                       Map<String, Double> quietCpuRatios, Double quietCpuWorstRatio, Double unflaggedCpuWorstRatio) {
        static Disturbance of(List<DisturbedTrial> trials) {
            CpuFidelity quiet = cpuFidelity(trials.stream().filter(t -> !t.hogged()).toList());
            return new Disturbance(List.copyOf(trials), flaggedShare(trials, true), flaggedShare(trials, false),
                    quiet.cpuFidelityRatios(), quiet.cpuFidelityWorstRatio(),
                    cpuFidelity(trials.stream().filter(t -> !t.flagged()).toList()).cpuFidelityWorstRatio());
        }

        private static CpuFidelity cpuFidelity(List<DisturbedTrial> trials) {
            Map<Double, List<Double>> used = new TreeMap<>();
            trials.stream().filter(t -> t.cpus() != null && t.cpuUsedCores() != null)
                    .forEach(t -> used.computeIfAbsent(t.cpus(), cpus -> new ArrayList<>()).add(t.cpuUsedCores()));
            return CpuFidelity.of(used);
        }

        private static Double flaggedShare(List<DisturbedTrial> trials, boolean hogged) {
            List<DisturbedTrial> these = trials.stream().filter(t -> t.hogged() == hogged).toList();
            return these.isEmpty() ? null : these.stream().filter(DisturbedTrial::flagged).count() / (double) these.size();
        }
    }

    /** One restart: the delay the engine took (previous death → start) against its backoff model's wait. */
    record RestartDelay(int trial, int run, double delayS, double expectedBackoffS) {
        @JsonProperty
        public double excessS() {
            return delayS - expectedBackoffS;
        }
    }

    /**
     * Restart delays against the backoff model. The model is the wait alone; starting a container takes time on top,
     * so every delay should be at least the model's, by about a container start.
     */
    record RestartFidelity(List<RestartDelay> restartDelays, Double restartDelayExcessMedianS,
                           Double restartDelayExcessMaxS, Boolean restartDelaysAtLeastBackoff) {
        static RestartFidelity of(List<TrialResult> trials) {
            List<RestartDelay> delays = new ArrayList<>();
            for (TrialResult trial : trials) {
                if (trial.metrics() == null) {
                    continue;
                }
                for (TrialMetrics.RunSpan span : trial.metrics().restartTimeline()) {
                    if (span.delaySeconds() != null && span.expectedBackoffSeconds() != null) {
                        delays.add(new RestartDelay(trial.trial(), span.run(), span.delaySeconds(), span.expectedBackoffSeconds()));
                    }
                }
            }
            return new RestartFidelity(delays, median(delays, RestartDelay::excessS),
                    delays.stream().map(RestartDelay::excessS).max(Double::compare).orElse(null),
                    delays.isEmpty() ? null : delays.stream().allMatch(d -> d.excessS() >= 0));
        }
    }

    /** One trial run pinned beside another (--parallel) and alone, by its throughput. */
    record ParallelTrial(int trial, String configuration, String cpuset, Double sequentialOpsPerSec,
                         Double parallelOpsPerSec) {
        @JsonProperty
        public Double ratio() {
            return sequentialOpsPerSec == null || parallelOpsPerSec == null || sequentialOpsPerSec == 0
                    ? null : parallelOpsPerSec / sequentialOpsPerSec;
        }
    }

    /** The worst deviation is the largest |parallel ÷ sequential − 1| over the trials, null when one is missing. */
    record Parallel(List<ParallelTrial> parallelTrials, Double parallelThroughputWorstDeviation) {
        /** Pairs the trials of one scenario run twice, by trial number. */
        static Parallel of(List<TrialResult> sequential, List<TrialResult> parallel) {
            Map<Integer, TrialResult> alone = new TreeMap<>();
            sequential.forEach(trial -> alone.put(trial.trial(), trial));
            List<ParallelTrial> pairs = new ArrayList<>();
            for (TrialResult pinned : parallel.stream().sorted(Comparator.comparingInt(TrialResult::trial)).toList()) {
                TrialResult single = alone.get(pinned.trial());
                pairs.add(new ParallelTrial(pinned.trial(), pinned.limits().unpinned().label(), pinned.limits().cpuset(),
                        single == null ? null : throughput(single), throughput(pinned)));
            }
            Double worst = pairs.isEmpty() || pairs.stream().anyMatch(p -> p.ratio() == null) ? null
                    : pairs.stream().mapToDouble(p -> Math.abs(p.ratio() - 1)).max().orElseThrow();
            return new Parallel(pairs, worst);
        }

        private static Double throughput(TrialResult trial) {
            return trial.metrics() == null ? null : trial.metrics().throughputOpsPerSec();
        }
    }

    /** One run of a load tool in the driver phase: the load driver (in its container) or wrk (in nginx's namespace). */
    record DriverRound(int round, Tool tool, int connections, double requestsPerSec, Double p50Ms, long errors,
                       Long residentBytes, Long cgroupPeakBytes) {
        enum Tool {
            DRIVER, WRK;

            @JsonValue
            String label() {
                return name().toLowerCase(Locale.ROOT);
            }
        }

        /** A run of wrk: it has no memory of its own to report here. */
        static DriverRound wrk(int round, int connections, Wrk.Result result) {
            return new DriverRound(round, Tool.WRK, connections, result.requestsPerSec(), result.p50Ms(), result.errors(), null, null);
        }

        boolean by(Tool which) {
            return tool == which;
        }
    }

    /**
     * The load driver against wrk, on the same nginx container and endpoint, alternated round by round.
     *
     * @param driverEndpoint        what both tools requested, and from where
     * @param driverPinning         the CPUs nginx and the tools ran on
     * @param driverCeilingRounds   closed model, {@code driverCeilingConnections} connections each
     * @param driverOverheadRounds  closed model, one connection: latency with no queueing
     * @param driverVsWrkRatio      the driver's median req/s over the ceiling rounds ÷ wrk's
     * @param driverOverheadP50Ms   the driver's p50 on one connection (median over its rounds): its own cost per
     *                              request, plus loopback and nginx's, since the endpoint does no work
     * @param wrkOneConnectionP50Ms wrk's p50 in the same rounds, for comparison
     * @param driverResidentBytesMax the largest resident memory the driver reported at the end of a run (its summary)
     * @param driverCgroupPeakBytesMax the largest memory peak of the driver's container cgroup (null when unreadable)
     */
    record Driver(String driverEndpoint, String driverPinning, int driverCeilingConnections,
                  List<DriverRound> driverCeilingRounds, List<DriverRound> driverOverheadRounds,
                  Double driverRequestsPerSec, Double wrkRequestsPerSec, Double driverVsWrkRatio,
                  Double driverOverheadP50Ms, Double wrkOneConnectionP50Ms,
                  Long driverResidentBytesMax, Long driverCgroupPeakBytesMax, long driverErrors, long wrkErrors) {
        static Driver of(String endpoint, String pinning, int connections, List<DriverRound> ceiling, List<DriverRound> overhead) {
            Double driver = medianOf(ceiling, DriverRound.Tool.DRIVER, DriverRound::requestsPerSec);
            Double wrk = medianOf(ceiling, DriverRound.Tool.WRK, DriverRound::requestsPerSec);
            List<DriverRound> all = new ArrayList<>(ceiling);
            all.addAll(overhead);
            return new Driver(endpoint, pinning, connections, List.copyOf(ceiling), List.copyOf(overhead), driver, wrk,
                    driver == null || wrk == null || wrk == 0 ? null : driver / wrk,
                    medianOf(overhead, DriverRound.Tool.DRIVER, DriverRound::p50Ms),
                    medianOf(overhead, DriverRound.Tool.WRK, DriverRound::p50Ms),
                    largest(all, DriverRound::residentBytes), largest(all, DriverRound::cgroupPeakBytes),
                    errors(all, DriverRound.Tool.DRIVER), errors(all, DriverRound.Tool.WRK));
        }

        private static Double medianOf(List<DriverRound> rounds, DriverRound.Tool tool, Function<DriverRound, Double> figure) {
            return median(rounds.stream().filter(r -> r.by(tool)).map(figure).filter(Objects::nonNull).toList(), Double::doubleValue);
        }

        private static Long largest(List<DriverRound> rounds, Function<DriverRound, Long> figure) {
            return rounds.stream().map(figure).filter(Objects::nonNull).max(Long::compare).orElse(null);
        }

        private static long errors(List<DriverRound> rounds, DriverRound.Tool tool) {
            return rounds.stream().filter(r -> r.by(tool)).mapToLong(DriverRound::errors).sum();
        }
    }

    /**
     * One workload's --cpus found three ways: the grid of the search's precision, the per-trial search and the in-place
     * search; trials and wall time to an answer for each, and how far apart the answers (the recommended --cpus) lie.
     */
    record SearchComparison(Way grid, Way perTrial, Way inPlace, Integer searchTrialsToCpuAnswer, Double searchWallVsGrid,
                            Double inPlaceWallVsPerTrial, Double searchAnswersSpread) {
        /** One way to the answer: its trials, its wall time, and the --cpus it recommends (null: none). */
        record Way(int trials, double wallS, Double cpus) {
            static Way of(RunRecord run, double wallS) {
                return new Way(run.trials().size(), wallS, Recommender.recommend(run, RecommendTargets.DEFAULTS).cpus());
            }
        }

        static SearchComparison of(Way grid, Way perTrial, Way inPlace) {
            List<Double> answers = java.util.stream.Stream.of(grid, perTrial, inPlace).map(Way::cpus).toList();
            Double spread = answers.contains(null) ? null : answers.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
                    - answers.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            return new SearchComparison(grid, perTrial, inPlace, perTrial.trials(), perTrial.wallS() / grid.wallS(),
                    inPlace.wallS() / perTrial.wallS(), spread == null ? null : Math.round(spread * 1e6) / 1e6);
        }
    }

    /** Median by nearest rank, as run.json's percentiles are taken; null for no values. */
    static <T> Double median(List<T> values, ToDoubleFunction<T> figure) {
        return TrialAggregator.percentile(values.stream().map(figure::applyAsDouble).toList(), 0.50);
    }

    static <T> Double p95(List<T> values, ToDoubleFunction<T> figure) {
        return TrialAggregator.percentile(values.stream().map(figure::applyAsDouble).toList(), 0.95);
    }
}
