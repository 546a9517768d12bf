package dev.limitlab.search;

import dev.limitlab.metrics.SearchStep;
import dev.limitlab.metrics.TrialResult;
import dev.limitlab.recommend.SearchObjective;
import dev.limitlab.scenario.Search;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Finds one limit's boundary by trials, each chosen from the results so far. It tries the top of the range, then
 * brackets around the demand measured there (demand plus headroom, which should pass, and demand less headroom,
 * which should not), then bisects on the range's grid ({@code from + k * precision}) until the bracket is at most
 * {@code precision} wide. A value whose verdict lies within the noise is run again before the search moves on;
 * {@code repeat} trials run at every value. Every verdict is judged again on all trials so far, as the
 * objective's plateau moves with them.
 */
public final class LimitSearch {
    /**
     * How to search.
     *
     * @param mode      as run.json records it, {@code per-trial} or {@code in-place}
     * @param repeat    trials at each value
     * @param maxTrials at most this many trials
     * @param maxTime   at most this long, from the first trial's start
     */
    public record Settings(Search.Range range, String mode, int repeat, Optional<Integer> maxTrials, Optional<Duration> maxTime) {
        public Settings {
            if (repeat < 1) throw new IllegalArgumentException("repeat must be >= 1");
        }
    }

    /** The search's trials as recorded, its last bracket, and why it ended. */
    public record Outcome(List<TrialResult> trials, SearchStep.Bracket bracket, SearchStep.End ended) {
        public Outcome {
            trials = List.copyOf(trials);
        }
    }

    /** The next move: a value to try, or the end of the search. */
    private record Move(Double value, SearchStep.End end) {
        static Move to(double value) {
            return new Move(value, null);
        }

        static Move end(SearchStep.End end) {
            return new Move(null, end);
        }
    }

    private final Settings settings;
    private final Objective objective;
    private final Clock clock;
    private final List<TrialResult> trials = new ArrayList<>();
    private Instant startedAt;

    private LimitSearch(Settings settings, Objective objective, Clock clock) {
        this.settings = settings;
        this.objective = objective;
        this.clock = clock;
    }

    /** Runs the search to its end; a trial the engine failed stops it. */
    public static Outcome run(Settings settings, Objective objective, Probe probe, Clock clock) {
        return new LimitSearch(settings, objective, clock).run(probe);
    }

    private Outcome run(Probe probe) {
        startedAt = clock.instant();
        Move move = Move.to(settings.range().to());
        while (move.end() == null && !Thread.currentThread().isInterrupted()) {
            double value = move.value();
            int repeat = (int) trials.stream().filter(t -> valueOf(t) == value).count() + 1;
            // The next move is decided as the trial is recorded, so that its last step already says why the search ended.
            Move[] after = new Move[1];
            TrialResult recorded = probe.run(value, repeat, measured -> {
                List<TrialResult> soFar = new ArrayList<>(trials);
                soFar.add(measured);
                Map<Double, SearchObjective.Verdict> verdicts = objective.judge(soFar);
                after[0] = measured.error() != null ? Move.end(SearchStep.End.STOPPED) : withinBudget(next(soFar, verdicts), soFar.size());
                SearchObjective.Verdict verdict = verdicts.get(value);
                return measured.withSearch(new SearchStep(settings.range().resource().key(), settings.mode(), soFar.size(), value,
                        verdict != null && verdict.passed(), bracket(verdicts), settings.range().precision(), after[0].end()));
            });
            trials.add(recorded);
            move = after[0];
        }
        SearchStep last = trials.isEmpty() ? null : trials.get(trials.size() - 1).search();
        return new Outcome(trials, last == null ? new SearchStep.Bracket(null, null) : last.bracket(),
                move.end() == null ? SearchStep.End.STOPPED : move.end());
    }

    private Move withinBudget(Move move, int trialsRun) {
        if (move.end() != null) {
            return move;
        }
        boolean outOfTrials = settings.maxTrials().map(max -> trialsRun >= max).orElse(false);
        boolean outOfTime = settings.maxTime().map(max -> Duration.between(startedAt, clock.instant()).compareTo(max) >= 0).orElse(false);
        return outOfTrials || outOfTime ? Move.end(SearchStep.End.BUDGET) : move;
    }

