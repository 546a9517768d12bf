package dev.limitlab.metrics;

import java.time.Instant;
import java.util.List;

/**
 * Everything one trial recorded, for {@link TrialAggregator}.
 *
 * @param measureFrom   start of the measured window (after warm-up); null measures everything
 * @param sampler       where the samples came from
 * @param restartPolicy the policy as the docker CLI spells it, e.g. {@code on-failure:3}; null for none
 */
public record TrialInput(List<StatsSample> samples, Sampler sampler, List<ContainerEvent> events,
                         List<WorkloadReport> reports, FinalState finalState, Instant measureFrom,
                         String restartPolicy) {
    public TrialInput {
        samples = List.copyOf(samples);
        events = List.copyOf(events);
        reports = List.copyOf(reports);
    }
}
