package dev.limitlab.harden;

import dev.limitlab.docker.ContainerSpec;
import dev.limitlab.docker.EngineResource;
import dev.limitlab.docker.EngineSecurity;
import dev.limitlab.docker.FileChange;
import dev.limitlab.harden.CapabilityFinding.Verdict;
import dev.limitlab.harden.FlagCheck.Setting;
import dev.limitlab.harden.FlagCheck.Status;
import dev.limitlab.harden.HardenRun.Outcome;
import dev.limitlab.docker.InMemoryEngine;
import dev.limitlab.docker.InMemoryEngine.Behaviour;
import dev.limitlab.scenario.Hardening;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import static dev.limitlab.docker.LogLine.stderr;
import static dev.limitlab.docker.LogLine.stdout;
import static dev.limitlab.docker.InMemoryEngine.Behaviour.exits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HardenerTest {
    static final EngineSecurity SECCOMP_ONLY = new EngineSecurity(List.of("name=seccomp,profile=default"));
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    static final HardenRequest ADDUSER = HardenRequest.of("limitlab-debian:bookworm",
            List.of("adduser", "--disabled-password", "--gecos", "", "wadexu"));

    /** adduser as Debian's behaves: needs CHOWN, DAC_OVERRIDE and FOWNER, root, and a writable /etc and /run. */
    static Behaviour adduser(ContainerSpec spec) {
        Hardening hardening = spec.hardening();
        if ("65534:65534".equals(hardening.user())) {
            return exits(1, stderr("adduser: Only root may add a user or group to the system."));
        }
        if (!hardening.capAdd().containsAll(List.of("CHOWN", "DAC_OVERRIDE", "FOWNER"))) {
            return exits(1, stdout("Adding user `wadexu' ..."),
                    stderr("groupadd: failure while writing changes to /etc/gshadow"),
                    stderr("adduser: `/sbin/groupadd -g 1000 wadexu' returned error code 10. Exiting."));
        }
        if (hardening.readOnlyRootfs()) {
            return exits(1, stderr("adduser: could not open lock file /run/adduser!"));
        }
        return exits(0, stdout("Adding user `wadexu' ..."), stdout("Adding user `wadexu' to group `users' ..."))
                .writing(changed("/etc"), changed("/etc/passwd"), added("/home/wadexu"), added("/home/wadexu/.bashrc"),
                        changed("/run"), added("/run/adduser"));
    }

    static FileChange changed(String path) {
        return new FileChange(FileChange.Kind.CHANGED, path);
    }

    static FileChange added(String path) {
        return new FileChange(FileChange.Kind.ADDED, path);
    }

    static final class Recorder implements HardenListener {
        final List<HardenRun> runs = new ArrayList<>();
        EngineSecurity engine;

        @Override
        public void started(HardenRequest request, EngineSecurity engine) {
            this.engine = engine;
        }

        @Override
        public void runFinished(HardenRun run) {
            runs.add(run);
        }
    }

    /** An engine whose containers do what {@code script} says for their spec. */
    static InMemoryEngine scripted(EngineSecurity security, Function<ContainerSpec, Behaviour> script) {
        return new InMemoryEngine().security(security).script(script);
    }

    private static HardenReport harden(InMemoryEngine engine, HardenRequest request, Recorder recorder) {
        return new Hardener(engine, recorder, CLOCK).harden(request);
    }

    @Test
    void findsTheWorkedExamplesCapabilitiesEachShownNeededAndChecksEverySetting() {
        InMemoryEngine engine = scripted(SECCOMP_ONLY, HardenerTest::adduser);
        Recorder recorder = new Recorder();

        HardenReport report = harden(engine, ADDUSER, recorder);

        CapabilityFinding capabilities = report.capabilities();
        assertEquals(Verdict.MINIMAL_SET, capabilities.verdict());
        assertEquals(List.of("CHOWN", "DAC_OVERRIDE", "FOWNER"), capabilities.add());
        HardenRun none = report.run(capabilities.noCapabilityRun());
        assertEquals(Outcome.COMMAND_FAILED, none.outcome());
        assertEquals(List.of("groupadd: failure while writing changes to /etc/gshadow",
                "adduser: `/sbin/groupadd -g 1000 wadexu' returned error code 10. Exiting."), none.tail(),
                "a failure's reason is its stderr");
        assertTrue(report.run(capabilities.defaultSetRun()).succeeded());
        for (CapabilityFinding.Needed needed : capabilities.needed()) {
            HardenRun without = report.run(needed.failedWithoutRun());
            assertFalse(without.succeeded());
            Set<String> expected = new HashSet<>(capabilities.add());
            expected.remove(needed.capability());
            assertEquals(expected, Set.copyOf(without.hardening().capAdd()), "run " + without.number());
        }
        assertEquals(3, capabilities.needed().size());

        assertEquals(Status.WORKS, report.check(Setting.NO_NEW_PRIVILEGES).orElseThrow().status());
        FlagCheck readOnly = report.check(Setting.READ_ONLY_ROOTFS).orElseThrow();
        assertEquals(Status.FAILS, readOnly.status());
        assertEquals(List.of("/etc/passwd", "/home/wadexu", "/run/adduser"), readOnly.wrote());
        assertTrue(readOnly.summary().contains("/etc/passwd, /home/wadexu, /run/adduser"), readOnly.summary());
        assertEquals(Status.FAILS, report.check(Setting.NON_ROOT_USER).orElseThrow().status());
        assertEquals(Status.WORKS, report.check(Setting.SECCOMP).orElseThrow().status());
        FlagCheck appArmor = report.check(Setting.APPARMOR).orElseThrow();
        assertEquals(Status.SKIPPED, appArmor.status());
        assertEquals("skipped: AppArmor not enabled", appArmor.summary());

        DockerRunLine line = report.line().orElseThrow();
        assertTrue(line.verified());
        assertEquals("docker run --rm --pids-limit 1024 --cap-drop ALL --cap-add CHOWN --cap-add DAC_OVERRIDE --cap-add FOWNER"
                + " --security-opt no-new-privileges --network none limitlab-debian:bookworm"
                + " adduser --disabled-password --gecos '' wadexu", line.toShell());
        assertTrue(report.run(line.verifiedByRun()).hardening().noNewPrivileges());

        assertEquals(recorder.runs, report.runs(), "every run was reported as it ended");
        assertEquals(SECCOMP_ONLY, recorder.engine);
        assertTrue(report.runs().size() < 25, report.runs().size() + " runs");
    }

    @Test
    void runsEachConfigurationOnceInItsOwnLabelledContainerAndRemovesEveryOne() {
        InMemoryEngine engine = scripted(SECCOMP_ONLY, HardenerTest::adduser);

        HardenReport report = harden(engine, ADDUSER, new Recorder());

        assertEquals(report.runs().size(), engine.created().size());
        assertEquals(report.runs().size(), report.runs().stream().map(HardenRun::hardening).distinct().count());
        Set<String> runIds = new HashSet<>();
        engine.created().values().forEach(spec -> runIds.add(spec.labels().get(ContainerSpec.RUN_LABEL)));
        assertEquals(Set.of(report.runId()), runIds, "the report's run id on every container");
        assertTrue(report.runId().startsWith("harden-20260102T030405Z-"), report.runId());
        assertEquals(Set.copyOf(engine.created().keySet()), Set.copyOf(engine.removed().stream().map(EngineResource::id).toList()));
        engine.created().values().forEach(spec -> {
            assertEquals(ADDUSER.command(), spec.command(), "no check: the command runs as it is");
            assertTrue(spec.hardening().capDropAll());
        });
    }

    @Test
    void aCommandNeedingNothingGetsEveryFlagAndTheWholeLineIsTriedOnce() {
        InMemoryEngine engine = scripted(SECCOMP_ONLY, spec -> exits(0, stdout("hello")));

        HardenReport report = harden(engine, HardenRequest.of("img", List.of("echo", "hello")), new Recorder());

        assertEquals(Verdict.NONE_NEEDED, report.capabilities().verdict());
        assertEquals(List.of(), report.capabilities().add());
        DockerRunLine line = report.line().orElseThrow();
        assertEquals("docker run --rm --pids-limit 1024 --cap-drop ALL --security-opt no-new-privileges --read-only --user 65534:65534"
                + " --network none img echo hello", line.toShell());
        HardenRun together = report.run(line.verifiedByRun());
        assertEquals("all settings together", together.purpose());
        assertEquals(5, report.runs().size(), "none, no-new-privileges, read-only, user, all together");
    }

    @Test
    void aCommandThatFailsWithEveryDefaultCapabilityIsDiagnosedAndGetsNoLine() {
        // seccomp stops it: it works only with seccomp=unconfined
        InMemoryEngine engine = scripted(new EngineSecurity(List.of("name=seccomp,profile=default", "name=apparmor")),
                spec -> spec.hardening().securityOpts().contains("seccomp=unconfined") ? exits(0)
                        : exits(1, stderr("unshare: unshare failed: Operation not permitted")));

        HardenReport report = harden(engine, HardenRequest.of("img", List.of("unshare", "-U", "true")), new Recorder());

        assertEquals(Verdict.NOT_CAPABILITIES, report.capabilities().verdict());
        assertTrue(report.line().isEmpty());
        FlagCheck seccomp = report.check(Setting.SECCOMP).orElseThrow();
        assertEquals(Status.FAILS, seccomp.status());
        assertTrue(seccomp.summary().contains("seccomp=unconfined"), seccomp.summary());
        FlagCheck appArmor = report.check(Setting.APPARMOR).orElseThrow();
        assertEquals(Status.NOT_CHECKED, appArmor.status());
        assertTrue(appArmor.summary().startsWith("not the cause"), appArmor.summary());
        assertEquals(Status.NOT_CHECKED, report.check(Setting.NO_NEW_PRIVILEGES).orElseThrow().status());
        assertEquals(4, report.runs().size(), "none, defaults, seccomp=unconfined, apparmor=unconfined");
    }

    @Test
    void withoutSeccompOnTheHostTheCheckIsSkippedNotPassed() {
        InMemoryEngine engine = scripted(new EngineSecurity(List.of("name=apparmor")), spec -> exits(0));

        HardenReport report = harden(engine, HardenRequest.of("img", List.of("true")), new Recorder());

        FlagCheck seccomp = report.check(Setting.SECCOMP).orElseThrow();
        assertEquals(Status.SKIPPED, seccomp.status());
        assertTrue(seccomp.summary().startsWith("skipped: seccomp is not available"), seccomp.summary());
        assertEquals(Status.WORKS, report.check(Setting.APPARMOR).orElseThrow().status());
    }

    @Test
    void aSetuidGainThatNoNewPrivilegesBlocksFailsTheCheckWithBothRunsAsEvidence() {
        String check = "test \"$(suid-id -u)\" = 0";
        Function<ContainerSpec, Behaviour> script = spec -> spec.hardening().noNewPrivileges()
                ? exits(1, stdout("uid=65534(nobody) gid=65534(nogroup)"), stdout(CheckScript.MARKER), stderr(CheckScript.MARKER),
                stdout("effective uid: 65534"))
                : exits(0, stdout("uid=65534(nobody) gid=65534(nogroup) euid=0(root)"), stdout(CheckScript.MARKER),
                stderr(CheckScript.MARKER), stdout("effective uid: 0"));
        InMemoryEngine engine = scripted(SECCOMP_ONLY, script);

        HardenReport report = harden(engine, HardenRequest.of("img", List.of("suid-id")).withCheck(check), new Recorder());

        FlagCheck noNewPrivileges = report.check(Setting.NO_NEW_PRIVILEGES).orElseThrow();
        assertEquals(Status.FAILS, noNewPrivileges.status());
        HardenRun without = report.run(noNewPrivileges.runs().get(0));
        HardenRun with = report.run(noNewPrivileges.runs().get(1));
        assertEquals(List.of("uid=65534(nobody) gid=65534(nogroup) euid=0(root)", "effective uid: 0"), without.tail());
        assertEquals(Outcome.CHECK_FAILED, with.outcome());
        assertEquals(List.of("effective uid: 65534"), with.tail(), "the check's own output says why it failed");
        assertFalse(report.line().orElseThrow().arguments().contains("no-new-privileges"));
        List<String> wrapped = engine.created().values().iterator().next().command();
        assertEquals(List.of("/bin/sh", "-c"), wrapped.subList(0, 2));
        assertEquals(List.of("limitlab-harden", "suid-id"), wrapped.subList(3, 5));
    }

    @Test
    void aRunTheEngineRefusesToStartOrThatHangsIsAFailedRunNotAnError() {
        InMemoryEngine engine = scripted(SECCOMP_ONLY, spec -> {
            if ("65534:65534".equals(spec.hardening().user())) {
                return Behaviour.refusedToStart("unable to find user 65534: no matching entries in passwd file");
            }
            return spec.hardening().readOnlyRootfs() ? Behaviour.hangs() : exits(0);
        });

        HardenReport report = harden(engine, HardenRequest.of("img", List.of("serve")), new Recorder());

        HardenRun user = report.run(report.check(Setting.NON_ROOT_USER).orElseThrow().runs().get(1));
        assertEquals(Outcome.NOT_STARTED, user.outcome());
        assertEquals(List.of("unable to find user 65534: no matching entries in passwd file"), user.tail());
        HardenRun readOnly = report.run(report.check(Setting.READ_ONLY_ROOTFS).orElseThrow().runs().get(1));
        assertEquals(Outcome.TIMED_OUT, readOnly.outcome());
        assertEquals(1, engine.killed().size(), "the hung run was stopped");
        assertEquals(Set.copyOf(engine.created().keySet()), Set.copyOf(engine.removed().stream().map(EngineResource::id).toList()));
    }

    @Test
    void aNonRootUserAskedForIsKeptWithoutAnExtraRun() {
        InMemoryEngine engine = scripted(SECCOMP_ONLY, spec -> exits(0));

        HardenReport report = harden(engine, HardenRequest.of("img", List.of("true")).withUser("1000:1000"), new Recorder());

        FlagCheck nonRoot = report.check(Setting.NON_ROOT_USER).orElseThrow();
        assertEquals(Status.WORKS, nonRoot.status());
        assertEquals(List.of("--user", "1000:1000"), nonRoot.flag());
        assertTrue(engine.created().values().stream().allMatch(spec -> "1000:1000".equals(spec.hardening().user())));
        assertNotEquals(-1, report.line().orElseThrow().toShell().indexOf("--user 1000:1000"));
    }

    @Test
    void writtenPathsAreTheFewestThatSayItAll() {
        assertEquals(List.of("/etc/passwd", "/home/wadexu", "/var/x"), Hardener.written(List.of(changed("/etc"),
                changed("/etc/passwd"), added("/home/wadexu"), added("/home/wadexu/.profile"), changed("/var"),
                new FileChange(FileChange.Kind.DELETED, "/var/x"))));
    }

    @Test
    void aFailuresReasonIsItsStderrElseItsStdout() {
        assertEquals(List.of("b", "c", "d"), Hardener.why(List.of(stdout("out"), stderr("a"), stderr("b"), stderr("c"),
                stderr(" "), stderr("d"))));
        assertEquals(List.of("only stdout"), Hardener.why(List.of(stdout("only stdout"), stderr(""))));
    }
}
