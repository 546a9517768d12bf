package dev.limitlab.docker;

import com.github.dockerjava.api.exception.InternalServerErrorException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineSecurityTest {
    @Test
    void readsTheOptionsOfDockerInfo() {
        // as docker.io 20.10 on Debian 12 answers here
        EngineSecurity engine = new EngineSecurity(List.of("name=seccomp,profile=default", "name=cgroupns"));
        assertEquals(Optional.of("default"), engine.seccompProfile());
        assertFalse(engine.appArmor());
        assertFalse(engine.rootless());
    }

    @Test
    void readsAppArmorSelinuxRootlessAndAnUnconfinedSeccompDefault() {
        EngineSecurity engine = new EngineSecurity(List.of("name=apparmor", "name=seccomp,profile=unconfined",
                "name=selinux", "name=rootless"));
        assertTrue(engine.appArmor() && engine.selinux() && engine.rootless());
        assertEquals(Optional.of("unconfined"), engine.seccompProfile());
    }

    @Test
    void readsTheBareNamesOfEnginesBefore113() {
        EngineSecurity engine = new EngineSecurity(List.of("apparmor", "seccomp"));
        assertTrue(engine.appArmor());
        assertEquals(Optional.of("default"), engine.seccompProfile());
    }

    @Test
    void withoutSeccompThereIsNoProfile() {
        assertEquals(Optional.empty(), new EngineSecurity(List.of()).seccompProfile());
    }

    @Test
    void theEnginesRefusalToStartIsItsOwnMessage() {
        // docker-java's message is "Status 500: " and the engine's JSON body
        InternalServerErrorException refused = new InternalServerErrorException(
                "{\"message\":\"unable to find user wadexu: no matching entries in passwd file\"}\n");
        assertEquals("unable to find user wadexu: no matching entries in passwd file", DockerJavaGateway.engineMessage(refused));
        assertEquals("Status 500: not json", DockerJavaGateway.engineMessage(new InternalServerErrorException("not json")));
    }
}
