package dev.limitlab.search;

import dev.limitlab.engine.ScenarioRunner;
import dev.limitlab.metrics.RunStatus;
import dev.limitlab.scenario.Experiment;
import dev.limitlab.scenario.Limits;
import dev.limitlab.scenario.Scenario;
import dev.limitlab.scenario.Search;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the {@code search:} of every experiment of a scenario through a run's session: for each configuration of
 * the experiment's matrix (one, without a matrix), each searched limit in turn, CPU first. A CPU search in place
 * runs in one container where the engine updates limits in place; everything else in a container per trial.
 */
public final class Searches {
    private Searches() {
    }

    /** Every search's outcome, in order; stops early when the run is interrupted or loses its engine. */
    public static List<LimitSearch.Outcome> run(ScenarioRunner.Session session, Scenario scenario, Clock clock) {
        List<LimitSearch.Outcome> outcomes = new ArrayList<>();
        for (Experiment experiment : scenario.experiments()) {
            if (experiment.search().isEmpty()) {
                continue;
            }
            Search search = experiment.search().get();
            for (Limits base : experiment.configurations()) {
                for (Search.Range range : search.ranges()) {
                    if (session.record().status() != RunStatus.COMPLETE || Thread.currentThread().isInterrupted()) {
                        return outcomes;
                    }
                    outcomes.add(one(session, experiment, base, search, range, scenario, clock));
                }
            }
        }
        return outcomes;
    }

    private static LimitSearch.Outcome one(ScenarioRunner.Session session, Experiment experiment, Limits base, Search search,
                                           Search.Range range, Scenario scenario, Clock clock) {
        Search.Mode mode = search.modeOf(range);
        if (mode == Search.Mode.IN_PLACE && !session.updatesInPlace()) {
            mode = Search.Mode.PER_TRIAL; // e.g. Swarm: an update is a new task, so each step is a trial of its own
        }
        LimitSearch.Settings settings = new LimitSearch.Settings(range, mode.label(), experiment.repeat(), search.maxTrials(),
                search.maxTime());
        Objective objective = Objective.of(range.resource(), scenario.recommend());
        if (mode == Search.Mode.IN_PLACE) {
            try (ScenarioRunner.Session.InPlace container = session.inPlace(experiment, base)) {
                return LimitSearch.run(settings, objective, container::step, clock);
            }
        }
        return LimitSearch.run(settings, objective,
                (value, repeat, annotate) -> session.run(experiment, range.resource().apply(base, value), repeat, annotate), clock);
    }
}
