package dev.limitlab.regression;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryMarkdownWriterTest {
    @Test
    void verdictThenATableWithTheRowsThatNeedALookFirst() throws Exception {
        List<String> lines = SummaryMarkdownWriter.render(Comparisons.everyVerdict()).lines().toList();

        assertEquals("## limitlab check: nightly: tool failure", lines.get(0));
        assertEquals("4 of 21 checks failed (9 passed, 3 missing, 3 errors, 5 new) · run `20261128T020000Z-bbbb` (2026-11-28 17:04:28 UTC)"
                + " · baseline `baselines/nightly.json` (run `20261127T020000Z-aaaa`, 2026-11-28 17:04:28 UTC)", lines.get(2));
        assertEquals("| | experiment | configuration | metric | baseline | this run | change | allowed | rule | note |", lines.get(4));
        assertEquals("| ❌ fail | cpu | cpus=1 | throughput | 1.00e+05 ops/s | 5.00e+04 ops/s | -50.0% | -10.0% | `-10% or 3cv` |  |", lines.get(6));
        List<String> rows = lines.subList(6, lines.size());
        assertEquals(21, rows.size());
        assertTrue(rows.subList(0, 7).stream().allMatch(row -> row.startsWith("| ❌") || row.startsWith("| ⚠️")), String.join("\n", rows));
        assertTrue(rows.contains("| ✅ pass | cpu | cpus=0.5 | oom-kills | 0 | 0 | +0 | +0 | `no-increase` |  |"), String.join("\n", rows));
        assertTrue(rows.contains("| ➕ new | cpu | cpus=2 | throughput | - | 1.00e+05 ops/s | - | - | `-10% or 3cv` | is not in the baseline |"),
                String.join("\n", rows));
    }
}
