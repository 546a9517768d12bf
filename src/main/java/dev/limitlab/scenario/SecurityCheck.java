package dev.limitlab.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An experiment's {@code security:} block, next to {@code limits:}: a command examined as {@code limitlab harden}
 * examines it, and what the last review found, so that a scheduled run notices when the image starts to need more
 * (a new capability, a write to the root filesystem). Proposed YAML, every key optional:
 * <pre>
 * security:
 *   image: limitlab-debian:bookworm              # default: the experiment's workload image
 *   command: [adduser, --disabled-password, --gecos, "", wadexu]   # default: the workload's command
 *   check: touch server.js &amp;&amp; chown wadexu:wadexu server.js   # shell, same container, afterwards
 *   user: root                                   # default: the image's user
 *   non-root-user: "65534:65534"
 *   timeout: 60s                                 # per run
 *   expect:                                      # only what is stated is compared
 *     cap-add: [CHOWN, DAC_OVERRIDE, FOWNER]     # the 1-minimal set found, in any order
 *     no-new-privileges: true                    # true: works with it
 *     read-only: false
 *     non-root: false
 * </pre>
 *
 * @param image   empty: the experiment's workload image
 * @param command empty: the workload's own command
 */
public record SecurityCheck(Optional<String> image, List<String> command, Optional<String> check,
                            Optional<String> user, String nonRootUser, Duration timeout, Expected expect) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public SecurityCheck {
        command = List.copyOf(command);
        expect = expect == null ? Expected.NOTHING : expect;
    }

    /**
     * What the last review found; an empty field is not compared.
     *
     * @param capAdd          the capabilities the command needs, as a set
     * @param noNewPrivileges whether it works with {@code no-new-privileges}
     * @param readOnly        whether it works with a read-only root filesystem
     * @param nonRoot         whether it works as a non-root user
     */
    public record Expected(Optional<List<String>> capAdd, Optional<Boolean> noNewPrivileges, Optional<Boolean> readOnly,
                           Optional<Boolean> nonRoot) {
        public static final Expected NOTHING = new Expected(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        public Expected {
            capAdd = capAdd.map(list -> list.stream().map(Hardening::capabilityName).sorted().distinct().toList());
        }
    }
}