    private Move next(List<TrialResult> soFar, Map<Double, SearchObjective.Verdict> verdicts) {
        Search.Range range = settings.range();
        double latest = valueOf(soFar.get(soFar.size() - 1));
        long atLatest = soFar.stream().filter(t -> valueOf(t) == latest).count();
        SearchObjective.Verdict latestVerdict = verdicts.get(latest);
        if (atLatest < settings.repeat()
                || (latestVerdict != null && latestVerdict.marginal() && atLatest < 2L * settings.repeat())) {
            return Move.to(latest); // the repeats of this value, or more of them when its verdict is within the noise
        }
        SearchStep.Bracket bracket = bracket(verdicts);
        if (bracket.passes() == null) {
            return Move.end(SearchStep.End.NONE_PASSES);
        }
        double passes = bracket.passes();
        if (bracket.fails() == null) {
            if (passes <= range.from()) {
                return Move.end(SearchStep.End.LOWEST_PASSES);
            }
            return Move.to(lower(soFar, verdicts, passes));
        }
        if (bracket.width() <= range.precision() + 1e-9) {
            return Move.end(SearchStep.End.PRECISION);
        }
        double middle = nearest((bracket.fails() + passes) / 2);
        if (middle <= bracket.fails() || middle >= passes) {
            return Move.end(SearchStep.End.PRECISION); // no point of the grid lies between
        }
        return Move.to(middle);
    }

    /**
     * The next value below the lowest that passes, with no failure yet: demand plus headroom, then demand less
     * headroom, then the bottom of the range.
     */
    private double lower(List<TrialResult> soFar, Map<Double, SearchObjective.Verdict> verdicts, double passes) {
        OptionalDouble demand = objective.demand(soFar);
        List<Double> guesses = new ArrayList<>();
        if (demand.isPresent()) {
            guesses.add(up(demand.getAsDouble() * (1 + objective.headroom())));
            guesses.add(down(demand.getAsDouble() * (1 - objective.headroom())));
        }
        for (double guess : guesses) {
            if (guess < passes && !verdicts.containsKey(guess)) {
                return guess;
            }
        }
        return settings.range().from();
    }

    /** The largest failing value, and the smallest passing value above it. */
    static SearchStep.Bracket bracket(Map<Double, SearchObjective.Verdict> verdicts) {
        Double fails = verdicts.entrySet().stream().filter(e -> !e.getValue().passed()).map(Map.Entry::getKey)
                .max(Double::compare).orElse(null);
        Double passes = verdicts.entrySet().stream().filter(e -> e.getValue().passed() && (fails == null || e.getKey() > fails))
                .map(Map.Entry::getKey).min(Double::compare).orElse(null);
        return new SearchStep.Bracket(fails, passes);
    }

    private double nearest(double value) {
        return onGrid(Math.round((value - settings.range().from()) / settings.range().precision()));
    }

    private double up(double value) {
        return onGrid(Math.ceil((value - settings.range().from()) / settings.range().precision() - 1e-9));
    }

    private double down(double value) {
        return onGrid(Math.floor((value - settings.range().from()) / settings.range().precision() + 1e-9));
    }

    /** The k-th point of the grid, kept inside the range and free of binary fractions. */
    private double onGrid(double k) {
        Search.Range range = settings.range();
        double value = Math.max(range.from(), Math.min(range.to(), range.from() + k * range.precision()));
        return range.resource() == Search.Resource.CPUS ? Math.round(value * 1e6) / 1e6 : Math.round(value);
    }

    private double valueOf(TrialResult trial) {
        return valueOf(trial, settings.range().resource());
    }

    /** The searched limit a trial ran with (cores, or bytes); NaN when it ran without one. */
    static double valueOf(TrialResult trial, Search.Resource resource) {
        Number value = resource == Search.Resource.CPUS ? trial.limits().cpus() : trial.limits().memory();
        return value == null ? Double.NaN : value.doubleValue();
    }
}
