package dev.limitlab.harden;

import dev.limitlab.docker.ContainerSpec;
import dev.limitlab.docker.DebianEngine;
import dev.limitlab.docker.DockerGateway;
import dev.limitlab.harden.CapabilityFinding.Verdict;
import dev.limitlab.harden.FlagCheck.Setting;
import dev.limitlab.harden.FlagCheck.Status;
import dev.limitlab.harden.HardenRun.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8's "done when", against the real engine on limitlab-debian:bookworm. Every command is short and idle;
 * each report is printed, so the test log shows the runs and the evidence.
 */
class HardenIT {
    private static final String IMAGE = DebianEngine.IMAGE;
    @RegisterExtension
    static final DebianEngine ENGINE = new DebianEngine();

    private static HardenReport harden(HardenRequest request) {
        DockerGateway gateway = ENGINE.gateway();
        HardenReport report = new Hardener(gateway, run -> HardenText.run(run).forEach(System.out::println),
                Clock.systemUTC()).harden(request);
        HardenText.report(report).forEach(System.out::println);
        assertEquals(List.of(), gateway.containersLabelled(ContainerSpec.RUN_LABEL, report.runId()), "no container left");
        return report;
    }

    @Test
    void theWorkedExampleFailsOnGshadowWithoutCapabilitiesAndNeedsChownDacOverrideAndFowner() {
        HardenReport report = harden(HardenRequest.of(IMAGE, List.of("adduser", "--disabled-password", "--gecos", "", "wadexu"))
                .withCheck("touch server.js && chown wadexu:wadexu server.js"));

        CapabilityFinding capabilities = report.capabilities();
        HardenRun none = report.run(capabilities.noCapabilityRun());
        assertEquals(Outcome.COMMAND_FAILED, none.outcome());
        assertTrue(none.tail().contains("groupadd: failure while writing changes to /etc/gshadow"), none.tail().toString());
        assertEquals(Verdict.MINIMAL_SET, capabilities.verdict());
        assertTrue(capabilities.add().containsAll(List.of("CHOWN", "DAC_OVERRIDE", "FOWNER")), capabilities.add().toString());
        assertTrue(report.run(capabilities.defaultSetRun()).succeeded());
        assertTrue(report.run(report.line().orElseThrow().verifiedByRun()).hardening().capAdd().equals(capabilities.add()));
        assertEquals(capabilities.add(), capabilities.needed().stream().map(CapabilityFinding.Needed::capability).toList());
        for (CapabilityFinding.Needed needed : capabilities.needed()) {
            HardenRun without = report.run(needed.failedWithoutRun());
            assertFalse(without.succeeded(), "run " + without.number() + " without " + needed.capability());
            Set<String> expected = new HashSet<>(capabilities.add());
            expected.remove(needed.capability());
            assertEquals(expected, Set.copyOf(without.hardening().capAdd()));
        }
        assertTrue(report.runs().size() < 40, report.runs().size() + " runs");

        FlagCheck readOnly = report.check(Setting.READ_ONLY_ROOTFS).orElseThrow();
        assertEquals(Status.FAILS, readOnly.status());
        assertTrue(readOnly.wrote().containsAll(List.of("/etc/gshadow", "/etc/passwd", "/home/wadexu")), readOnly.wrote().toString());
        assertEquals(Status.FAILS, report.check(Setting.NON_ROOT_USER).orElseThrow().status());
        assertTrue(report.line().orElseThrow().verified());
        assertProfilesAsTheEngineHasThem(report);
    }

    @Test
    void aSetuidRootBinaryRunByANonRootUserGainsRootOnlyWithoutNoNewPrivileges() {
        // A setuid-root copy of id, made as root inside the run (chmod u+s of a file it owns needs no
        // capability); setpriv then becomes uid/gid 65534 with no groups (needs SETUID and SETGID) and execs it.
        // No su or sudo: nothing asks for a password or reads PAM configuration.
        String drop = "setpriv --reuid=65534 --regid=65534 --clear-groups /tmp/suid-id";
        HardenReport report = harden(HardenRequest.of(IMAGE, List.of("sh", "-c",
                        "cp /usr/bin/id /tmp/suid-id && chmod 4755 /tmp/suid-id && " + drop))
                .withCheck("u=$(" + drop + " -u); echo \"effective uid: $u\"; [ \"$u\" = 0 ]"));

        assertEquals(List.of("SETGID", "SETUID"), report.capabilities().add());
        FlagCheck noNewPrivileges = report.check(Setting.NO_NEW_PRIVILEGES).orElseThrow();
        assertEquals(Status.FAILS, noNewPrivileges.status());
        HardenRun without = report.run(noNewPrivileges.runs().get(0));
        HardenRun with = report.run(noNewPrivileges.runs().get(1));
        assertFalse(without.hardening().noNewPrivileges());
        assertTrue(without.succeeded());
        assertTrue(without.tail().contains("uid=65534(nobody) gid=65534(nogroup) euid=0(root) groups=65534(nogroup)"),
                without.tail().toString());
        assertTrue(without.tail().contains("effective uid: 0"), without.tail().toString());
        assertTrue(with.hardening().noNewPrivileges());
        assertEquals(Outcome.CHECK_FAILED, with.outcome());
        assertEquals(List.of("effective uid: 65534"), with.tail());
        assertFalse(report.line().orElseThrow().arguments().contains("no-new-privileges"));
    }

    @Test
    void aCommandWritingUnderEtcFailsWithAReadOnlyRootAndThePathIsNamed() {
        HardenReport report = harden(HardenRequest.of(IMAGE, List.of("sh", "-c", "echo hardened > /etc/limitlab-marker")));

        assertEquals(Verdict.NONE_NEEDED, report.capabilities().verdict());
        FlagCheck readOnly = report.check(Setting.READ_ONLY_ROOTFS).orElseThrow();
        assertEquals(Status.FAILS, readOnly.status());
        assertEquals(List.of("/etc/limitlab-marker"), readOnly.wrote());
        assertTrue(readOnly.summary().contains("/etc/limitlab-marker"), readOnly.summary());
        HardenRun readOnlyRun = report.run(readOnly.runs().get(1));
        assertTrue(readOnlyRun.tail().stream().anyMatch(l -> l.contains("Read-only file system")), readOnlyRun.tail().toString());
        assertEquals(Status.FAILS, report.check(Setting.NON_ROOT_USER).orElseThrow().status(), "65534 cannot write /etc");
        assertEquals(Status.WORKS, report.check(Setting.NO_NEW_PRIVILEGES).orElseThrow().status());
        assertProfilesAsTheEngineHasThem(report);
    }

    /** Seccomp and AppArmor: checked where the engine applies them, skipped with the reason where it cannot. */
    private static void assertProfilesAsTheEngineHasThem(HardenReport report) {
        FlagCheck seccomp = report.check(Setting.SECCOMP).orElseThrow();
        assertEquals(report.engine().seccompProfile().filter(p -> !p.equals("unconfined")).isPresent() ? Status.WORKS : Status.SKIPPED,
                seccomp.status(), seccomp.summary());
        FlagCheck appArmor = report.check(Setting.APPARMOR).orElseThrow();
        if (report.engine().appArmor()) {
            assertEquals(Status.WORKS, appArmor.status());
        } else {
            assertEquals("skipped: AppArmor not enabled", appArmor.summary());
        }
    }
}
