package dev.limitlab.engine;

import dev.limitlab.scenario.Experiment;
import dev.limitlab.scenario.Limits;

/** One planned run of an experiment's workload under one configuration. {@code index} is 1-based. */
public record Trial(int index, Experiment experiment, Limits limits, int repeat) {
}
