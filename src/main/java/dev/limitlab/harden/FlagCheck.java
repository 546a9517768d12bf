package dev.limitlab.harden;

import java.util.List;

/**
 * One hardening setting checked on top of the capabilities found, with its evidence.
 *
 * @param flag    the docker CLI arguments this check puts in the hardened line (empty when none: failed,
 *                skipped, or a default that needs no flag, like seccomp's profile)
 * @param summary one sentence: what was seen, and what to do when it fails
 * @param runs    the runs that are the evidence: the reference run and the run with the setting, as applicable
 * @param wrote   for the read-only check: the paths the command wrote (from the engine's diff)
 */
public record FlagCheck(Setting setting, Status status, List<String> flag, String summary, List<Integer> runs,
                        List<String> wrote) {
    /** The settings checked, each named as the hardening guidance names it. */
    public enum Setting {
        NO_NEW_PRIVILEGES("no-new-privileges"),
        READ_ONLY_ROOTFS("read-only root filesystem"),
        NON_ROOT_USER("non-root user"),
        SECCOMP("seccomp default profile"),
        APPARMOR("AppArmor default profile");

        private final String text;

        Setting(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** WORKS and FAILS are measured; SKIPPED means it cannot apply on this engine; NOT_CHECKED, not tried. */
    public enum Status { WORKS, FAILS, SKIPPED, NOT_CHECKED }

    public FlagCheck {
        flag = List.copyOf(flag);
        runs = List.copyOf(runs);
        wrote = List.copyOf(wrote);
    }
}
