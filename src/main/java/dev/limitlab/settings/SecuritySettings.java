package dev.limitlab.settings;

import dev.limitlab.metrics.TrialSecurity;
import dev.limitlab.scenario.Hardening;

import java.util.ArrayList;
import java.util.List;

/**
 * The security settings of one container, as every renderer (docker flags, Compose, the engine's HostConfig)
 * reads them. The decisions they share are made here once: which network counts as the engine's own, which
 * {@code --security-opt} values apply and in what order.
 *
 * @param capAdd       capabilities added back, as the docker CLI spells them ({@code CHOWN})
 * @param securityOpts {@code --security-opt} values other than {@code no-new-privileges}
 * @param user         {@code --user}; null runs as the image's own user
 * @param networkMode  {@code --network}; {@value #DEFAULT_NETWORK} is the engine's own choice
 */
public record SecuritySettings(boolean capDropAll, List<String> capAdd, boolean noNewPrivileges, List<String> securityOpts,
                               boolean readOnlyRootfs, String user, String networkMode) {
    /** What the docker CLI sends when no {@code --network} is given. */
    public static final String DEFAULT_NETWORK = "default";
    public static final String NO_NEW_PRIVILEGES = "no-new-privileges";
    /** Nothing hardened: what a container gets with no flags at all. */
    public static final SecuritySettings NONE = new SecuritySettings(false, List.of(), false, List.of(), false, null, null);

    public SecuritySettings {
        capAdd = capAdd == null ? List.of() : List.copyOf(capAdd);
        securityOpts = securityOpts == null ? List.of() : List.copyOf(securityOpts);
        // an empty user or network means "not set" in recorded results: one spelling for "not set"
        user = user == null || user.isEmpty() ? null : user;
        networkMode = networkMode == null || networkMode.isEmpty() ? DEFAULT_NETWORK : networkMode;
    }

    public static SecuritySettings of(Hardening hardening) {
        return new SecuritySettings(hardening.capDropAll(), hardening.capAdd(), hardening.noNewPrivileges(),
                hardening.securityOpts(), hardening.readOnlyRootfs(), hardening.user(), hardening.networkMode());
    }

    /** The settings a trial recorded; a recorded {@code privileged} is dropped: it is never rendered. */
    public static SecuritySettings of(TrialSecurity security) {
        return new SecuritySettings(security.capDropAll(), security.capAdd(), security.noNewPrivileges(), List.of(),
                security.readOnlyRootfs(), security.user(), security.networkMode());
    }

    /** Every {@code --security-opt} value as the engine takes it: {@code no-new-privileges} first, then the others. */
    public List<String> engineSecurityOpts() {
        List<String> opts = new ArrayList<>();
        if (noNewPrivileges) {
            opts.add(NO_NEW_PRIVILEGES);
        }
        opts.addAll(securityOpts);
        return opts;
    }

    /** True when the engine picks the network, so no renderer needs to name it. */
    public boolean defaultNetwork() {
        return networkMode.equals(DEFAULT_NETWORK);
    }

    /** True for {@code --network none}: the container gets no network stack at all. */
    public boolean networkDisabled() {
        return networkMode.equals("none");
    }
}
