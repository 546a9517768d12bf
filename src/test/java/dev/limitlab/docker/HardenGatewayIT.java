package dev.limitlab.docker;

import dev.limitlab.scenario.Hardening;
import dev.limitlab.scenario.Limits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the gateway's additions for {@code limitlab harden} read from the real engine, on short, idle commands. */
class HardenGatewayIT {
    @RegisterExtension
    static final DebianEngine ENGINE = new DebianEngine();
    private DockerGateway gateway;

    @BeforeEach
    void gateway() {
        gateway = ENGINE.gateway();
    }

    private String create(String name, Hardening hardening, String... command) {
        return gateway.create(new ContainerSpec("limitlab-" + ENGINE.runId() + "-" + name, DebianEngine.IMAGE,
                List.of(command), Map.of(ContainerSpec.RUN_LABEL, ENGINE.runId()), Limits.NONE, null, hardening, Mounts.NONE));
    }

    private static Hardening asRoot() {
        return Hardening.DEFAULT.withReadOnlyRootfs(false).withUser(null).withNoNewPrivileges(false);
    }

    @Test
    void readsExitCodeOutputByStreamAndTheFilesystemDiff() {
        String id = create("output", asRoot(), "sh", "-c", "echo one; echo two >&2; echo x > /etc/limitlab-it; printf last; exit 3");
        try {
            gateway.start(id);
            assertEquals(Optional.of(3), gateway.awaitExit(id, Duration.ofSeconds(30)));
            List<LogLine> output = gateway.output(id);
            assertTrue(output.contains(LogLine.stdout("one")) && output.contains(LogLine.stderr("two"))
                    && output.contains(LogLine.stdout("last")), output.toString());
            assertEquals(List.of("one", "last"), gateway.stdoutLines(id));
            assertTrue(gateway.changes(id).contains(new FileChange(FileChange.Kind.ADDED, "/etc/limitlab-it")),
                    gateway.changes(id).toString());
        } finally {
            gateway.remove(id);
        }
    }

    @Test
    void addsCapabilitiesBackAndSetsSecurityOptions() {
        Hardening hardening = asRoot().withCapAdd(List.of("CHOWN", "NET_BIND_SERVICE")).withNoNewPrivileges(true);
        String id = create("caps", hardening, "sh", "-c", "grep -E '^(CapEff|NoNewPrivs)' /proc/self/status");
        try {
            gateway.start(id);
            assertEquals(Optional.of(0), gateway.awaitExit(id, Duration.ofSeconds(30)));
            // CHOWN is bit 0, NET_BIND_SERVICE bit 10
            assertEquals(List.of("CapEff:\t0000000000000401", "NoNewPrivs:\t1"), gateway.stdoutLines(id));
        } finally {
            gateway.remove(id);
        }
    }

    @Test
    void aContainerStillRunningAtTheTimeoutIsReportedAsSuch() {
        String id = create("sleep", asRoot(), "sleep", "5");
        try {
            gateway.start(id);
            assertEquals(Optional.empty(), gateway.awaitExit(id, Duration.ofMillis(300)));
            gateway.kill(id);
            assertEquals(Optional.of(137), gateway.awaitExit(id, Duration.ofSeconds(10)));
        } finally {
            gateway.remove(id);
        }
    }

    @Test
    void aUserMissingFromTheImageIsARefusalToStartWithTheEnginesMessage() {
        String id = create("user", asRoot().withUser("wadexu"), "true");
        try {
            ContainerStartException refused = assertThrows(ContainerStartException.class, () -> gateway.start(id));
            assertTrue(refused.getMessage().contains("unable to find user wadexu"), refused.getMessage());
        } finally {
            gateway.remove(id);
        }
    }

    @Test
    void theEngineSaysWhichSecurityFeaturesItApplies() {
        EngineSecurity security = gateway.security();
        assertTrue(security.options().stream().anyMatch(o -> o.contains("name=")), security.options().toString());
    }
}
