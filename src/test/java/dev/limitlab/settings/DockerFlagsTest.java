package dev.limitlab.settings;

import dev.limitlab.format.Notation;
import dev.limitlab.metrics.TrialSecurity;
import dev.limitlab.scenario.Hardening;
import dev.limitlab.scenario.Limits;
import dev.limitlab.scenario.MemorySwap;
import dev.limitlab.scenario.RestartPolicy;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DockerFlagsTest {
    @Test
    void spellsEverySettingAsTheDockerCliDoesInOneOrder() {
        Hardening hardening = Hardening.DEFAULT.withCapAdd(List.of("cap_chown", "NET_BIND_SERVICE"))
                .withSecurityOpts(List.of("seccomp=unconfined"));
        Limits limits = new Limits(0.5, 96L << 20, MemorySwap.SAME, 64L, RestartPolicy.parse("on-failure:3"));

        List<DockerFlag> flags = DockerFlags.of(ContainerSettings.of(limits, hardening, "0-1"));

        assertEquals(List.of("--cpus", "0.5", "--memory", "96m", "--memory-swap", "96m", "--pids-limit", "64",
                "--restart", "on-failure:3", "--cpuset-cpus", "0-1",
                "--cap-drop", "ALL", "--cap-add", "CHOWN", "--cap-add", "NET_BIND_SERVICE",
                "--security-opt", "no-new-privileges", "--security-opt", "seccomp=unconfined", "--read-only",
                "--user", "65534:65534", "--network", "none"), DockerFlags.arguments(flags));
        assertEquals("--cpus 0.5 --memory 96m", DockerFlags.line(flags.subList(0, 2)));
    }

    @Test
    void theHardeningsPidsLimitAppliesWhenTheLimitsSetNone() {
        List<DockerFlag> flags = DockerFlags.resources(ContainerSettings.of(Limits.NONE, Hardening.DEFAULT, null).resources());

        assertEquals(List.of(new DockerFlag("--pids-limit", "1024")), flags);
    }

    @Test
    void theEnginesDefaultNetworkAndAnUnsetUserHaveNoFlag() {
        SecuritySettings recorded = SecuritySettings.of(new TrialSecurity(false, false, "", false, "", true, null));
        SecuritySettings named = SecuritySettings.of(Hardening.DEFAULT.withNetworkMode("default").withUser(null));

        assertEquals(List.of(), DockerFlags.security(recorded));
        assertEquals(List.of(), DockerFlags.security(SecuritySettings.NONE));
        assertEquals("--cap-drop ALL --security-opt no-new-privileges --read-only", DockerFlags.line(DockerFlags.security(named)));
    }

    @Test
    void sizesAreExactInTheLargestUnitAndUnlimitedSwapStaysMinusOne() {
        assertEquals("2g", Notation.exactSize(2L << 30));
        assertEquals("192m", Notation.exactSize(192L << 20));
        assertEquals("3k", Notation.exactSize(3072));
        assertEquals("1000", Notation.exactSize(1000));
        assertEquals("-1", Notation.exactSize(-1));
        assertEquals("0.75", Notation.plain(0.75));
        assertEquals("2", Notation.plain(2.0));
    }

    @Test
    void aFlagIsOneWordPerArgumentAndTypedWithASpace() {
        assertEquals(List.of("--read-only"), DockerFlag.READ_ONLY.arguments());
        assertEquals("--user 1000:1000", DockerFlag.user("1000:1000").toString());
    }
}
