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

    /** Frames recorded in the cgroup v2 VM (scripts/cgroup-v2-vm.sh), from dockerd 20.10.24 with either cgroup driver. */
    @Test
    void decodesRecordedCgroupV2FramesWithNoMaxUsageAndInactiveFileFromTheRawMap() throws IOException {
        StatsSample sample = StatsDecoder.decode(frame("stats-v2-cpus0.5.json")).orElseThrow();

        assertEquals(Instant.parse("2026-12-01T08:42:52.3322896Z"), sample.read());
        assertEquals(4030446000L, sample.cpuTotalNs(), "usage_usec x 1000");
        assertEquals(81, sample.periods());
        assertEquals(75, sample.throttledPeriods());
        assertEquals(8404159000L, sample.throttledTimeNs(), "throttled_usec x 1000");
        assertEquals(18272256L, sample.memoryUsageBytes());
        assertNull(sample.memoryMaxUsageBytes(), "v2 frames have no max_usage");
        assertEquals(18272256L - 32768L, sample.workingSetBytes());
        assertEquals(16L, sample.pids());
        assertNull(sample.memoryFailcnt(), "v2 frames have no failcnt");

        StatsSample cgroupfs = StatsDecoder.decode(frame("stats-v2-cgroupfs-cpus0.5.json")).orElseThrow();
        assertEquals(4498967000L, cgroupfs.cpuTotalNs());
        assertEquals(81, cgroupfs.throttledPeriods());
    }

    @Test
    void skipsTheBlankFrameOfAStoppedContainer() throws IOException {
        Optional<StatsSample> sample = StatsDecoder.decode(frame("stats-v1-stopped.json"));
        assertTrue(sample.isEmpty());
    }
}
