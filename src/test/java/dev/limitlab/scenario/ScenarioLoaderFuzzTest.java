package dev.limitlab.scenario;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Generated and damaged scenarios must only ever fail as a ScenarioException: one located line, never a stray runtime
 * exception. Seeds are fixed, so a failure reproduces; the mutant or file that failed is printed whole.
 */
@Timeout(20) // each half: 5,000 loads, a few seconds on a 2-core machine even when it is busy
class ScenarioLoaderFuzzTest {
    private static final int GENERATED = 5_000;
    private static final int MUTANTS = 5_000;
    private static final List<String> STRAY_LINES = List.of("privileged: true", "    privileged: true", "  - name: extra",
            "    workload: {kind: jmh, jar: nowhere.jar}", "recommend: {cpu-step: 0}", "      - {duration: 1s, workload: {kind: crash}}",
            "\t", "---", "%YAML 1.1", "    matrix: {cpus: [1, 1.0]}", "defaults: {duration: 0}");

    @Test
    void generatedScenariosFailOnlyWithScenarioException() {
        ScenarioGrammar grammar = new ScenarioGrammar(new Random(20240602L), 0.03);
        Tally tally = new Tally();
        for (int i = 0; i < GENERATED; i++) {
            tally.load("generated " + i, grammar.scenario());
        }
        // The junk rate leaves a fair share of each: both the loading and the refusing paths get exercised.
        assertTrue(tally.loaded > GENERATED / 10 && tally.refused > GENERATED / 10, tally.toString());
    }

    @Test
    void damagedExamplesFailOnlyWithScenarioException() throws IOException {
        List<String> originals = examples();
        Random random = new Random(20240601L);
        Tally tally = new Tally();
        for (int i = 0; i < MUTANTS; i++) {
            String mutant = originals.get(i % originals.size());
            for (int edits = 1 + random.nextInt(4); edits > 0; edits--) mutant = mutate(mutant, random);
            tally.load("mutant " + i, mutant);
        }
        assertTrue(tally.loaded > 0 && tally.refused > MUTANTS / 2, tally.toString());
    }

    /** Every scenario a user sees as an example, and the test fixtures. */
    static List<String> examples() throws IOException {
        List<String> texts = new ArrayList<>();
        for (Path directory : List.of(Path.of("scenarios"), Path.of("src/test/resources/scenarios"))) {
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) texts.add(Files.readString(file));
            }
        }
        assertTrue(texts.size() >= 5, "examples found: " + texts.size());
        return texts;
    }

    private static final class Tally {
        int loaded;
        int refused;

        void load(String what, String text) {
            try {
                ScenarioLoader.load("fuzz.yaml", new StringReader(text), ScenarioGrammar.HOST_CPUS);
                loaded++;
            } catch (ScenarioException e) {
                refused++;
                assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), () -> "message spans lines: " + e.getMessage());
                assertTrue(e.getMessage().startsWith("fuzz.yaml:"), e::getMessage);
                long lines = text.chars().filter(c -> c == '\n').count() + 1;
                assertTrue(e.line() >= 1 && e.line() <= lines && e.column() >= 1, () -> e.getMessage() + " is not inside the file:\n" + text);
            } catch (RuntimeException | IOException | StackOverflowError e) {
                fail(what + " escaped with " + e + "\n---\n" + text, e);
            }
        }

        @Override public String toString() {
            return "loaded " + loaded + ", refused " + refused;
        }
    }

    private static String mutate(String text, Random random) {
        if (text.length() < 2) return text + "x";
        return switch (random.nextInt(3)) {
            case 0 -> mutateCharacters(text, random);
            case 1 -> mutateLines(text, random);
            default -> mutateTokens(text, random);
        };
    }

    private static String mutateCharacters(String text, Random random) {
        StringBuilder chars = new StringBuilder(text);
        int at = random.nextInt(chars.length() - 1);
        switch (random.nextInt(3)) {
            case 0 -> chars.deleteCharAt(at);
            case 1 -> chars.insert(at, chars.charAt(at));
            default -> {
                char first = chars.charAt(at);
                chars.setCharAt(at, chars.charAt(at + 1));
                chars.setCharAt(at + 1, first);
            }
        }
        return chars.toString();
    }

    private static String mutateLines(String text, Random random) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int at = random.nextInt(lines.size());
        switch (random.nextInt(4)) {
            case 0 -> lines.remove(at);
            case 1 -> lines.add(at, lines.get(at));
            case 2 -> Collections.swap(lines, at, random.nextInt(lines.size()));
            default -> lines.add(at, STRAY_LINES.get(random.nextInt(STRAY_LINES.size())));
        }
        return String.join("\n", lines);
    }

    /** Swaps one word or number for one taken from elsewhere in the file, so values land under the wrong keys. */
    private static String mutateTokens(String text, Random random) {
        String[] tokens = text.split("(?<=[\\s,:{}\\[\\]])|(?=[\\s,:{}\\[\\]])");
        int at = random.nextInt(tokens.length);
        int from = random.nextInt(tokens.length);
        if (tokens[at].isBlank() || tokens[from].isBlank()) return text;
        tokens[at] = tokens[from];
        return String.join("", tokens);
    }
}
