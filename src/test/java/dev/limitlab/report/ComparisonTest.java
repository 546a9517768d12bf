package dev.limitlab.report;

import dev.limitlab.metrics.ConfigurationSummary;
import dev.limitlab.metrics.Metric;
import dev.limitlab.metrics.Spread;
import dev.limitlab.metrics.TrialLimits;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComparisonTest {
    private static final TrialLimits HALF = new TrialLimits(0.5, null, null, 1024L, "no", null);

    private static Comparison.Column column(String label, Spread throughput) {
        ConfigurationSummary c = new ConfigurationSummary("cpu", "cpu", HALF, throughput.n(), 0,
                Map.of("throughputOpsPerSec", throughput));
        return new Comparison.Column(label, label + ".json", Map.of("cpu  cpus=0.5", c));
    }

    @Test
    void aChangeLargerThanTheSpreadAcrossRepeatsIsMarked() {
        Spread base = Spread.of(List.of(1000.0, 1020.0, 980.0));        // range 40
        Spread within = Spread.of(List.of(1030.0, 1010.0, 1050.0));     // +30: inside the spread
        Spread beyond = Spread.of(List.of(1200.0, 1190.0, 1210.0));     // +200: beyond it

        assertEquals("+3.0 %", Comparison.change(Metric.THROUGHPUT, base, within));
        assertEquals("+20.0 % *", Comparison.change(Metric.THROUGHPUT, base, beyond));
    }

    @Test
    void withoutRepeatsNoSpreadIsKnownAndNothingIsMarked() {
        Spread one = Spread.of(List.of(1000.0));
        Spread other = Spread.of(List.of(2000.0));

        assertEquals("+100.0 %", Comparison.change(Metric.THROUGHPUT, one, other));
        assertEquals("+2.0 % from 0", Comparison.change(Metric.THROTTLED, Spread.of(List.of(0.0)), Spread.of(List.of(0.02))));
    }

    @Test
    void theSpreadIsTheWiderOfTheRangeAndTwiceTheCoefficientOfVariationTimesTheMean() {
        Spread s = new Spread(100, 95, 105, 0.1, 3);

        assertEquals(20.0, Comparison.spread(s), 1e-9);
        assertEquals(null, Comparison.spread(new Spread(100, 100, 100, null, 1)));
    }

    @Test
    void rendersOneTablePerConfigurationWithALegend() {
        String text = Comparison.render(List.of(column("A", Spread.of(List.of(1000.0, 1010.0))),
                column("B", Spread.of(List.of(1500.0, 1490.0)))));

        assertEquals("""
                A = A.json
                B = B.json
                * = change larger than the spread across repeats (max - min, or 2 x cv x mean); unmarked where no side was repeated

                cpu  cpus=0.5
                  metric         A         B     change
                  ops/s   1.01e+03  1.50e+03  +48.8 % *
                """, text);
    }

    @Test
    void configurationsOfOneRunAreFoundByTheirNamesAndAnUnknownNameIsBadInput() throws IOException {
        var run = RunDirectory.readRun(ReportWritersTest.SMALL_RUN);

        List<Comparison.Column> columns = Comparison.ofConfigurations(run, "small", List.of("cpus=0.5", "cpus=2"));
        String text = Comparison.render(columns);

        assertTrue(text.startsWith("configurations of small\n"), text);
        assertTrue(text.contains("\ncpu\n  metric "), text);
        assertTrue(text.replaceAll(" +", " ").contains(" ops/s 5.00e+04 1.00e+05 +100.0 %\n"), text);
        RunInputException unknown = assertThrows(RunInputException.class,
                () -> Comparison.ofConfigurations(run, "small", List.of("cpus=0.5", "cpus=3")));
        assertTrue(unknown.getMessage().startsWith("small: no configuration \"cpus=3\" (it has: cpus=0.5, cpus=1, cpus=2,"),
                unknown.getMessage());
    }
}
