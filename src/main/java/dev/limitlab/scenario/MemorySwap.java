package dev.limitlab.scenario;

/**
 * {@code --memory-swap}: a size in bytes (memory + swap), {@code same} (= memory, so no swap and a
 * deterministic OOM kill), or {@code -1} (unlimited swap).
 */
public record MemorySwap(Kind kind, long bytes) {
    public enum Kind { BYTES, SAME_AS_MEMORY, UNLIMITED }

    public static final MemorySwap SAME = new MemorySwap(Kind.SAME_AS_MEMORY, 0);
    public static final MemorySwap UNLIMITED = new MemorySwap(Kind.UNLIMITED, -1);

    public static MemorySwap ofBytes(long bytes) { return new MemorySwap(Kind.BYTES, bytes); }

    /** The engine's value given the container's memory limit (null when that is unset and this is {@code same}). */
    public Long resolve(Long memory) {
        return switch (kind) {
            case BYTES -> bytes;
            case SAME_AS_MEMORY -> memory;
            case UNLIMITED -> -1L;
        };
    }

    @Override public String toString() {
        return switch (kind) {
            case BYTES -> Long.toString(bytes);
            case SAME_AS_MEMORY -> "same";
            case UNLIMITED -> "-1";
        };
    }
}
