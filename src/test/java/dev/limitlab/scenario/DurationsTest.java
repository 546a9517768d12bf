package dev.limitlab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({"0, 0", "0s, 0", "200ms, 200000000", "1.5s, 1500000000", "10s, 10000000000", "2m, 120000000000",
            "1.5m, 90000000000", "1h, 3600000000000", "0.5ms, 500000"})
    void parses(String text, long nanos) {
        assertEquals(Duration.ofNanos(nanos), Durations.parse(text));
    }

    @ParameterizedTest
    @CsvSource({"10, is not a duration", "-1s, is negative", "1d, is not a duration", "1m30s, is not a duration",
            "'', is not a duration", "99999999h, is too large", "1S, is not a duration"})
    void refuses(String text, String reason) {
        assertEquals(reason, assertThrows(IllegalArgumentException.class, () -> Durations.parse(text)).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.5ms", "200ms", "1s", "1.5s", "90s", "2m", "1h", "1.234s"})
    void roundTrips(String text) {
        Duration duration = Durations.parse(text);
        assertEquals(text, Durations.format(duration));
        assertEquals(duration, Durations.parse(Durations.format(duration)));
    }

    @ParameterizedTest
    @CsvSource({"PT90M, 90m", "PT2H, 2h", "PT100S, 100s", "PT1.0004S, 1s", "PT-2S, -2s"})
    void formatsForPeople(String iso, String text) {
        assertEquals(text, Durations.format(Duration.parse(iso)));
    }
}
