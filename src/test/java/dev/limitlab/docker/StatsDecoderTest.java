package dev.limitlab.docker;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Statistics;
import dev.limitlab.metrics.StatsSample;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatsDecoderTest {
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static Statistics frame(String name) throws IOException {
        try (InputStream in = StatsDecoderTest.class.getResourceAsStream("/engine-json/" + name)) {
            return JSON.readValue(in, Statistics.class);
        }
    }

    @Test
    void decodesARecordedCgroupV1Frame() throws IOException {
        StatsSample sample = StatsDecoder.decode(frame("stats-v1-cpus0.5.json")).orElseThrow();

        assertEquals(Instant.parse("2026-11-28T16:55:07.333691789Z"), sample.read());
        assertEquals(2088633555L, sample.cpuTotalNs());
        assertEquals(43, sample.periods());
        assertEquals(41, sample.throttledPeriods());
        assertEquals(5820069503L, sample.throttledTimeNs());
        assertEquals(17051648L, sample.memoryUsageBytes());
        assertEquals(17121280L, sample.memoryMaxUsageBytes());
        assertEquals(17051648L, sample.workingSetBytes(), "total_inactive_file is 0 in this frame");
        assertEquals(16L, sample.pids());
    }

    @Test
    void decodesTheCgroupV2LayoutWithNoMaxUsageAndInactiveFileFromTheRawMap() throws IOException {
        StatsSample sample = StatsDecoder.decode(frame("stats-v2-cpus0.5.json")).orElseThrow();

        assertEquals(2088633000L, sample.cpuTotalNs());
        assertEquals(41, sample.throttledPeriods());
        assertNull(sample.memoryMaxUsageBytes(), "v2 has no max_usage");
        assertEquals(17051648L - 1044480L, sample.workingSetBytes());
    }

    @Test
    void skipsTheBlankFrameOfAStoppedContainer() throws IOException {
        Optional<StatsSample> sample = StatsDecoder.decode(frame("stats-v1-stopped.json"));
        assertTrue(sample.isEmpty());
    }
}
