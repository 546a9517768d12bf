package dev.limitlab.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reduces one trial's raw readings to {@link TrialMetrics}. CPU totals are differences of the kernel's
 * cumulative counters over the measured window (consecutive differences telescope to last minus first),
 * never sums of rates; an interval across a restart (counters back to zero) is dropped because its start
 * is unknown. Memory, pids and OOM figures cover the whole trial, warm-up included: a kill is a kill.
 */
public final class TrialAggregator {
    static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    static final Duration BACKOFF_RESET_RUN = Duration.ofSeconds(10);
    private static final int SIGKILL_EXIT = 137;

    private TrialAggregator() {
    }

    /**
     * @param input everything one trial recorded
     */
    public static TrialMetrics aggregate(TrialInput input) {
        List<StatsSample> all = input.samples().stream().sorted(Comparator.comparing(StatsSample::read)).toList();
        List<StatsSample> window = all.stream()
                .filter(s -> input.measureFrom() == null || !s.read().isBefore(input.measureFrom())).toList();
        long wallNs = 0, cpuNs = 0, periods = 0, throttled = 0, throttledNs = 0;
        List<Double> intervalCores = new ArrayList<>();
        for (int i = 1; i < window.size(); i++) {
            StatsSample prev = window.get(i - 1), cur = window.get(i);
            long dWall = Duration.between(prev.read(), cur.read()).toNanos();
            if (dWall <= 0 || restartedBetween(prev, cur)) {
                continue;
            }
            long dCpu = cur.cpuTotalNs() - prev.cpuTotalNs();
            wallNs += dWall;
            cpuNs += dCpu;
            periods += cur.periods() - prev.periods();
            throttled += cur.throttledPeriods() - prev.throttledPeriods();
            throttledNs += cur.throttledTimeNs() - prev.throttledTimeNs();
            intervalCores.add((double) dCpu / dWall);
        }
        List<ContainerEvent> events = input.events().stream().sorted(Comparator.comparing(ContainerEvent::time)).toList();
        List<TrialMetrics.RunSpan> timeline = timeline(events);
        TrialMetrics.OomEvidence oom = oomEvidence(all, events, input.finalState());
        Integer lastExit = lastExitCode(events, input.finalState());
        boolean onFailure = input.restartPolicy() != null && input.restartPolicy().startsWith("on-failure");
        boolean gaveUp = onFailure && !input.finalState().running() && lastExit != null && lastExit != 0;
        List<WorkloadReport> measuredReports = input.reports().stream()
                .filter(r -> input.measureFrom() == null || !r.time().isBefore(input.measureFrom())).toList();
        Double throughput = measuredReports.stream().filter(r -> r.is("sample")).map(r -> r.number("opsPerSec"))
                .filter(Objects::nonNull).mapToDouble(Double::doubleValue).average().stream().boxed().findFirst().orElse(null);

        return new TrialMetrics(
                wallNs > 0 ? (double) cpuNs / wallNs : null,
                percentile(intervalCores, 0.95),
                periods > 0 ? (double) throttled / periods : null,
                wallNs > 0 && periods > 0 ? (double) throttledNs / wallNs : null,
                max(all, s -> s.memoryMaxUsageBytes() != null ? s.memoryMaxUsageBytes() : s.memoryUsageBytes()),
                max(all, StatsSample::workingSetBytes),
                max(all, StatsSample::memoryFailcnt),
                max(all, s -> s.pidsPeak() != null ? s.pidsPeak() : s.pids()),
                Math.max(oom.events(), Math.max(oom.deaths(), oom.cgroupCounter() == null ? 0 : oom.cgroupCounter().intValue())),
                oom,
                Math.max(Math.max(0, timeline.size() - 1), input.finalState().restartCount()),
                timeline,
                onFailure ? gaveUp : null,
                gaveUp && !timeline.isEmpty() ? timeline.get(timeline.size() - 1).died() : null,
                lastExit,
                throughput,
                input.reports().stream().map(r -> r.whole("rssBytes")).filter(Objects::nonNull).max(Long::compare).orElse(null),
                workloadFacts(input.reports()),
                input.sampler(),
                all.size(),
                new TrialMetrics.CounterTotals(cpuNs, periods, throttled, throttledNs, wallNs), null, null,
                Contention.of(window, periods > 0 || throughput != null), MemoryPressure.of(all));
    }

    private static boolean restartedBetween(StatsSample prev, StatsSample cur) {
        return cur.cpuTotalNs() < prev.cpuTotalNs() || cur.periods() < prev.periods();
    }

    private static Long max(List<StatsSample> samples, Function<StatsSample, Long> value) {
        return samples.stream().map(value).filter(Objects::nonNull).max(Long::compare).orElse(null);
    }

