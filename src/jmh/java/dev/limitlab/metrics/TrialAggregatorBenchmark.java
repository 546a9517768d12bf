package dev.limitlab.metrics;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The figures of one trial from what it recorded: a minute of cgroup readings every 100 ms (600 samples) of a
 * throttled CPU workload, its start event and the agent's 60 throughput lines, as at the end of every trial.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TrialAggregatorBenchmark {
    static final int SAMPLES = 600;
    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    private TrialInput input;

    @Setup
    public void record() {
        List<StatsSample> samples = new ArrayList<>();
        for (int i = 1; i <= SAMPLES; i++) {
            // half a core, every period throttled, 120 MiB resident
            samples.add(new StatsSample(T0.plusMillis(100L * i), 50_000_000L * i, i, i, 50_000_000L * i,
                    125_829_120L, 130_000_000L, 125_000_000L, 17L, 0L, 0L));
        }
        List<WorkloadReport> reports = new ArrayList<>();
        for (int s = 1; s <= SAMPLES / 10; s++) {
            reports.add(new WorkloadReport(T0.plusSeconds(s), "sample", Map.of("opsPerSec", 61_000.0 + s)));
        }
        input = new TrialInput(samples, Sampler.CGROUP, List.of(new ContainerEvent("c1", "start", T0, null, T0.plusMillis(2))),
                reports, new FinalState(true, 0, false, 0), T0, null);
    }

    @Benchmark
    public TrialMetrics aggregate() {
        return TrialAggregator.aggregate(input);
    }
}
