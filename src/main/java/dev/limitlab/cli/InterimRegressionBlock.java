package dev.limitlab.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.limitlab.scenario.RegressionMetric;
import dev.limitlab.scenario.RegressionRule;
import dev.limitlab.scenario.RegressionRules;
import dev.limitlab.scenario.Scenario;
import dev.limitlab.scenario.ScenarioException;
import dev.limitlab.scenario.ScenarioLoader;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * INTERIM, delete-able: reads a scenario's top-level {@code regression:} block until ScenarioLoader parses it
 * itself. Then {@link ScenarioRun#load} calls {@code ScenarioLoader.load(file)} and this class goes.
 *
 * <p>The loader refuses keys it does not know, so the block is read here with Jackson YAML and blanked out of
 * the text (line breaks kept, so every line and column the loader reports stays right) before the rest goes
 * to the loader. Rule errors are located one-line {@link ScenarioException}s like the loader's.
 */
final class InterimRegressionBlock {
    private static final String KEY = "regression";
    private static final String EXPECTED = "expected a mapping of metric to tolerance such as {throughput: -10%, oom-kills: no-increase}";
    private static final YAMLFactory YAML = new YAMLFactory();

    private InterimRegressionBlock() {
    }

    static Scenario load(Path file) throws ScenarioException, IOException {
        String text;
        Block block;
        try {
            text = Files.readString(file);
            block = find(file.toString(), text);
        } catch (CharacterCodingException | JacksonException unreadable) {
            return ScenarioLoader.load(file); // names the problem, located, as for any scenario
        }
        if (block == null) {
            return ScenarioLoader.load(file);
        }
        return ScenarioLoader.load(file.toString(), new StringReader(block.blankedOutOf(text)))
                .withSource(file).withRegression(block.rules());
    }

    /** Where the block is, from its key to the next top-level key (or the end), and its rules. */
    private record Block(int start, int end, RegressionRules rules) {
        String blankedOutOf(String text) {
            StringBuilder blanked = new StringBuilder(text);
            for (int i = start; i < end; i++) {
                if (blanked.charAt(i) != '\n' && blanked.charAt(i) != '\r') {
                    blanked.setCharAt(i, ' ');
                }
            }
            return blanked.toString();
        }
    }

    private static Block find(String file, String text) throws IOException, ScenarioException {
        try (JsonParser parser = YAML.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                JsonLocation keyAt = parser.currentTokenLocation();
                boolean regression = parser.currentName().equals(KEY);
                JsonToken value = parser.nextToken();
                if (regression) {
                    RegressionRules rules = rules(file, parser, value);
                    return new Block(offset(text, keyAt), offset(text, parser.currentLocation()), rules);
                }
                parser.skipChildren();
            }
            return null;
        }
    }

    private static RegressionRules rules(String file, JsonParser parser, JsonToken block) throws IOException, ScenarioException {
        if (block != JsonToken.START_OBJECT) {
            throw error(file, parser.currentTokenLocation(), KEY + " " + describe(block, parser) + " (" + EXPECTED + ")");
        }
        List<RegressionRule> declared = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonLocation keyAt = parser.currentTokenLocation();
            JsonToken value = parser.nextToken();
            JsonLocation valueAt = parser.currentTokenLocation();
            if (!seen.add(key)) {
                throw error(file, keyAt, "duplicate key \"" + key + "\" in " + KEY + " (expected one rule per metric)");
            }
            if (!value.isScalarValue() || value == JsonToken.VALUE_NULL) {
                throw error(file, valueAt, KEY + "." + key + " " + describe(value, parser) + " (" + RegressionRule.EXPECTED + ")");
            }
            try {
                declared.add(RegressionRule.parse(key, parser.getText()));
            } catch (IllegalArgumentException bad) {
                JsonLocation at = RegressionMetric.byKey(key).isEmpty() ? keyAt : valueAt;
                throw error(file, at, KEY + "." + key + " " + bad.getMessage());
            }
        }
        return RegressionRules.overDefaults(declared);
    }

    private static String describe(JsonToken token, JsonParser parser) throws IOException {
        return switch (token) {
            case START_OBJECT -> "is a mapping";
            case START_ARRAY -> "is a list";
            case VALUE_NULL -> "has no value";
            default -> "is \"" + parser.getText() + "\"";
        };
    }

    private static ScenarioException error(String file, JsonLocation at, String problem) {
        return new ScenarioException(file, Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()), problem);
    }

    /** SnakeYAML counts code points; the text is indexed in chars. */
    private static int offset(String text, JsonLocation at) {
        int codePoints = (int) Math.min(at.getCharOffset(), text.codePointCount(0, text.length()));
        return text.offsetByCodePoints(0, codePoints);
    }
}
