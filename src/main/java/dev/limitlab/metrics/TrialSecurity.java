package dev.limitlab.metrics;

/** The security settings a trial's container ran with, so results show them next to the limits. */
public record TrialSecurity(boolean capDropAll, boolean noNewPrivileges, String networkMode, boolean readOnlyRootfs,
                            String user, boolean privileged, java.util.List<String> capAdd) {
    public TrialSecurity {
        capAdd = capAdd == null ? java.util.List.of() : java.util.List.copyOf(capAdd);
    }
}
