package dev.limitlab.recommend;

import dev.limitlab.metrics.ConfigurationSummary;
import dev.limitlab.metrics.RepeatAggregator;
import dev.limitlab.metrics.RunRecord;

import java.util.List;

/** A run's configurations across repeats: as run.json has them, or summarised from its trials when it has none. */
public final class Configurations {
    private Configurations() {
    }

    public static List<ConfigurationSummary> of(RunRecord run) {
        return run.configurations().isEmpty() ? RepeatAggregator.summarise(run.trials()) : run.configurations();
    }
}