    /** Nearest-rank percentile; null for no values. */
    public static Double percentile(List<Double> values, double quantile) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(quantile * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    /**
     * The engine's restart manager: the first restart waits 100 ms, each next one twice as long, capped at
     * 60 s; a run that lasted 10 s or more resets the wait. {@code previous} is the wait before the last
     * restart (null before the first).
     */
    public static Duration expectedBackoff(Duration previous, Duration lastRun) {
        if (previous == null || lastRun.compareTo(BACKOFF_RESET_RUN) >= 0) {
            return FIRST_BACKOFF;
        }
        Duration doubled = previous.multipliedBy(2);
        return doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
    }

    private static List<TrialMetrics.RunSpan> timeline(List<ContainerEvent> events) {
        List<TrialMetrics.RunSpan> runs = new ArrayList<>();
        Instant started = null;
        Instant previousDeath = null;
        Duration previousRun = null;
        Duration backoff = null;
        Double delay = null;
        Double expected = null;
        for (ContainerEvent event : events) {
            if (event.is("start")) {
                if (started != null) { // a start with no death before it: close the open run as unknown
                    runs.add(new TrialMetrics.RunSpan(runs.size() + 1, started, null, null, null, delay, expected));
                }
                started = event.time();
                if (previousDeath != null) {
                    backoff = expectedBackoff(backoff, previousRun);
                    delay = seconds(Duration.between(previousDeath, started));
                    expected = seconds(backoff);
                }
            } else if (event.is("die") && started != null) {
                Duration run = Duration.between(started, event.time());
                runs.add(new TrialMetrics.RunSpan(runs.size() + 1, started, event.time(), event.exitCode(), seconds(run), delay, expected));
                previousDeath = event.time();
                previousRun = run;
                started = null;
            }
        }
        if (started != null) {
            runs.add(new TrialMetrics.RunSpan(runs.size() + 1, started, null, null, null, delay, expected));
        }
        return runs;
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    // Three signals, each imperfect: the oom event is best-effort across kernels; a death by SIGKILL (exit
    // 137; limitlab's own stop comes after the recorded events) or inspect's OOMKilled, which only the
    // last run keeps; the cgroup counter, which resets with every start and vanishes at exit, so it is
    // summed over the runs where it was read. The count taken is the largest of the three.
    private static TrialMetrics.OomEvidence oomEvidence(List<StatsSample> samples, List<ContainerEvent> events,
                                                        FinalState finalState) {
        int oomEvents = (int) events.stream().filter(e -> e.is("oom")).count();
        int killed = (int) events.stream().filter(e -> e.is("die") && Objects.equals(e.exitCode(), SIGKILL_EXIT)).count();
        int deaths = killed == 0 && finalState.oomKilled() ? 1 : killed;
        Long counter = null;
        long runMax = 0;
        StatsSample prev = null;
        for (StatsSample s : samples) {
            if (s.oomKillCounter() != null) {
                if (prev != null && restartedBetween(prev, s)) {
                    counter = (counter == null ? 0 : counter) + runMax;
                    runMax = 0;
                }
                runMax = Math.max(runMax, s.oomKillCounter());
                counter = counter == null ? 0L : counter;
            }
            prev = s;
        }
        if (counter != null) {
            counter += runMax;
        }
        return new TrialMetrics.OomEvidence(oomEvents, deaths, counter);
    }

    private static Integer lastExitCode(List<ContainerEvent> events, FinalState finalState) {
        return events.stream().filter(e -> e.is("die")).map(ContainerEvent::exitCode).filter(Objects::nonNull)
                .reduce((first, second) -> second)
                .orElse(finalState.running() ? null : finalState.exitCode());
    }

    private static TrialMetrics.WorkloadFacts workloadFacts(List<WorkloadReport> reports) {
        WorkloadReport start = reports.stream().filter(r -> r.is("start")).findFirst().orElse(null);
        WorkloadReport refused = reports.stream().filter(r -> r.is("refused")).reduce((a, b) -> b).orElse(null);
        WorkloadReport score = reports.stream().filter(r -> r.is("score")).reduce((a, b) -> b).orElse(null);
        Long threads = reports.stream().map(r -> r.whole("threadsStarted")).filter(Objects::nonNull).max(Long::compare).orElse(null);
        if (start == null && refused == null && score == null && threads == null) {
            return null;
        }
        return new TrialMetrics.WorkloadFacts(
                start == null || start.whole("availableProcessors") == null ? null : start.whole("availableProcessors").intValue(),
                start == null ? null : start.whole("maxHeapBytes"),
                start == null ? null : start.whole("containerMemoryLimitBytes"),
                threads == null ? null : threads.intValue(),
                refused == null ? null : refused.text("error"),
                score == null ? null : score.number("score"),
                score == null ? null : score.number("scoreError"),
                score == null ? null : score.text("scoreUnit"));
    }
}
