package dev.limitlab.metrics;

import java.time.Instant;

/**
 * One line the workload agent printed on stdout, reduced to what the measurements use.
 *
 * @param type       start, sample, reached, end, exit or error
 * @param opsPerSec  cpu samples: operations per second over the agent's interval
 * @param rssBytes   memory samples: the agent's resident memory
 */
public record WorkloadReport(Instant time, String type, Double opsPerSec, Long ops, Long rssBytes) {
}
