package dev.limitlab.engine;

import dev.limitlab.metrics.StatsSample;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A remote node's sampler sends its files' texts: they are read as the local sampler reads the files. */
class CgroupTextsTest {
    private static final Instant READ = Instant.parse("2026-12-01T10:00:00Z");

    private static Map<String, String> v1() {
        Map<String, String> texts = new HashMap<>();
        texts.put("cpu/cpu.stat", "nr_periods 100\nnr_throttled 80\nthrottled_time 4000000\n");
        texts.put("cpuacct/cpuacct.usage", "500000000\n");
        texts.put("memory/memory.stat", "cache 0\ntotal_inactive_file 1024\n");
        texts.put("memory/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 1\n");
        texts.put("memory/memory.usage_in_bytes", "9216\n");
        texts.put("memory/memory.max_usage_in_bytes", "20480\n");
        texts.put("memory/memory.failcnt", "7\n");
        texts.put("memory/memory.limit_in_bytes", "16384\n");
        texts.put("memory/memory.memsw.limit_in_bytes", "16384\n");
        texts.put("memory/memory.memsw.failcnt", "2\n");
        texts.put("pids/pids.current", "3\n");
        return texts;
    }

    @Test
    void v1TextsGiveEveryCounter() {
        StatsSample sample = CgroupFiles.parse(v1(), READ).orElseThrow();

        assertEquals(READ, sample.read());
        assertEquals(500_000_000L, sample.cpuTotalNs());
        assertEquals(100, sample.periods());
        assertEquals(80, sample.throttledPeriods());
        assertEquals(8192, sample.workingSetBytes());
        assertEquals(20480L, sample.memoryMaxUsageBytes());
        assertEquals(1L, sample.oomKillCounter());
        assertEquals(3L, sample.pids());
        assertEquals(9L, sample.memoryFailcnt(), "memory.failcnt and memory.memsw.failcnt");
        assertEquals(16384L, sample.reclaim().limitBytes(), "the limit, for the time at it");
        assertEquals(CgroupFiles.V1_FILES.size(), v1().size(), "the sampler is asked for exactly these files");
    }

    @Test
    void v2TextsAreToldApartByTheirTopLevelCpuStat() {
        Map<String, String> texts = Map.of("cpu.stat", "usage_usec 2000\nnr_periods 5\nnr_throttled 1\nthrottled_usec 10\n",
                "memory.stat", "inactive_file 0\n", "memory.events", "max 2\noom_kill 0\n", "memory.current", "4096\n");

        StatsSample sample = CgroupFiles.parse(texts, READ).orElseThrow();

        assertEquals(2_000_000L, sample.cpuTotalNs());
        assertEquals(10_000L, sample.throttledTimeNs());
        assertEquals(0L, sample.oomKillCounter());
        assertEquals(null, sample.memoryMaxUsageBytes(), "no memory.peak sent: not reported");
    }

    @Test
    void aReadingWithANeededFileMissingIsNone() {
        Map<String, String> texts = v1();
        texts.remove("cpuacct/cpuacct.usage");

        assertTrue(CgroupFiles.parse(texts, READ).isEmpty());
        assertEquals(Optional.empty(), CgroupFiles.parse(Map.of(), READ));
    }
}
