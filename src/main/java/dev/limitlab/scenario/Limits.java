package dev.limitlab.scenario;

/**
 * Container limits as the docker CLI spells them. A null field means "not set" (the engine's default).
 *
 * @param cpus       {@code --cpus}, in cores
 * @param memory     {@code --memory}, in bytes
 * @param memorySwap {@code --memory-swap}
 * @param pidsLimit  {@code --pids-limit}
 * @param restart    {@code --restart}
 */
public record Limits(Double cpus, Long memory, MemorySwap memorySwap, Long pidsLimit, RestartPolicy restart) {
    public static final Limits NONE = new Limits(null, null, null, null, null);

    /** A copy where every field set in {@code top} replaces this one's. */
    public Limits overlay(Limits top) {
        return new Limits(
                top.cpus != null ? top.cpus : cpus,
                top.memory != null ? top.memory : memory,
                top.memorySwap != null ? top.memorySwap : memorySwap,
                top.pidsLimit != null ? top.pidsLimit : pidsLimit,
                top.restart != null ? top.restart : restart);
    }

    /** The engine's MemorySwap value in bytes (memory + swap), or null when unset; -1 is unlimited. */
    public Long memorySwapBytes() {
        return memorySwap == null ? null : memorySwap.resolve(memory);
    }

    public Limits withCpus(Double value) { return new Limits(value, memory, memorySwap, pidsLimit, restart); }
    public Limits withMemory(Long value) { return new Limits(cpus, value, memorySwap, pidsLimit, restart); }
    public Limits withMemorySwap(MemorySwap value) { return new Limits(cpus, memory, value, pidsLimit, restart); }
    public Limits withPidsLimit(Long value) { return new Limits(cpus, memory, memorySwap, value, restart); }
    public Limits withRestart(RestartPolicy value) { return new Limits(cpus, memory, memorySwap, pidsLimit, value); }
}
