package dev.limitlab.scenario;

import dev.limitlab.format.Sizes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SizesTest {
    @ParameterizedTest
    @CsvSource({
            "0, 0", "512, 512", "512b, 512", "1k, 1024", "1KB, 1024", "1kib, 1024", "300k, 307200",
            "128m, 134217728", "128MiB, 134217728", "2g, 2147483648", "1.5g, 1610612736", "0.5k, 512",
            "0.3k, 307", // fractions of a byte are dropped, as docker does
    })
    void parses(String text, long bytes) {
        assertEquals(bytes, Sizes.parse(text));
    }

    @ParameterizedTest
    @CsvSource({
            "12XB, is not a size", "-1m, is negative", "m, is not a size", "1.m, is not a size", "1 m, is not a size",
            "'', is not a size", "9999999999g, is too large", "99999999999999999999999999999999999, is too long to be a size",
    })
    void refuses(String text, String reason) {
        assertEquals(reason, assertThrows(IllegalArgumentException.class, () -> Sizes.parse(text)).getMessage());
    }

    @ParameterizedTest
    @CsvSource({"0, 0b", "512, 512b", "307200, 300k", "134217728, 128m", "1610612736, 1.5g", "2147483648, 2g", "-1048576, -1m"})
    void formats(long bytes, String text) {
        assertEquals(text, Sizes.format(bytes));
    }

    @ParameterizedTest
    @ValueSource(strings = {"512b", "300k", "1.5k", "128m", "200m", "1.25m", "2g", "1.5g", "1.3g", "768m"})
    void roundTrips(String text) {
        long bytes = Sizes.parse(text);
        assertEquals(bytes, Sizes.parse(Sizes.format(bytes)));
        assertEquals(text, Sizes.format(bytes));
    }
}
