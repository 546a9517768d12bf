package dev.limitlab.settings;

import java.util.List;

/**
 * One {@code docker run} flag with its value, or a switch ({@code --read-only}) when the value is null.
 */
public record DockerFlag(String name, String value) {
    public static final DockerFlag READ_ONLY = new DockerFlag("--read-only", null);
    public static final DockerFlag NO_NEW_PRIVILEGES = securityOpt(SecuritySettings.NO_NEW_PRIVILEGES);

    public DockerFlag {
        if (!name.startsWith("--")) {
            throw new IllegalArgumentException("flag " + name + " does not start with --");
        }
    }

    public static DockerFlag securityOpt(String value) {
        return new DockerFlag("--security-opt", value);
    }

    public static DockerFlag user(String value) {
        return new DockerFlag("--user", value);
    }

    /** As separate process arguments: {@code [--user, 65534:65534]}. */
    public List<String> arguments() {
        return value == null ? List.of(name) : List.of(name, value);
    }

    /** As one would type it: {@code --user 65534:65534}. */
    @Override
    public String toString() {
        return String.join(" ", arguments());
    }
}
