package dev.limitlab.docker;

import java.util.List;
import java.util.Optional;

/**
 * The security features the engine applies to containers, from {@code docker info}'s SecurityOptions, e.g.
 * {@code name=seccomp,profile=default} and {@code name=apparmor}. A feature that is missing here is not
 * available on the engine's host (kernel without it, AppArmor not enabled), so a check of it must be skipped.
 */
public record EngineSecurity(List<String> options) {
    public EngineSecurity {
        options = List.copyOf(options);
    }

    /** The default seccomp profile's name ({@code default}, {@code builtin}, {@code unconfined} or a path), or empty without seccomp. */
    public Optional<String> seccompProfile() {
        return option("seccomp").map(o -> field(o, "profile").orElse("default"));
    }

    public boolean appArmor() {
        return option("apparmor").isPresent();
    }

    public boolean selinux() {
        return option("selinux").isPresent();
    }

    public boolean rootless() {
        return option("rootless").isPresent();
    }

    // Engines before 1.13 list bare names ("seccomp"); later ones "name=seccomp,profile=default".
    private Optional<String> option(String name) {
        return options.stream()
                .filter(o -> o.equals(name) || field(o, "name").filter(name::equals).isPresent())
                .findFirst();
    }

    private static Optional<String> field(String option, String key) {
        for (String part : option.split(",")) {
            int equals = part.indexOf('=');
            if (equals > 0 && part.substring(0, equals).strip().equals(key)) {
                return Optional.of(part.substring(equals + 1).strip());
            }
        }
        return Optional.empty();
    }
}
