package dev.limitlab.bench;

import dev.limitlab.engine.RunListener;
import dev.limitlab.engine.Trial;
import dev.limitlab.metrics.TrialResult;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Runs a {@link CpuHog} during the trials {@code hogged} picks (by trial number), sized to each trial's --cpus, and
 * remembers which trials ran beside one. Trials run one at a time here, unpinned: the trial's CPUs are the host's.
 */
final class DisturbanceListener implements RunListener, AutoCloseable {
    private final IntPredicate hogged;
    private final List<Integer> cpus;
    private final List<BenchReport.DisturbedTrial> observed = new ArrayList<>();
    private CpuHog hog;
    private int hogLoops;

    private final int run;

    /** For the phase's {@code run} (1 or 2), hogging the trials whose number {@code hogged} accepts. */
    DisturbanceListener(int run, IntPredicate hogged, int hostCpus) {
        this.run = run;
        this.hogged = hogged;
        this.cpus = IntStream.range(0, hostCpus).boxed().toList();
    }

    @Override
    public synchronized void trialStarted(Trial trial) {
        close();
        hogLoops = 0;
        if (hogged.test(trial.index()) && trial.limits().cpus() != null) {
            hog = CpuHog.start(CpuHog.loopsFor(trial.limits().cpus(), cpus.size()), cpus);
            hogLoops = hog.size();
        }
    }

    @Override
    public synchronized void trialFinished(TrialResult result) {
        close();
        observed.add(BenchReport.DisturbedTrial.of(run, result, hogLoops));
    }

    synchronized List<BenchReport.DisturbedTrial> observed() {
        return List.copyOf(observed);
    }

    /** Kills the running hog, if any (also when a run ends early). */
    @Override
    public synchronized void close() {
        if (hog != null) {
            try {
                hog.close();
            } finally {
                hog = null;
            }
        }
    }
}
