package dev.limitlab.cli;

import dev.limitlab.scenario.Durations;
import picocli.CommandLine;

import java.time.Duration;

/** Durations on the command line are spelled as in scenarios: 100ms, 1s, 1.5m. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException bad) {
            throw new CommandLine.TypeConversionException("\"" + value + "\" is not a duration (examples: 100ms, 1s)");
        }
    }
}
