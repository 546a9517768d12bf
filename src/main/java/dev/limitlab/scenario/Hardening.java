package dev.limitlab.scenario;

import dev.limitlab.metrics.TrialLimits;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The security settings a workload container runs with. {@link #DEFAULT} is the container-hardening
 * guidance: every capability dropped, no privilege gain, no network, read-only root filesystem, a
 * non-root user, and a pids limit when the scenario sets none.
 *
 * @param user         {@code --user}; null runs as the image's own user
 * @param capAdd       {@code --cap-add}, as the docker CLI spells them ({@code CHOWN}); a {@code CAP_} prefix and
 *                     case are normalised away. {@code ALL} is refused: it is {@code --privileged} in all but name
 * @param securityOpts {@code --security-opt} values other than {@code no-new-privileges}, e.g.
 *                     {@code seccomp=unconfined} for a diagnosis
 */
public record Hardening(boolean capDropAll, boolean noNewPrivileges, String networkMode, boolean readOnlyRootfs,
                        String user, long defaultPidsLimit, List<String> capAdd, List<String> securityOpts) {
    /** nobody:nogroup on Debian and most distributions. */
    public static final String NON_ROOT_USER = "65534:65534";
    public static final Hardening DEFAULT = new Hardening(true, true, "none", true, NON_ROOT_USER, TrialLimits.DEFAULT_PIDS_LIMIT,
            List.of(), List.of());
    private static final Pattern CAPABILITY = Pattern.compile("[A-Z][A-Z_]*");

    public Hardening {
        capAdd = capAdd == null ? List.of() : capAdd.stream().map(Hardening::capabilityName).distinct().toList();
        securityOpts = securityOpts == null ? List.of() : List.copyOf(securityOpts);
        if (securityOpts.contains("no-new-privileges")) {
            throw new IllegalArgumentException("no-new-privileges is its own field, not a security option here");
        }
    }

    /** {@code cap_chown} and {@code CAP_CHOWN} are both {@code CHOWN}, as the docker CLI takes them. */
    public static String capabilityName(String name) {
        String upper = name.strip().toUpperCase(Locale.ROOT);
        String bare = upper.startsWith("CAP_") ? upper.substring(4) : upper;
        if (bare.equals("ALL")) {
            throw new IllegalArgumentException("adding ALL capabilities is refused: it is --privileged in all but name");
        }
        if (!CAPABILITY.matcher(bare).matches()) {
            throw new IllegalArgumentException("\"" + name + "\" is not a capability name (examples: CHOWN, NET_BIND_SERVICE)");
        }
        return bare;
    }

    public Hardening withCapAdd(List<String> value) {
        return new Hardening(capDropAll, noNewPrivileges, networkMode, readOnlyRootfs, user, defaultPidsLimit, value, securityOpts);
    }

    public Hardening withNoNewPrivileges(boolean value) {
        return new Hardening(capDropAll, value, networkMode, readOnlyRootfs, user, defaultPidsLimit, capAdd, securityOpts);
    }

    public Hardening withNetworkMode(String value) {
        return new Hardening(capDropAll, noNewPrivileges, value, readOnlyRootfs, user, defaultPidsLimit, capAdd, securityOpts);
    }

    public Hardening withReadOnlyRootfs(boolean value) {
        return new Hardening(capDropAll, noNewPrivileges, networkMode, value, user, defaultPidsLimit, capAdd, securityOpts);
    }

    public Hardening withUser(String value) {
        return new Hardening(capDropAll, noNewPrivileges, networkMode, readOnlyRootfs, value, defaultPidsLimit, capAdd, securityOpts);
    }

    public Hardening withSecurityOpts(List<String> value) {
        return new Hardening(capDropAll, noNewPrivileges, networkMode, readOnlyRootfs, user, defaultPidsLimit, capAdd, value);
    }
}
