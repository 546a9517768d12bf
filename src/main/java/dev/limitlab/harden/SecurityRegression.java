package dev.limitlab.harden;

import dev.limitlab.harden.FlagCheck.Setting;
import dev.limitlab.harden.FlagCheck.Status;
import dev.limitlab.scenario.SecurityCheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A scenario's {@code security:} block against {@link Hardener}: the request it makes, and what changed since. */
public final class SecurityRegression {
    private SecurityRegression() {
    }

    /** The request for a block; its image and command default to the experiment's workload's. */
    public static HardenRequest request(SecurityCheck block, String workloadImage, List<String> workloadCommand) {
        return new HardenRequest(block.image().orElse(workloadImage),
                block.command().isEmpty() ? workloadCommand : block.command(), block.check(), block.user(),
                block.nonRootUser(), HardenRequest.DEFAULT_NETWORK, block.timeout());
    }

    /**
     * One line for each expectation the report contradicts, e.g. {@code cap-add: expected [CHOWN] but needs
     * [CHOWN, SETUID]}; empty when everything stated still holds. A check that could not tell (skipped, not
     * checked) contradicts nothing.
     */
    public static List<String> differences(SecurityCheck.Expected expected, HardenReport report) {
        List<String> differences = new ArrayList<>();
        expected.capAdd().ifPresent(capabilities -> {
            CapabilityFinding found = report.capabilities();
            if (found.verdict() == CapabilityFinding.Verdict.NOT_CAPABILITIES) {
                differences.add("cap-add: expected " + capabilities + " but the command fails even with the engine's default set (run "
                        + found.defaultSetRun() + ")");
            } else if (!capabilities.equals(found.add().stream().sorted().toList())) {
                differences.add("cap-add: expected " + capabilities + " but needs " + found.add().stream().sorted().toList());
            }
        });
        compare("no-new-privileges", expected.noNewPrivileges(), report, Setting.NO_NEW_PRIVILEGES, differences);
        compare("read-only", expected.readOnly(), report, Setting.READ_ONLY_ROOTFS, differences);
        compare("non-root", expected.nonRoot(), report, Setting.NON_ROOT_USER, differences);
        return differences;
    }

    private static void compare(String key, Optional<Boolean> expected, HardenReport report, Setting setting,
                                List<String> differences) {
        Optional<FlagCheck> check = report.check(setting)
                .filter(c -> c.status() == Status.WORKS || c.status() == Status.FAILS);
        if (expected.isEmpty() || check.isEmpty()) {
            return;
        }
        boolean works = check.get().status() == Status.WORKS;
        if (works != expected.get()) {
            differences.add(key + ": expected it to " + (expected.get() ? "work" : "fail") + " but it "
                    + (works ? "works" : "fails") + " (" + check.get().summary() + ")");
        }
    }
}
