package dev.limitlab.engine;

import dev.limitlab.scenario.Experiment;
import dev.limitlab.scenario.Limits;
import dev.limitlab.scenario.Scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * Expands a scenario into its trials: experiments in file order, each configuration repeated. An experiment with a
 * {@code search:} plans none: its search chooses its trials as it goes; nor does one with {@code isolation:}, which
 * runs its own phases.
 */
public final class TrialPlan {
    private TrialPlan() {
    }

    public static List<Trial> of(Scenario scenario) {
        List<Trial> trials = new ArrayList<>();
        for (Experiment experiment : scenario.experiments()) {
            if (experiment.search().isPresent() || experiment.isolation().isPresent()) {
                continue;
            }
            for (Limits limits : experiment.configurations()) {
                for (int repeat = 1; repeat <= experiment.repeat(); repeat++) {
                    trials.add(new Trial(trials.size() + 1, experiment, limits, repeat));
                }
            }
        }
        return List.copyOf(trials);
    }
}
