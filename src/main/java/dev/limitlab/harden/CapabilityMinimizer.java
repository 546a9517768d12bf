package dev.limitlab.harden;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds a 1-minimal subset of capabilities with which a command still succeeds, by deletion with binary
 * splitting: try the set without a block (first each half of the whole set); when the command still works the
 * block goes, otherwise the block holds something needed and each of its halves is tried the same way, down to
 * single members. A last pass then removes each remaining member on its own, repeated until a pass removes
 * nothing, so the result is checked to be 1-minimal: it works, and without any one of its members it fails.
 * Over the engine's 14 default capabilities, counting the runs with none and with all of them made before, a
 * command that needs one capability takes at most 10 runs, one that needs three at most 22, and any at most 41
 * (checked for every possible needed set): never the 2^14 = 16384 of trying every subset. The caller is
 * expected to cache probes, so that a set is never run twice.
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
        for (List<String> half : halves(works)) {
            removeIfUnneeded(current, half, probe);
        }
        // Single members, until one whole pass removes nothing: each member then failed without it in the very
        // set returned (a removal after a member was kept changes the set it must fail without).
        boolean removed = true;
        while (removed) {
            removed = false;
            for (String member : List.copyOf(current)) {
                removed |= removeIfUnneeded(current, List.of(member), probe);
            }
        }
        return List.copyOf(current);
    }

    /** Removes {@code block} when the command works without it, else tries its halves; true when anything went. */
    private static boolean removeIfUnneeded(List<String> current, List<String> block, Probe probe) {
        List<String> without = new ArrayList<>(current);
        without.removeAll(block);
        if (probe.succeeds(List.copyOf(without), "without " + String.join(",", block))) {
            current.removeAll(block);
            return true;
        }
        boolean removed = false;
        if (block.size() > 1) {
            for (List<String> half : halves(block)) {
                removed |= removeIfUnneeded(current, half, probe);
            }
        }
        return removed;
    }

    private static List<List<String>> halves(List<String> block) {
        int middle = (block.size() + 1) / 2;
        return List.of(List.copyOf(block.subList(0, middle)), List.copyOf(block.subList(middle, block.size())));
    }
}
