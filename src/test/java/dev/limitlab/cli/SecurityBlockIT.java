package dev.limitlab.cli;

import dev.limitlab.app.RunScenario;
import dev.limitlab.app.SecurityReview;
import dev.limitlab.docker.DebianEngine;
import dev.limitlab.engine.RunContext;
import dev.limitlab.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scenario's {@code security:} block repeats the least-privilege review with every run, so that a nightly job
 * notices when an image needs more than its last review found (issue 8's worked example on the Debian image).
 */
class SecurityBlockIT {
    @RegisterExtension
    static final DebianEngine ENGINE = new DebianEngine();

    @TempDir
    Path dir;

    private List<String> review(String expectedCapabilities) throws Exception {
        Path scenario = Files.writeString(dir.resolve("security.yaml"), """
                name: security-it
                experiments:
                  - name: adduser
                    workload: {kind: command, image: "limitlab-debian:bookworm", command: ["true"]}
                    duration: 2s
                    security:
                      command: [adduser, --disabled-password, --gecos, "", wadexu]
                      check: touch server.js && chown wadexu:wadexu server.js
                      user: root
                      expect: {cap-add: %s}
                """.formatted(expectedCapabilities));
        RunScenario.Settings settings = new RunScenario.Settings(dir.resolve("results"), Duration.ofMillis(100), 1, false,
                false, RunContext.EngineLock.NONE);
        RunScenario.Outcome outcome = RunScenario.onSystemEngine().run(ScenarioLoader.load(scenario), settings,
                new RunScenario.Listener() { });
        List<String> lines = outcome.security().lines();
        assertTrue(lines.contains("security review of experiment adduser:"), lines.toString());
        assertEquals(lines, Files.readAllLines(outcome.directory().resolve(SecurityReview.FILE_NAME)));
        return outcome.security().regressions();
    }

    @Test
    void theReviewedSetStillHoldsAndANarrowerExpectationIsCaught() throws Exception {
        assertEquals(List.of(), review("[CHOWN, DAC_OVERRIDE, FOWNER]"));
        List<String> changed = review("[CHOWN]");
        assertEquals(1, changed.size(), changed.toString());
        assertTrue(changed.get(0).startsWith("adduser: cap-add: expected [CHOWN] but needs [CHOWN, DAC_OVERRIDE, FOWNER]"), changed.get(0));
    }
}
