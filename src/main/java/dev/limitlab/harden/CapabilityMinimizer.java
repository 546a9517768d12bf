package dev.limitlab.harden;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds a 1-minimal subset of capabilities with which a command still succeeds, by deletion: starting from a
 * set that works, it tries to remove blocks of half the set, then of half that size, down to single members
 * (binary splitting, as in ddmin's complement step), keeping every removal that still works. It ends with a
 * pass that removes each member on its own, repeated until a pass removes nothing, so the result is checked to
 * be 1-minimal: it works, and without any one of its members it fails. With n candidates and k needed, this
 * takes about {@code 2k·log2(n/k) + 2k} probes when few are needed, and at most a few n when most are: 14
 * candidates take tens of runs, never the 2^14 of trying every subset. Probes are expected to be cached by the
 * caller, so a set is never run twice.
 */
final class CapabilityMinimizer {

    /** Runs (or looks up) the command with exactly these capabilities added; true when it succeeds. */
    interface Probe {
        boolean succeeds(List<String> capabilities, String purpose);
    }

    private CapabilityMinimizer() {
    }

    /**
     * A 1-minimal subset of {@code works}, in its order. {@code works} itself must be known to succeed; the
     * empty set should be known to fail (otherwise the result is empty).
     */
    static List<String> minimise(List<String> works, Probe probe) {
        List<String> current = new ArrayList<>(works);
        for (int block = Math.max(1, current.size() / 2); block > 1; block = (block + 1) / 2) {
            removeBlocks(current, block, probe);
        }
        // Single members, until one whole pass removes nothing: every member then failed without it, in the
        // very set returned.
        while (removeBlocks(current, 1, probe)) {
            // another pass: a removal may have changed the sets earlier members were tried in
        }
        return List.copyOf(current);
    }

    /** Tries to remove each consecutive block of {@code size} members in turn; true when any was removed. */
    private static boolean removeBlocks(List<String> current, int size, Probe probe) {
        boolean removed = false;
        int start = 0;
        while (start < current.size()) {
            List<String> block = List.copyOf(current.subList(start, Math.min(start + size, current.size())));
            List<String> without = new ArrayList<>(current);
            without.removeAll(block);
            String purpose = size == 1 ? "without " + block.get(0) : "without " + String.join(",", block);
            if (probe.succeeds(List.copyOf(without), purpose)) {
                current.removeAll(block);
                removed = true; // the next block now starts where this one did
            } else {
                start += size;
            }
        }
        return removed;
    }
}
