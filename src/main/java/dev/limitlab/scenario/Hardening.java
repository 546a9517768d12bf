package dev.limitlab.scenario;

/**
 * The security settings a workload container runs with. {@link #DEFAULT} is the container-hardening
 * guidance: every capability dropped, no privilege gain, no network, read-only root filesystem, a
 * non-root user, and a pids limit when the scenario sets none.
 */
public record Hardening(boolean capDropAll, boolean noNewPrivileges, String networkMode, boolean readOnlyRootfs,
                        String user, long defaultPidsLimit) {
    public static final Hardening DEFAULT = new Hardening(true, true, "none", true, "65534:65534", 1024);
}
