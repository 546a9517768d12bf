package dev.limitlab.report;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test run once per language tag, the root Locale and one that writes "0,5": a report must not change with the
 * default Locale. The test sets it from its argument; the one it found is put back after.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "default Locale {0}")
@ValueSource(strings = {"und", "de-DE"})
@ExtendWith(RestoresDefaultLocale.class)
@interface InEachLocale {
}
