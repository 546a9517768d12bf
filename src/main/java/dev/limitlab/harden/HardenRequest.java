package dev.limitlab.harden;

import dev.limitlab.scenario.Hardening;
import dev.limitlab.scenario.SecurityCheck;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What {@code limitlab harden} is asked to examine: an image, the command to run in it, and how success is
 * judged: the command's exit code 0 and, when {@code check} is given, a shell snippet run afterwards in the same
 * container that exits 0 as well.
 *
 * @param user        {@code --user} for every run; empty runs as the image's own user
 * @param nonRootUser the user the non-root check runs as when {@code user} is root or empty
 * @param networkMode {@code --network} for every run (not searched)
 * @param timeout     how long one run may take; a run still going then is stopped and counts as failed
 */
public record HardenRequest(String image, List<String> command, Optional<String> check, Optional<String> user,
                            String nonRootUser, String networkMode, Duration timeout) {
    public static final String DEFAULT_NON_ROOT_USER = Hardening.NON_ROOT_USER;
    public static final String DEFAULT_NETWORK = "none";
    public static final Duration DEFAULT_TIMEOUT = SecurityCheck.DEFAULT_TIMEOUT;

    public HardenRequest {
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException("an image is needed");
        }
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a command is needed");
        }
        check = check.filter(c -> !c.isBlank());
        user = user.filter(u -> !u.isBlank());
        if (isRoot(nonRootUser)) {
            throw new IllegalArgumentException("the non-root user \"" + nonRootUser + "\" is root");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, not " + timeout);
        }
    }

    /** The command with exit-code success, as root or the image's user, no network, 60 s per run. */
    public static HardenRequest of(String image, List<String> command) {
        return new HardenRequest(image, command, Optional.empty(), Optional.empty(), DEFAULT_NON_ROOT_USER,
                DEFAULT_NETWORK, DEFAULT_TIMEOUT);
    }

    public HardenRequest withCheck(String value) {
        return new HardenRequest(image, command, Optional.ofNullable(value), user, nonRootUser, networkMode, timeout);
    }

    public HardenRequest withUser(String value) {
        return new HardenRequest(image, command, check, Optional.ofNullable(value), nonRootUser, networkMode, timeout);
    }

    public HardenRequest withNonRootUser(String value) {
        return new HardenRequest(image, command, check, user, value, networkMode, timeout);
    }

    public HardenRequest withNetworkMode(String value) {
        return new HardenRequest(image, command, check, user, nonRootUser, value, timeout);
    }

    public HardenRequest withTimeout(Duration value) {
        return new HardenRequest(image, command, check, user, nonRootUser, networkMode, value);
    }

    /** True when {@code user} is set to someone other than root, so every run is already non-root. */
    public boolean runsAsNonRoot() {
        return user.isPresent() && !isRoot(user.get());
    }

    /** {@code root}, {@code 0}, {@code root:grp}, {@code 0:0}: uid 0 by name or number. */
    static boolean isRoot(String user) {
        String uid = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
        return uid.equals("root") || uid.equals("0");
    }
}
