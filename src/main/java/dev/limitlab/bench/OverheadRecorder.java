package dev.limitlab.bench;

import dev.limitlab.docker.DockerGateway;
import dev.limitlab.engine.RunListener;
import dev.limitlab.engine.Trial;
import dev.limitlab.metrics.StatsSample;
import dev.limitlab.metrics.TrialResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What limitlab adds around each trial of a run: from the call that creates the container to the first reading of
 * its counters, and from the call that stops it to its removal. The engine it {@link #wrap}s has its container
 * calls noted; as the run's listener it notes each trial's start, first reading and end.
 */
final class OverheadRecorder implements RunListener {
    /**
     * One trial's overhead, in seconds.
     *
     * @param setupS    create called → first sample received
     * @param teardownS stop called → container removed
     * @param excessS   the trial's whole wall time in the runner, less its configured duration
     */
    record TrialOverhead(int trial, double setupS, double teardownS, double excessS) {
        double totalS() {
            return setupS + teardownS;
        }

        /** From nanoTime marks; empty when one of the marks is missing (no sample came, or the trial failed). */
        static Optional<TrialOverhead> of(int trial, TimingContainers.Marks marks, long firstSample,
                                                    long started, long finished, Duration duration) {
            if (marks.createCalled() == 0 || marks.stopCalled() == 0 || marks.removed() == 0 || firstSample == 0) {
                return Optional.empty();
            }
            return Optional.of(new TrialOverhead(trial, seconds(firstSample - marks.createCalled()),
                    seconds(marks.removed() - marks.stopCalled()), seconds(finished - started - duration.toNanos())));
        }

        private static double seconds(long nanos) {
            return nanos / 1e9;
        }
    }

    private TimingContainers timing;
    private final Map<Integer, Long> started = new ConcurrentHashMap<>();
    private final Map<Integer, Long> firstSample = new ConcurrentHashMap<>();
    private final Map<Integer, Long> finished = new ConcurrentHashMap<>();
    private final Map<Integer, String> containers = new ConcurrentHashMap<>();
    private final Map<Integer, Duration> durations = new ConcurrentHashMap<>();

    /** The engine, its create, stop and remove calls timed; the run must go through it. */
    DockerGateway wrap(DockerGateway engine) {
        timing = new TimingContainers(engine);
        return engine.withContainers(timing);
    }

    @Override
    public void trialStarted(Trial trial) {
        started.put(trial.index(), System.nanoTime());
        durations.put(trial.index(), trial.experiment().duration());
    }

    @Override
    public void sampled(Trial trial, StatsSample sample) {
        firstSample.putIfAbsent(trial.index(), System.nanoTime());
    }

    @Override
    public void trialFinished(TrialResult result) {
        finished.put(result.trial(), System.nanoTime());
        containers.put(result.trial(), result.container());
    }

    /** Every finished trial's overhead, in trial order; trials with a mark missing are left out. */
    List<TrialOverhead> overheads() {
        List<TrialOverhead> overheads = new ArrayList<>();
        new TreeMap<>(finished).forEach((trial, end) -> TrialOverhead.of(trial, timing.marks(containers.get(trial)),
                firstSample.getOrDefault(trial, 0L), started.get(trial), end, durations.get(trial)).ifPresent(overheads::add));
        return overheads;
    }
}
