package dev.limitlab.recommend;

import dev.limitlab.format.Notation;
import dev.limitlab.format.Sizes;
import dev.limitlab.metrics.SearchStep;
import dev.limitlab.metrics.TrialResult;

import java.util.ArrayList;
import java.util.List;

/** The path a limit search took, step by step, as evidence lines: where a searched number came from. */
final class SearchEvidence {
    private SearchEvidence() {
    }

    static List<String> cpus(List<TrialResult> trials, String experiment) {
        return path(trials, experiment, "cpus");
    }

    /** Every experiment's memory search, each line naming its experiment. */
    static List<String> memory(List<TrialResult> trials) {
        List<String> lines = new ArrayList<>();
        trials.stream().filter(t -> t.search() != null && t.search().resource().equals("memory"))
                .map(TrialResult::experiment).distinct()
                .forEach(experiment -> path(trials, experiment, "memory").forEach(line -> lines.add(experiment + ": " + line)));
        return lines;
    }

    private static List<String> path(List<TrialResult> trials, String experiment, String resource) {
        List<TrialResult> steps = trials.stream()
                .filter(t -> t.experiment().equals(experiment) && t.search() != null && t.search().resource().equals(resource))
                .toList();
        List<String> lines = new ArrayList<>();
        if (steps.isEmpty()) {
            return lines;
        }
        SearchStep first = steps.get(0).search();
        lines.add("searched " + resource + " " + spell(resource, first.precision()) + " apart, " + first.mode() + ", in "
                + steps.size() + " trial(s):");
        for (TrialResult trial : steps) {
            SearchStep step = trial.search();
            lines.add("  step " + step.step() + " (trial " + trial.trial() + "): " + resource + "=" + spell(resource, step.value())
                    + (step.passed() ? " passes" : " fails") + "; bracket " + bracket(resource, step.bracket()));
        }
        SearchStep last = steps.get(steps.size() - 1).search();
        lines.add(ending(resource, last));
        return lines;
    }

    private static String ending(String resource, SearchStep last) {
        if (last.ended() == null) {
            return "the search did not finish (the run ended during it): bracket " + bracket(resource, last.bracket());
        }
        return switch (last.ended()) {
            case PRECISION -> "bracket " + bracket(resource, last.bracket()) + " is within the precision "
                    + spell(resource, last.precision());
            case LOWEST_PASSES -> "the lowest value of the range passes: the boundary may lie lower";
            case NONE_PASSES -> "no value of the range passes, not even " + spell(resource, last.bracket().fails());
            case BUDGET -> "the budget ran out before the precision " + spell(resource, last.precision())
                    + " was reached: the answer lies in " + bracket(resource, last.bracket());
            case STOPPED -> "the search was stopped: bracket " + bracket(resource, last.bracket());
        };
    }

    private static String bracket(String resource, SearchStep.Bracket bracket) {
        return spell(resource, bracket.fails()) + " (fails) to " + spell(resource, bracket.passes()) + " (passes)";
    }

    private static String spell(String resource, Double value) {
        return value == null ? "?" : resource.equals("memory") ? Sizes.format(Math.round(value)) : Notation.plain(value);
    }
}
