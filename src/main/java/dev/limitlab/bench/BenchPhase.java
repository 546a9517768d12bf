package dev.limitlab.bench;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The parts of the bench that can be run on their own ({@code --phases driver}); each target belongs to one, and
 * only the targets of the phases run are judged.
 */
enum BenchPhase {
    /** OOM-kill and crash loops: detection latency and restart delays. */
    DETECTION,
    /** Short trials by limitlab and by the docker CLI script. */
    OVERHEAD,
    /** A matrix at 100 ms and 1 s sampling: wall time, own CPU, CPU fidelity. */
    FIDELITY,
    /** The parallel scenario one at a time and with --parallel 2. */
    PARALLEL,
    /** The load driver against wrk on nginx: ceiling, latency overhead, memory. */
    DRIVER,
    /** One workload's --cpus three ways: the grid, the per-trial search, the in-place search. */
    SEARCH,
    /** The fidelity scenario twice, a CPU hog on the host beside half of its trials: are those, and only those, flagged. */
    DISTURBANCE;

    /** {@code driver}, as the option and the JSON spell it. */
    @JsonValue
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static BenchPhase of(String label) {
        return Arrays.stream(values()).filter(phase -> phase.label().equals(label.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("\"" + label + "\" is not a bench phase (phases: "
                        + Arrays.stream(values()).map(BenchPhase::label).collect(Collectors.joining(", ")) + ")"));
    }
}
