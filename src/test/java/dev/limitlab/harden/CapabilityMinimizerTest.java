package dev.limitlab.harden;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CapabilityMinimizerTest {
    private static final List<String> SPACE = Hardener.ENGINE_DEFAULT_CAPABILITIES;

    /** Counts distinct sets run, as the hardener's cache would. */
    private static final class CountingProbe implements CapabilityMinimizer.Probe {
        private final Predicate<Set<String>> works;
        private final Map<Set<String>, Boolean> runs = new HashMap<>();

        CountingProbe(Predicate<Set<String>> works) {
            this.works = works;
        }

        @Override
        public boolean succeeds(List<String> capabilities, String purpose) {
            return runs.computeIfAbsent(Set.copyOf(capabilities), works::test);
        }
    }

    private static Predicate<Set<String>> needsAll(Set<String> needed) {
        return set -> set.containsAll(needed);
    }

    @Test
    void findsExactlyTheCapabilitiesOfTheWorkedExample() {
        Set<String> needed = Set.of("CHOWN", "DAC_OVERRIDE", "FOWNER");
        CountingProbe probe = new CountingProbe(needsAll(needed));

        List<String> minimal = CapabilityMinimizer.minimise(SPACE, probe);

        assertEquals(List.of("CHOWN", "DAC_OVERRIDE", "FOWNER"), minimal, "in the search space's order");
        assertTrue(probe.runs.size() <= 14, "runs: " + probe.runs.size());
    }

    @Test
    void findsTheOnlyMinimalSetForEveryPossibleNeededSetInAtMost41Runs() {
        int[] most = new int[SPACE.size() + 1];
        for (int mask = 1; mask < 1 << SPACE.size(); mask++) {
            Set<String> needed = new HashSet<>();
            for (int i = 0; i < SPACE.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    needed.add(SPACE.get(i));
                }
            }
            CountingProbe probe = new CountingProbe(needsAll(needed));
            // the hardener has run these two before the search starts
            probe.runs.put(Set.of(), false);
            probe.runs.put(Set.copyOf(SPACE), true);

            List<String> minimal = CapabilityMinimizer.minimise(SPACE, probe);

            assertEquals(needed, Set.copyOf(minimal));
            most[needed.size()] = Math.max(most[needed.size()], probe.runs.size());
        }
        assertEquals(10, most[1], "one capability needed");
        assertEquals(22, most[3], "three needed, as in the worked example");
        assertEquals(41, Arrays.stream(most).max().orElseThrow(), "of 2^14 = 16384 subsets");
    }

    @Test
    void withAlternativesTheResultIsOneMinimal() {
        // works with CHOWN or FOWNER, and needs SETUID
        Predicate<Set<String>> works = set -> (set.contains("CHOWN") || set.contains("FOWNER")) && set.contains("SETUID");
        CountingProbe probe = new CountingProbe(works);

        List<String> minimal = CapabilityMinimizer.minimise(SPACE, probe);

        assertOneMinimal(minimal, works);
        assertEquals(2, minimal.size(), minimal.toString());
    }

    @Test
    void evenWhenMoreCapabilitiesCanBreakTheCommandTheResultIsCheckedOneMinimal() {
        // not monotone: KILL alone is fine, KILL with MKNOD breaks it; CHOWN is needed
        Predicate<Set<String>> works = set -> set.contains("CHOWN") && !(set.contains("MKNOD") && set.contains("KILL")
                && !set.contains("SETUID"));
        CountingProbe probe = new CountingProbe(works);

        List<String> minimal = CapabilityMinimizer.minimise(SPACE, probe);

        assertOneMinimal(minimal, works);
    }

    @Test
    void probesEverySetWithOneMemberRemovedFromTheResult() {
        Set<String> needed = Set.of("SETGID", "SETUID");
        CountingProbe probe = new CountingProbe(needsAll(needed));

        List<String> minimal = CapabilityMinimizer.minimise(SPACE, probe);

        for (String member : minimal) {
            Set<String> without = new HashSet<>(minimal);
            without.remove(member);
            assertEquals(Boolean.FALSE, probe.runs.get(without), "the set without " + member + " was run and failed");
        }
    }

    private static void assertOneMinimal(List<String> minimal, Predicate<Set<String>> works) {
        assertTrue(works.test(Set.copyOf(minimal)), "works with " + minimal);
        for (String member : minimal) {
            Set<String> without = new HashSet<>(minimal);
            without.remove(member);
            assertFalse(works.test(without), "fails without " + member);
        }
    }
}
