package dev.limitlab.metrics;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * A constant that files spell as its lower-case name with hyphens ({@code ENGINE_LOST} is {@code engine-lost}):
 * run.json writes and reads it so, and reports show it so.
 */
public interface Spelled {
    String name();

    @JsonValue
    default String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
