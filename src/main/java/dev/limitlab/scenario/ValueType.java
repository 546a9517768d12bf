package dev.limitlab.scenario;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How to read one YAML scalar as a {@code T}, and what to tell the user was expected when it is wrong.
 *
 * @param expected shown in parentheses after a problem, e.g. {@code examples: 512m, 2g}
 * @param parser   reads the scalar's text; throws IllegalArgumentException whose message says what is wrong
 *                 with the value, e.g. {@code is not a size}, or {@link Invalid} to replace {@code expected}
 */
record ValueType<T>(String expected, Function<String, T> parser) {

    /** A rejected value whose hint depends on the value itself, e.g. {@code did you mean "cpu"?}. */
    static final class Invalid extends IllegalArgumentException {
        final String hint;

        Invalid(String reason, String hint) {
            super(reason);
            this.hint = hint;
        }
    }

    /** This type, also refusing parsed values that fail {@code test}, with {@code reason} (e.g. "must be at least 1"). */
    ValueType<T> requiring(Predicate<T> test, String reason) {
        return new ValueType<>(expected, text -> {
            T value = parser.apply(text);
            if (!test.test(value)) throw new IllegalArgumentException(reason);
            return value;
        });
    }

    /** This type with its values turned into another's, e.g. bytes into a number for a search range. */
    <R> ValueType<R> map(Function<T, R> convert) {
        return new ValueType<>(expected, parser.andThen(convert));
    }

    /** This type with another hint, for when a key needs a more specific example. */
    ValueType<T> expecting(String otherExpected) {
        return new ValueType<>(otherExpected, parser);
    }
}
