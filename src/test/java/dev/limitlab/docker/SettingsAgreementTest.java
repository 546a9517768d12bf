package dev.limitlab.docker;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.core.command.CreateContainerCmdImpl;
import dev.limitlab.scenario.Hardening;
import dev.limitlab.scenario.Limits;
import dev.limitlab.scenario.MemorySwap;
import dev.limitlab.scenario.RestartPolicy;
import dev.limitlab.format.Sizes;
import dev.limitlab.settings.ContainerSettings;
import dev.limitlab.settings.DockerFlag;
import dev.limitlab.settings.DockerFlags;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The container the gateway creates is the one the printed docker flags describe, for the same settings. */
class SettingsAgreementTest {
    private static final List<ContainerSettings> SETTINGS = List.of(
            ContainerSettings.of(Limits.NONE, Hardening.DEFAULT, null),
            ContainerSettings.of(new Limits(0.5, 96L << 20, MemorySwap.SAME, 64L, RestartPolicy.parse("on-failure:3")),
                    Hardening.DEFAULT.withCapAdd(List.of("CHOWN", "KILL")).withSecurityOpts(List.of("seccomp=unconfined")), "0-1"),
            ContainerSettings.of(new Limits(2.0, 1L << 30, MemorySwap.UNLIMITED, null, RestartPolicy.parse("always")),
                    Hardening.DEFAULT.withNetworkMode("default").withUser(null).withNoNewPrivileges(false).withReadOnlyRootfs(false), null),
            ContainerSettings.of(Limits.NONE.withMemory(123456789L).withMemorySwap(MemorySwap.ofBytes(2L << 30)),
                    Hardening.DEFAULT.withNetworkMode("bridge").withUser("1000:1000"), null));

    @Test
    void theCreatedContainerHasExactlyWhatTheFlagsSay() {
        for (ContainerSettings settings : SETTINGS) {
            Map<String, List<String>> flags = DockerFlags.of(settings).stream().collect(Collectors.groupingBy(DockerFlag::name,
                    Collectors.mapping(flag -> flag.value() == null ? "" : flag.value(), Collectors.toList())));
            CreateContainerCmdImpl create = new CreateContainerCmdImpl(command -> {
                throw new AssertionError("only built, never run");
            }, null, "img");

            DockerJavaGateway.applySettings(create, settings, Mounts.NONE);

            HostConfig host = create.getHostConfig();
            String why = flags.toString();
            assertEquals(one(flags, "--cpus") == null ? null : Math.round(Double.parseDouble(one(flags, "--cpus")) * 1e9),
                    host.getNanoCPUs(), why);
            assertEquals(bytes(one(flags, "--memory")), host.getMemory(), why);
            assertEquals(bytes(one(flags, "--memory-swap")), host.getMemorySwap(), why);
            assertEquals(one(flags, "--pids-limit") == null ? null : Long.valueOf(one(flags, "--pids-limit")), host.getPidsLimit(), why);
            assertEquals(one(flags, "--restart"), host.getRestartPolicy() == null ? null : restart(host), why);
            assertEquals(one(flags, "--cpuset-cpus"), host.getCpusetCpus(), why);
            assertEquals(flags.getOrDefault("--cap-drop", List.of()), names(host.getCapDrop()), why);
            assertEquals(flags.getOrDefault("--cap-add", List.of()), names(host.getCapAdd()), why);
            assertEquals(flags.getOrDefault("--security-opt", List.of()), host.getSecurityOpts() == null ? List.of() : host.getSecurityOpts(), why);
            assertEquals(flags.containsKey("--read-only"), host.getReadonlyRootfs(), why);
            assertEquals(one(flags, "--user"), create.getUser(), why);
            String network = flags.containsKey("--network") ? one(flags, "--network") : "default";
            assertEquals(network, host.getNetworkMode(), why);
            assertEquals(network.equals("none"), create.isNetworkDisabled(), why);
            assertEquals(false, host.getPrivileged(), why);
        }
    }

    private static String one(Map<String, List<String>> flags, String name) {
        List<String> values = flags.get(name);
        if (values == null) {
            return null;
        }
        assertEquals(1, values.size(), name + " given more than once: " + values);
        return values.get(0);
    }

    private static Long bytes(String flag) {
        return flag == null ? null : flag.equals("-1") ? -1L : Sizes.parse(flag);
    }

    private static String restart(HostConfig host) {
        var policy = host.getRestartPolicy();
        Integer retries = policy.getMaximumRetryCount();
        return policy.getName() + (retries != null && retries > 0 ? ":" + retries : "");
    }

    private static List<String> names(Capability[] capabilities) {
        return capabilities == null ? List.of() : Arrays.stream(capabilities).map(Capability::name).toList();
    }
}
