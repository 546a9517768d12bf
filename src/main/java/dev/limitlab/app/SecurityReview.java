package dev.limitlab.app;

import dev.limitlab.docker.DockerGateway;
import dev.limitlab.engine.RunContext;
import dev.limitlab.engine.WorkloadContainer;
import dev.limitlab.harden.HardenListener;
import dev.limitlab.harden.HardenReport;
import dev.limitlab.harden.HardenText;
import dev.limitlab.harden.Hardener;
import dev.limitlab.harden.SecurityRegression;
import dev.limitlab.scenario.Experiment;
import dev.limitlab.scenario.Scenario;
import dev.limitlab.scenario.SecurityCheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Each experiment's {@code security:} review ({@code limitlab harden} repeated with every run), in the run's own
 * context so that its locks cover the review's containers too.
 *
 * @param lines       what the reviews found, as printed and written to {@code security.txt}; empty without reviews
 * @param regressions every {@code expect:} the reviews contradict, {@code <experiment>: <difference>}
 */
public record SecurityReview(List<String> lines, List<String> regressions) {
    public static final String FILE_NAME = "security.txt";
    public static final SecurityReview NONE = new SecurityReview(List.of(), List.of());

    public SecurityReview {
        lines = List.copyOf(lines);
        regressions = List.copyOf(regressions);
    }

    /** Reviews every experiment that asks for it, and writes {@code security.txt} into {@code directory} if any did. */
    static SecurityReview of(DockerGateway engine, RunContext context, Scenario scenario, String agentImage, Path directory,
                             Clock clock) throws IOException {
        List<String> lines = new ArrayList<>();
        List<String> regressions = new ArrayList<>();
        for (Experiment experiment : scenario.experiments()) {
            if (experiment.security().isEmpty()) {
                continue;
            }
            SecurityCheck block = experiment.security().get();
            WorkloadContainer workload = WorkloadContainer.of(experiment.workload(), agentImage);
            HardenReport report = new Hardener(engine, HardenListener.NONE, clock)
                    .harden(SecurityRegression.request(block, workload.image(), workload.command()), context);
            lines.add("security review of experiment " + experiment.name() + ":");
            lines.addAll(HardenText.report(report));
            for (String difference : SecurityRegression.differences(block.expect(), report)) {
                regressions.add(experiment.name() + ": " + difference);
            }
        }
        if (lines.isEmpty()) {
            return NONE;
        }
        regressions.forEach(difference -> lines.add("SECURITY CHANGED " + difference));
        Files.write(directory.resolve(FILE_NAME), lines);
        return new SecurityReview(lines, regressions);
    }
}
