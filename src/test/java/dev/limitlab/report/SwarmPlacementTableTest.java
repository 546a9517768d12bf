package dev.limitlab.report;

import dev.limitlab.metrics.EnginePlacement;
import dev.limitlab.metrics.TrialResult;
import dev.limitlab.recommend.TrialBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SwarmPlacementTableTest {
    @Test
    void aSwarmTrialsRowNamesItsNodeItsFixedDelayAndWhatWasNotApplied() {
        TrialResult trial = TrialBuilder.trial("crash-loop", "crash").restart("on-failure:3").build(1)
                .withPlacement(new EnginePlacement("swarm", "n1", "worker-1", 4, 8L << 30,
                        List.of("no-new-privileges (Swarm before engine 25 has no such option)", "network none (Swarm refuses it)"), 100L));

        String row = TrialTable.row(trial);

        assertTrue(row.endsWith("node worker-1, restart delay 100 ms, fixed (swarm), not applied: no-new-privileges, network none"), row);
        assertFalse(TrialTable.row(TrialBuilder.trial("cpu", "cpu").build(1)).contains("node "), "a local trial names no node");
    }
}
