package dev.limitlab.report;

import dev.limitlab.metrics.IsolationRun;
import dev.limitlab.metrics.IsolationRun.Containment;
import dev.limitlab.metrics.IsolationRun.HostReadings;
import dev.limitlab.metrics.IsolationRun.IsolationConfiguration;
import dev.limitlab.metrics.TrialLimits;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IsolationTableTest {
    private static IsolationConfiguration configuration(Double latencyRatio, HostReadings host) {
        return new IsolationConfiguration(1, new TrialLimits(0.2, 64L << 20, 64L << 20, 64L, "no", "0"), 100.0, 100.0, 100.0,
                80.0, 0.8, latencyRatio, 0.5, 0.98, 0.78, new Containment(0.97, 0.2, 0, 64L, 900L, 200L, null), host, null,
                7.0, 13.0, "requests/s", List.of(), List.of(), null);
    }

    private static IsolationRun run(String victim, IsolationConfiguration configuration) {
        return new IsolationRun("x", victim, "cpu-hog", 0.7, "0", 6, List.of(configuration), null);
    }

    @Test
    void aServiceVictimGetsItsP99RatioBesideItsShare() {
        Table table = IsolationTable.of(run("service", configuration(1.47, null)));

        int column = table.headers().indexOf("p99 with ÷ alone");
        assertEquals(table.headers().indexOf("share") + 1, column);
        assertEquals("1.47×", table.rows().get(0).get(column));
        assertEquals("0.98 → 0.78", table.rows().get(0).get(table.headers().indexOf("victim cpu alone → with")));
    }

    @Test
    void aCpuVictimHasNoLatencyColumnAndAHostPastItsTaskBoundIsNoted() {
        HostReadings host = new HostReadings(1L << 34, 5.0, 900L, 200L, 520L, false, 256L << 20);
        Table table = IsolationTable.of(run("cpu", configuration(null, host)));

        assertFalse(table.headers().contains("p99 with ÷ alone"));
        List<String> row = table.rows().get(0);
        assertTrue(row.get(row.size() - 1).contains("host tasks reached 900, past the bound of 520"), row.toString());
    }
}
