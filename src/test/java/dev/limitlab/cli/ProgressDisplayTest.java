package dev.limitlab.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressDisplayTest {
    private final StringWriter text = new StringWriter();
    private final Clock clock = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void withoutATerminalOnlyTheFinishedRowsArePrinted() {
        try (ProgressDisplay progress = new ProgressDisplay(new PrintWriter(text), false, 80, clock)) {
            progress.runStarted(2);
            progress.trialStarted("cpu cpus=0.5", Duration.ofSeconds(10));
            progress.update("0.50 cores, 100.0% throttled");
            progress.trialFinished("  1  cpu  cpus=0.5");
            progress.trialStarted("cpu cpus=1", Duration.ofSeconds(10));
            progress.trialFinished("  2  cpu  cpus=1");
        }

        assertEquals("  1  cpu  cpus=0.5\n  2  cpu  cpus=1\n", text.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void theEtaIsThePaceOfFinishedTrialsTimesTheTrialsLeftPlusWhatTheCurrentOneHasLeft() {
        MutableClock time = new MutableClock();
        try (ProgressDisplay progress = new ProgressDisplay(new PrintWriter(text), true, 120, time)) {
            progress.runStarted(4);
            progress.trialStarted("a", Duration.ofSeconds(10));
            time.advance(Duration.ofSeconds(12));
            progress.trialFinished("a");
            progress.trialStarted("b", Duration.ofSeconds(10));
            time.advance(Duration.ofSeconds(4));
            progress.update("figures");

            // 6 s left of b, then 2 trials at 12 s each
            assertEquals(Duration.ofSeconds(30), progress.eta(4));
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2025-03-01T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void onATerminalTheBarShowsTheCurrentTrialAndItsFiguresAndRowsArePrintedAboveIt() {
        try (ProgressDisplay progress = new ProgressDisplay(new PrintWriter(text), true, 120, clock)) {
            progress.runStarted(2);
            progress.trialStarted("cpu cpus=0.5", Duration.ofSeconds(10));
            progress.update("0.50 cores");
            progress.trialFinished("  1  cpu  cpus=0.5");
        }
        String screen = text.toString();

        assertTrue(screen.contains("trials"), screen);
        assertTrue(screen.contains("cpu cpus=0.5  0.50 cores"), screen);
        assertTrue(screen.contains("\r\u001b[K  1  cpu  cpus=0.5"), "the row replaces the bar's line: " + screen);
        assertTrue(screen.contains("1/2"), screen);
    }
}
