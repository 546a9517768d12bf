package dev.limitlab.cli;

import dev.limitlab.exit.ExitCode;

import dev.limitlab.recommend.RecommendationText;
import dev.limitlab.report.RunDirectory;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** {@code limitlab recommend <run>}: balanced limits from a finished run, each number with its evidence. */
@Command(name = "recommend", description = "Print balanced limits, each with its evidence, from a run's results.")
final class RecommendCommand extends RunReadingCommand {

    @Override
    int execute(RunDirectory directory, PrintWriter out) {
        out.println("run " + directory.run().runId() + " (" + directory.directory() + ")"
                + (directory.recommendationStored() ? "" : ": run.json has no recommendation; made now with the default targets"));
        out.println();
        out.print(RecommendationText.render(directory.recommendation()));
        return ExitCode.OK.code();
    }
}
