package dev.limitlab.settings;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Container settings as {@code docker run} flags: the one spelling of every flag limitlab prints or runs.
 * Order: resources ({@code --cpus --memory --memory-swap --pids-limit --restart --cpuset-cpus}), then security
 * ({@code --cap-drop --cap-add... --security-opt... --read-only --user --network}); an unset setting has no flag.
 */
public final class DockerFlags {
    private static final long KIB = 1L << 10, MIB = 1L << 20, GIB = 1L << 30;

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
            flags.add(new DockerFlag("--cpus", decimal(resources.cpus())));
        }
        if (resources.memoryBytes() != null) {
            flags.add(new DockerFlag("--memory", size(resources.memoryBytes())));
        }
        if (resources.memorySwapBytes() != null) {
            flags.add(new DockerFlag("--memory-swap", size(resources.memorySwapBytes())));
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

    /** A decimal with no trailing zeros, as the docker CLI takes it: {@code 0.75}, {@code 2}. */
    public static String decimal(double value) {
        return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /**
     * Bytes in the largest docker unit that divides them exactly ({@code 192m}, {@code 2g}), so a flag means
     * exactly that number of bytes; plain bytes otherwise ({@code -1} stays {@code -1}).
     */
    public static String size(long bytes) {
        if (bytes != 0 && bytes % GIB == 0) {
            return bytes / GIB + "g";
        }
        if (bytes != 0 && bytes % MIB == 0) {
            return bytes / MIB + "m";
        }
        if (bytes != 0 && bytes % KIB == 0) {
            return bytes / KIB + "k";
        }
        return Long.toString(bytes);
    }
}
