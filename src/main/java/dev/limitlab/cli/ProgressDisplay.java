package dev.limitlab.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import me.tongfei.progressbar.ProgressState;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Live progress of a run on the terminal: a bar over the trials with an ETA, the current trial's label
 * and figures updating in place, and each finished trial's row printed above the bar. When the output is
 * not a terminal ({@code System.console() == null}: a pipe, a CI log) it prints only the finished rows.
 * Callers print the table's header themselves, before {@link #runStarted}.
 *
 * <p>Calls come from the thread running the trials and may interleave with the bar's own refresh thread;
 * every write to the terminal holds one lock.
 */
public final class ProgressDisplay implements AutoCloseable {
    private static final String CLEAR_LINE = "\r\u001b[K";
    private static final int UPDATE_MILLIS = 250;
    private static final int DEFAULT_WIDTH = 100;

    private final PrintWriter out;
    private final boolean interactive;
    private final int width;
    private final Clock clock;
    private final Object lock = new Object();

    private ProgressBar bar;
    private String label = "";
    private Instant trialStarted;
    private Duration trialExpected = Duration.ZERO;
    private Duration finishedTime = Duration.ZERO;
    private int finished;

    /** On {@code out}, with the bar only when the process has a terminal. */
    public ProgressDisplay(PrintWriter out) {
        this(out, System.console() != null, 0, Clock.systemUTC());
    }

    /**
     * @param width the terminal's width in columns; 0 asks the terminal
     */
    ProgressDisplay(PrintWriter out, boolean interactive, int width, Clock clock) {
        this.out = out;
        this.interactive = interactive;
        this.width = width;
        this.clock = clock;
    }

    public void runStarted(int trials) {
        if (!interactive) {
            return;
        }
        bar = new ProgressBarBuilder()
                .setTaskName("trials")
                .setInitialMax(trials)
                .setStyle(ProgressBarStyle.UNICODE_BLOCK)
                .setUpdateIntervalMillis(UPDATE_MILLIS)
                .setConsumer(new LineConsumer(width > 0 ? width : terminalWidth()))
                .continuousUpdate()
                .setEtaFunction(this::eta)
                .build();
    }

    /** A trial begins; {@code expected} is how long it should take (its duration), for the ETA. */
    public void trialStarted(String label, Duration expected) {
        synchronized (lock) {
            this.label = label;
            this.trialStarted = clock.instant();
            this.trialExpected = expected == null ? Duration.ZERO : expected;
        }
        if (bar != null) {
            bar.setExtraMessage(label);
            bar.refresh();
        }
    }

    /** The current trial's latest figures (e.g. CPU used, memory), shown next to the bar. */
    public void update(String currentFigures) {
        if (bar != null) {
            bar.setExtraMessage(label + "  " + currentFigures);
            bar.refresh();
        }
    }

    /** A trial ended: its row is printed (above the bar on a terminal) and the bar moves on. */
    public void trialFinished(String row) {
        synchronized (lock) {
            if (trialStarted != null) {
                finishedTime = finishedTime.plus(Duration.between(trialStarted, clock.instant()));
                trialStarted = null;
            }
            finished++;
            out.print(interactive ? CLEAR_LINE : "");
            out.println(row);
            out.flush();
        }
        if (bar != null) {
            bar.setExtraMessage("");
            bar.step();
            bar.refresh();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    // Finished trials give the pace; before the first one finishes, the current trial's expected duration does.
    private Optional<Duration> eta(ProgressState state) {
        return Optional.of(eta(state.getMax()));
    }

    Duration eta(long trials) {
        synchronized (lock) {
            Duration running = trialStarted == null ? Duration.ZERO : Duration.between(trialStarted, clock.instant());
            Duration current = trialStarted == null ? Duration.ZERO : positive(trialExpected.minus(running));
            long waiting = trials - finished - (trialStarted == null ? 0 : 1);
            Duration pace = finished > 0 ? finishedTime.dividedBy(finished) : trialExpected;
            return current.plus(pace.multipliedBy(Math.max(0, waiting)));
        }
    }

    private static Duration positive(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }

    private static int terminalWidth() {
        int columns = new ConsoleProgressBarConsumer(System.out).getMaxRenderedLength();
        return columns > 0 ? columns : DEFAULT_WIDTH;
    }

    /** Draws the bar in place on one line, under the same lock as the rows. */
    private final class LineConsumer implements ProgressBarConsumer {
        private final int maxLength;

        LineConsumer(int maxLength) {
            this.maxLength = maxLength;
        }

        @Override
        public int getMaxRenderedLength() {
            return maxLength;
        }

        @Override
        public void accept(String rendered) {
            synchronized (lock) {
                out.print(CLEAR_LINE + rendered);
                out.flush();
            }
        }

        @Override
        public void close() {
            synchronized (lock) {
                out.println();
                out.flush();
            }
        }
    }
}
