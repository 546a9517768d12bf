package dev.limitlab.harden;

import dev.limitlab.docker.ContainerSpec;
import dev.limitlab.docker.EngineSecurity;
import dev.limitlab.docker.InMemoryEngine;
import dev.limitlab.docker.InMemoryEngine.Behaviour;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.limitlab.docker.LogLine.stderr;
import static dev.limitlab.docker.LogLine.stdout;
import static dev.limitlab.docker.InMemoryEngine.Behaviour.exits;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The text as users read it, against golden text, under a Locale that writes decimals with a comma. */
class HardenTextTest {
    private Locale before;

    @BeforeEach
    void commaLocale() {
        before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
    }

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(before);
    }

    /** Every reading of the time is 250 ms after the one before. */
    private static final class TickingClock extends Clock {
        private Instant now = Instant.parse("2026-01-02T03:04:05Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            Instant reading = now;
            now = now.plus(Duration.ofMillis(250));
            return reading;
        }
    }

    /** A server that binds port 80 (NET_BIND_SERVICE), writes nothing, and refuses to run as non-root. */
    private static Behaviour server(ContainerSpec spec) {
        if (spec.hardening().user() != null) {
            return exits(1, stderr("server: must start as root to bind :80"));
        }
        if (!spec.hardening().capAdd().contains("NET_BIND_SERVICE")) {
            return exits(2, stdout("starting"), stderr("listen tcp :80: bind: permission denied"));
        }
        return exits(0, stdout("starting"), stdout("listening on :80"), stdout("stopped"));
    }

    @Test
    void rendersTheRunsAsTheyEndThenTheLineAndTheEvidenceForEachFlag() {
        InMemoryEngine engine = HardenerTest.scripted(new EngineSecurity(List.of("name=seccomp,profile=default")),
                HardenTextTest::server);
        List<String> lines = new ArrayList<>();
        HardenRequest request = HardenRequest.of("web:1", List.of("server", "--once", "--port", "80"))
                .withTimeout(Duration.ofSeconds(30));
        HardenReport report = new Hardener(engine, new HardenListener() {
            @Override
            public void started(HardenRequest request, EngineSecurity security) {
                lines.addAll(HardenText.header(request, security));
            }

            @Override
            public void runFinished(HardenRun run) {
                lines.addAll(HardenText.run(run));
            }
        }, new TickingClock()).harden(request);
        lines.addAll(HardenText.report(report));

        assertEquals("""
                harden web:1: server --once --port 80
                  success: exit code 0; every run: --network none, at most 30s
                  engine: seccomp (profile default), AppArmor not enabled
                run  1  command failed, exit 2    0.25 s  caps none  (no capability)
                        | listen tcp :80: bind: permission denied
                run  2  succeeded                 0.25 s  caps the 14 defaults  (the engine's default set)
                run  3  succeeded                 0.25 s  caps SETUID,SETFCAP,SETPCAP,NET_BIND_SERVICE,SYS_CHROOT,KILL,AUDIT_WRITE  (without CHOWN,DAC_OVERRIDE,FSETID,FOWNER,MKNOD,NET_RAW,SETGID)
                run  4  command failed, exit 2    0.25 s  caps SYS_CHROOT,KILL,AUDIT_WRITE  (without SETUID,SETFCAP,SETPCAP,NET_BIND_SERVICE)
                        | listen tcp :80: bind: permission denied
                run  5  succeeded                 0.25 s  caps SETPCAP,NET_BIND_SERVICE,SYS_CHROOT,KILL,AUDIT_WRITE  (without SETUID,SETFCAP)
                run  6  succeeded                 0.25 s  caps NET_BIND_SERVICE,SYS_CHROOT,KILL,AUDIT_WRITE  (without SETPCAP)
                run  7  succeeded                 0.25 s  caps NET_BIND_SERVICE  (without SYS_CHROOT,KILL,AUDIT_WRITE)
                run  8  succeeded                 0.25 s  caps NET_BIND_SERVICE + no-new-privileges  (no-new-privileges)
                run  9  succeeded                 0.25 s  caps NET_BIND_SERVICE + read-only  (read-only root filesystem)
                run 10  command failed, exit 1    0.25 s  caps NET_BIND_SERVICE + user 65534:65534  (user 65534:65534)
                        | server: must start as root to bind :80
                run 11  succeeded                 0.25 s  caps NET_BIND_SERVICE + no-new-privileges + read-only  (all settings together)
                capabilities: NET_BIND_SERVICE (1-minimal, out of the engine's 14 defaults)

                hardened line (run 11 succeeded with exactly these settings):
                  docker run --rm --pids-limit 1024 --cap-drop ALL --cap-add NET_BIND_SERVICE --security-opt no-new-privileges --read-only --network none web:1 server --once --port 80

                evidence:
                  --cap-drop ALL:
                      run 1 command failed, exit 2: caps none
                        | listen tcp :80: bind: permission denied
                      run 2 succeeded: caps the 14 defaults
                        | starting
                        | listening on :80
                        | stopped
                  --cap-add NET_BIND_SERVICE: needed, fails without it:
                      run 1 command failed, exit 2: caps none (above)
                  no-new-privileges: works with it  => --security-opt no-new-privileges
                      run 7 succeeded: caps NET_BIND_SERVICE
                        | starting
                        | listening on :80
                        | stopped
                      run 8 succeeded: caps NET_BIND_SERVICE + no-new-privileges
                        | starting
                        | listening on :80
                        | stopped
                  read-only root filesystem: works with it  => --read-only
                      run 9 succeeded: caps NET_BIND_SERVICE + read-only
                        | starting
                        | listening on :80
                        | stopped
                  non-root user: fails as 65534:65534; note that capabilities added with --cap-add are not effective for a non-root user (only through file capabilities)
                      run 7 succeeded: caps NET_BIND_SERVICE (above)
                      run 10 command failed, exit 1: caps NET_BIND_SERVICE + user 65534:65534
                        | server: must start as root to bind :80
                  seccomp default profile: works: every run had the engine's default seccomp profile (default) on; nothing to add, never turn it off
                      run 7 succeeded: caps NET_BIND_SERVICE (above)
                  AppArmor default profile: skipped: AppArmor not enabled
                  --network none: as asked (not searched)

                11 runs made; every subset of the 14 defaults would be 16384 runs
                """, String.join("\n", lines) + "\n");
    }
}
