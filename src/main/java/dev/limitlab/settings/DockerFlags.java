package dev.limitlab.settings;

import dev.limitlab.format.Notation;

import java.util.ArrayList;
import java.util.List;

/**
 * Container settings as {@code docker run} flags: the one spelling of every flag limitlab prints or runs.
 * Order: resources ({@code --cpus --memory --memory-swap --pids-limit --restart --cpuset-cpus}), then security
 * ({@code --cap-drop --cap-add... --security-opt... --read-only --user --network}); an unset setting has no flag.
 */
public final class DockerFlags {

    private DockerFlags() {
    }

    public static List<DockerFlag> of(ContainerSettings settings) {
        List<DockerFlag> flags = new ArrayList<>(resources(settings.resources()));
        flags.addAll(security(settings.security()));
        return flags;
    }

    public static List<DockerFlag> resources(ResourceSettings resources) {
        List<DockerFlag> flags = new ArrayList<>();
        if (resources.cpus() != null) {
            flags.add(new DockerFlag("--cpus", Notation.plain(resources.cpus())));
        }
        if (resources.memoryBytes() != null) {
            flags.add(new DockerFlag("--memory", Notation.exactSize(resources.memoryBytes())));
        }
        if (resources.memorySwapBytes() != null) {
            flags.add(new DockerFlag("--memory-swap", Notation.exactSize(resources.memorySwapBytes())));
        }
        if (resources.pidsLimit() != null) {
            flags.add(new DockerFlag("--pids-limit", Long.toString(resources.pidsLimit())));
        }
        if (resources.restart() != null) {
            flags.add(new DockerFlag("--restart", resources.restart().toString()));
        }
        if (resources.cpusetCpus() != null) {
            flags.add(new DockerFlag("--cpuset-cpus", resources.cpusetCpus()));
        }
        return flags;
    }

    public static List<DockerFlag> security(SecuritySettings security) {
        List<DockerFlag> flags = new ArrayList<>();
        if (security.capDropAll()) {
            flags.add(new DockerFlag("--cap-drop", "ALL"));
        }
        security.capAdd().forEach(capability -> flags.add(new DockerFlag("--cap-add", capability)));
        security.engineSecurityOpts().forEach(opt -> flags.add(DockerFlag.securityOpt(opt)));
        if (security.readOnlyRootfs()) {
            flags.add(DockerFlag.READ_ONLY);
        }
        if (security.user() != null) {
            flags.add(DockerFlag.user(security.user()));
        }
        if (!security.defaultNetwork()) {
            flags.add(new DockerFlag("--network", security.networkMode()));
        }
        return flags;
    }

    /** The flags as separate process arguments. */
    public static List<String> arguments(List<DockerFlag> flags) {
        return flags.stream().flatMap(flag -> flag.arguments().stream()).toList();
    }

    /** The flags as one would type them after {@code docker run}, space separated (values need no quoting). */
    public static String line(List<DockerFlag> flags) {
        return String.join(" ", arguments(flags));
    }
}
