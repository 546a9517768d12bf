package dev.limitlab.docker;

/**
 * One entry of the engine's container diff ({@code docker diff}): a path of the root filesystem that the
 * container added, changed or deleted. Paths on volumes and tmpfs mounts are not in it.
 */
public record FileChange(Kind kind, String path) {
    /** As {@code docker diff} prints them: A, C, D. */
    public enum Kind {
        ADDED("A"), CHANGED("C"), DELETED("D");

        private final String letter;

        Kind(String letter) {
            this.letter = letter;
        }

        public String letter() {
            return letter;
        }
    }

    @Override
    public String toString() {
        return kind.letter() + " " + path;
    }
}
