package dev.limitlab.scenario;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Randomly damaged scenarios must only ever fail as a ScenarioException: one located line, never a stray runtime exception. */
class ScenarioLoaderFuzzTest {
    private static final int MUTANTS = 600;

    @Test
    void damagedScenariosFailOnlyWithScenarioException() throws Exception {
        String original = Files.readString(Path.of("src/test/resources/scenarios/quickstart.yaml"));
        Random random = new Random(20240601L); // fixed, so a failure reproduces
        int loaded = 0;
        int refused = 0;
        for (int i = 0; i < MUTANTS; i++) {
            String mutant = original;
            for (int edits = 1 + random.nextInt(4); edits > 0; edits--) mutant = mutate(mutant, random);
            try {
                ScenarioLoader.load("fuzz.yaml", new StringReader(mutant));
                loaded++;
            } catch (ScenarioException e) {
                refused++;
                assertFalse(e.getMessage().contains("\n"), () -> "message spans lines: " + e.getMessage());
                assertTrue(e.line() >= 1 && e.column() >= 1, e::getMessage);
            } catch (RuntimeException e) {
                fail("mutant " + i + " escaped with " + e + "\n---\n" + mutant, e);
            }
        }
        assertTrue(loaded > 0 && refused > MUTANTS / 2, "loaded " + loaded + ", refused " + refused);
    }

    private static String mutate(String text, Random random) {
        if (text.length() < 2) return text + "x";
        return random.nextBoolean() ? mutateCharacters(text, random) : mutateLines(text, random);
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
        switch (random.nextInt(3)) {
            case 0 -> lines.remove(at);
            case 1 -> lines.add(at, lines.get(at));
            default -> Collections.swap(lines, at, random.nextInt(lines.size()));
        }
        return String.join("\n", lines);
    }
}
