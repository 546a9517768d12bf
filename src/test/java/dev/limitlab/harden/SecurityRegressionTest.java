package dev.limitlab.harden;

import dev.limitlab.scenario.SecurityCheck;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecurityRegressionTest {
    private static HardenReport adduserReport() {
        return new Hardener(HardenerTest.scripted(HardenerTest.SECCOMP_ONLY, HardenerTest::adduser), HardenListener.NONE,
                HardenerTest.CLOCK).harden(HardenerTest.ADDUSER);
    }

    @Test
    void whatTheLastReviewFoundStillHoldsInAnyOrderAndSpelling() {
        SecurityCheck.Expected expected = new SecurityCheck.Expected(Optional.of(List.of("fowner", "CAP_CHOWN", "DAC_OVERRIDE")),
                Optional.of(true), Optional.of(false), Optional.of(false));
        assertEquals(List.of(), SecurityRegression.differences(expected, adduserReport()));
    }

    @Test
    void aNewCapabilityAndALostReadOnlyRootAreEachOneLine() {
        SecurityCheck.Expected expected = new SecurityCheck.Expected(Optional.of(List.of("CHOWN")), Optional.empty(),
                Optional.of(true), Optional.empty());

        List<String> differences = SecurityRegression.differences(expected, adduserReport());

        assertEquals(2, differences.size(), differences.toString());
        assertEquals("cap-add: expected [CHOWN] but needs [CHOWN, DAC_OVERRIDE, FOWNER]", differences.get(0));
        assertTrue(differences.get(1).startsWith("read-only: expected it to work but it fails ("), differences.get(1));
    }

    @Test
    void theBlockDefaultsToTheWorkloadsImageAndCommand() {
        SecurityCheck block = new SecurityCheck(Optional.empty(), List.of(), Optional.of("test -f /x"), Optional.empty(),
                HardenRequest.DEFAULT_NON_ROOT_USER, Duration.ofSeconds(5), null);

        HardenRequest request = SecurityRegression.request(block, "limitlab-agent:0.1.0", List.of("/opt/java/bin/java", "-version"));

        assertEquals("limitlab-agent:0.1.0", request.image());
        assertEquals(List.of("/opt/java/bin/java", "-version"), request.command());
        assertEquals(Optional.of("test -f /x"), request.check());
        assertEquals(Duration.ofSeconds(5), request.timeout());
        assertEquals(SecurityCheck.Expected.NOTHING, block.expect());
    }
}
