package dev.limitlab.harden;

import dev.limitlab.docker.EngineSecurity;

import java.util.List;
import java.util.Optional;

/**
 * Everything {@code limitlab harden} found: every run it made, the capabilities needed, each setting checked,
 * and the hardened {@code docker run} line (empty when the command never succeeded).
 *
 * @param runId the value of the {@code limitlab.run} label every container of this examination carried
 */
public record HardenReport(String runId, HardenRequest request, EngineSecurity engine, List<HardenRun> runs,
                           CapabilityFinding capabilities, List<FlagCheck> checks, Optional<DockerRunLine> line) {
    public HardenReport {
        runs = List.copyOf(runs);
        checks = List.copyOf(checks);
    }

    public HardenRun run(int number) {
        return runs.get(number - 1);
    }

    public Optional<FlagCheck> check(FlagCheck.Setting setting) {
        return checks.stream().filter(c -> c.setting() == setting).findFirst();
    }
}
