package dev.limitlab.harden;

import java.util.List;

/**
 * What the capability search found. {@code add} is empty unless the verdict is {@link Verdict#MINIMAL_SET}.
 *
 * @param noCapabilityRun the run with {@code --cap-drop ALL} and nothing added
 * @param defaultSetRun   the run with the engine's whole default set added back; null when not needed
 * @param needed          for each member of {@code add}, the run that failed without it (and only it)
 */
public record CapabilityFinding(Verdict verdict, List<String> add, int noCapabilityRun, Integer defaultSetRun,
                                List<Needed> needed) {
    /** What the search concluded. */
    public enum Verdict {
        /** The command works with every capability dropped. */
        NONE_NEEDED,
        /** It fails with none, works with the engine's default set, and with {@code add}, a 1-minimal subset. */
        MINIMAL_SET,
        /** It fails even with the engine's whole default set: capabilities are not what stops it. */
        NOT_CAPABILITIES
    }

    /** A member of the minimal set and the run that failed with the set minus this member. */
    public record Needed(String capability, int failedWithoutRun) {
    }

    public CapabilityFinding {
        add = List.copyOf(add);
        needed = List.copyOf(needed);
    }
}
