package dev.limitlab.scenario;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HardeningTest {
    @Test
    void theDefaultAddsNothingBack() {
        assertEquals(List.of(), Hardening.DEFAULT.capAdd());
        assertEquals(List.of(), Hardening.DEFAULT.securityOpts());
        assertTrue(Hardening.DEFAULT.capDropAll() && Hardening.DEFAULT.noNewPrivileges() && Hardening.DEFAULT.readOnlyRootfs());
    }

    @Test
    void capabilityNamesAreSpelledAsTheDockerCliTakesThem() {
        assertEquals(List.of("CHOWN", "NET_BIND_SERVICE"),
                Hardening.DEFAULT.withCapAdd(List.of("cap_chown", " NET_BIND_SERVICE", "CAP_CHOWN")).capAdd());
    }

    @Test
    void addingAllCapabilitiesIsRefusedAsPrivilegedInAllButName() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Hardening.DEFAULT.withCapAdd(List.of("all")));
        assertTrue(refused.getMessage().contains("--privileged"), refused.getMessage());
    }

    @Test
    void rejectsWhatIsNotACapabilityName() {
        assertThrows(IllegalArgumentException.class, () -> Hardening.DEFAULT.withCapAdd(List.of("CHOWN;rm")));
    }

    @Test
    void noNewPrivilegesIsItsOwnFieldNotASecurityOption() {
        assertThrows(IllegalArgumentException.class, () -> Hardening.DEFAULT.withSecurityOpts(List.of("no-new-privileges")));
    }
}
