package dev.limitlab.regression;

import dev.limitlab.metrics.TrialLimits;
import dev.limitlab.scenario.RegressionRules;

import static dev.limitlab.regression.Runs.MIB;
import static dev.limitlab.regression.Runs.cpus;
import static dev.limitlab.regression.Runs.memory;

/** A comparison with every verdict across three experiments: 9 pass, 1 fail, 3 missing, 3 errors, 5 new. */
final class Comparisons {
    static final TrialLimits CRASH = new TrialLimits(null, null, null, 1024L, "on-failure:3", null);

    private Comparisons() {
    }

    static Comparison everyVerdict() throws BaselineException {
        Baseline baseline = Baseline.of(Runs.run("20261127T020000Z-aaaa")
                .cpu(cpus(0.5), 50_000, 1, 0.5, 17 * MIB).cpu(cpus(1.0), 100_000, 1, 1, 17 * MIB)
                .memory(memory(256 * MIB), 189 * MIB, 0)
                .crash(CRASH, 3)
                .build());
        return Comparison.of(RegressionRules.DEFAULTS, baseline, "baselines/nightly.json", Runs.run("20261128T020000Z-bbbb")
                .cpu(cpus(0.5), 50_000, 1, 0.5, 17 * MIB)         // 5 pass
                .cpu(cpus(1.0), 50_000, 1, 0.5, 17 * MIB)         // throughput fails, 4 pass
                .cpu(cpus(2.0), 100_000, 0, 1, 17 * MIB)          // 5 new
                .failed("memory", "memory", memory(256 * MIB))    // 3 errors
                .build());                                        // crash-loop: 3 missing
    }
}
