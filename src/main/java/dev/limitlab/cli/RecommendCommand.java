package dev.limitlab.cli;

import dev.limitlab.exit.ExitCode;
import dev.limitlab.metrics.RecommendTargets;
import dev.limitlab.metrics.Recommendation;
import dev.limitlab.recommend.RecommendationText;
import dev.limitlab.recommend.Recommender;
import dev.limitlab.report.RunDirectory;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * {@code limitlab recommend <run>}: balanced limits from a finished run, each number with its evidence: the
 * recommendation run.json recorded, or, when it has none, one made now with the default targets.
 */
@Command(name = "recommend", description = "Print balanced limits, each with its evidence, from a run's results.")
final class RecommendCommand extends RunReadingCommand {

    @Override
    int execute(RunDirectory directory, PrintWriter out) {
        Recommendation recorded = directory.run().recommendation();
        out.println("run " + directory.run().runId() + " (" + directory.directory() + ")"
                + (recorded != null ? "" : ": run.json has no recommendation; made now with the default targets"));
        out.println();
        out.print(RecommendationText.render(recorded != null ? recorded
                : Recommender.recommend(directory.run(), RecommendTargets.DEFAULTS)));
        return ExitCode.OK.code();
    }
}
