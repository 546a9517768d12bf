package dev.limitlab.scenario;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An experiment loosens the default hardening one key at a time; the rest stays as hardened as before. */
class HardeningBlockTest {
    private static Experiment experiment(String hardening) throws Exception {
        return ScenarioLoader.load("h.yaml", new StringReader("name: h\nexperiments:\n  - name: e\n    workload: {kind: cpu}\n"
                + (hardening == null ? "" : "    hardening: " + hardening + "\n"))).experiments().get(0);
    }

    @Test
    void withoutABlockTheDefaultsHold() throws Exception {
        assertEquals(Hardening.DEFAULT, experiment(null).hardening());
    }

    @Test
    void eachKeyLoosensOnlyItself() throws Exception {
        Hardening loosened = experiment("{read-only: false, cap-add: [cap_chown, NET_BIND_SERVICE]}").hardening();
        assertFalse(loosened.readOnlyRootfs());
        assertEquals(List.of("CHOWN", "NET_BIND_SERVICE"), loosened.capAdd());
        assertTrue(loosened.capDropAll());
        assertTrue(loosened.noNewPrivileges());
        assertEquals("none", loosened.networkMode());
        assertEquals(Hardening.NON_ROOT_USER, loosened.user());
        assertEquals("root", experiment("{user: root}").hardening().user());
    }

    @Test
    void theHostNetworkAndAllCapabilitiesAreRefusedWithTheirPlace() {
        ScenarioException network = assertThrows(ScenarioException.class, () -> experiment("{network: host}"));
        assertTrue(network.getMessage().startsWith("h.yaml:5:"), network.getMessage());
        assertTrue(network.getMessage().contains("network"), network.getMessage());
        ScenarioException all = assertThrows(ScenarioException.class, () -> experiment("{cap-add: [ALL]}"));
        assertTrue(all.getMessage().contains("privileged"), all.getMessage());
        ScenarioException unknown = assertThrows(ScenarioException.class, () -> experiment("{readonly: false}"));
        assertTrue(unknown.getMessage().contains("did you mean \"read-only\""), unknown.getMessage());
    }
}
