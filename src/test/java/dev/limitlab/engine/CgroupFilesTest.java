package dev.limitlab.engine;

import dev.limitlab.metrics.StatsSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads v1 and v2 layouts laid out as the kernel shows them (file contents as read on real hosts). */
class CgroupFilesTest {
    private static final String ID = "8f5acfb1e845c46768f8ce674acc25b412bcdb4704a7d1279e533a25fca981c1";
    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    @TempDir
    Path root;

    private Path write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    @Test
    void readsTheV1ControllersFromTheProcessCgroupLines() throws IOException {
        Path proc = write("proc/cgroup", """
                8:pids:/docker/%1$s
                4:memory:/docker/%1$s
                2:cpuacct:/docker/%1$s
                1:cpu:/docker/%1$s
                0::/docker/%1$s
                """.formatted(ID));
        String dir = "fs/%s/docker/" + ID + "/";
        write(dir.formatted("cpu") + "cpu.stat", "nr_periods 13\nnr_throttled 2\nthrottled_time 75702101\nnr_bursts 0\nburst_time 0\n");
        write(dir.formatted("cpuacct") + "cpuacct.usage", "451994966\n");
        write(dir.formatted("memory") + "memory.usage_in_bytes", "17625088\n");
        write(dir.formatted("memory") + "memory.max_usage_in_bytes", "18000000\n");
        write(dir.formatted("memory") + "memory.failcnt", "3\n");
        write(dir.formatted("memory") + "memory.stat", "cache 73728\nrss 15880192\ntotal_inactive_file 1000000\n");
        write(dir.formatted("memory") + "memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 1\n");
        write(dir.formatted("pids") + "pids.current", "16\n");

        CgroupFiles files = CgroupFiles.ofProcess(root.resolve("fs"), proc, ID).orElseThrow();
        StatsSample sample = files.read(NOW).orElseThrow();

        assertEquals(CgroupFiles.Version.V1, files.version());
        assertEquals(451994966L, sample.cpuTotalNs());
        assertEquals(13, sample.periods());
        assertEquals(2, sample.throttledPeriods());
        assertEquals(75702101L, sample.throttledTimeNs());
        assertEquals(17625088L, sample.memoryUsageBytes());
        assertEquals(18000000L, sample.memoryMaxUsageBytes());
        assertEquals(16625088L, sample.workingSetBytes());
        assertEquals(3L, sample.memoryFailcnt());
        assertEquals(1L, sample.oomKillCounter());
        assertEquals(16L, sample.pids());
    }

    @Test
    void readsTheV2UnifiedDirectoryInItsOwnUnits() throws IOException {
        write("fs/cgroup.controllers", "cpuset cpu io memory pids\n");
        Path proc = write("proc/cgroup", "0::/system.slice/docker-" + ID + ".scope\n");
        String dir = "fs/system.slice/docker-" + ID + ".scope/";
        write(dir + "cpu.stat", "usage_usec 2088633\nuser_usec 2038633\nsystem_usec 50000\nnr_periods 43\nnr_throttled 41\nthrottled_usec 5820069\n");
        write(dir + "memory.current", "17051648\n");
        write(dir + "memory.stat", "anon 15822848\nfile 1118208\ninactive_file 1044480\n");
        write(dir + "memory.events", "low 0\nhigh 0\nmax 7\noom 1\noom_kill 1\n");
        write(dir + "pids.current", "16\n");

        StatsSample sample = CgroupFiles.ofProcess(root.resolve("fs"), proc, ID).orElseThrow().read(NOW).orElseThrow();

        assertEquals(2088633000L, sample.cpuTotalNs());
        assertEquals(41, sample.throttledPeriods());
        assertEquals(5820069000L, sample.throttledTimeNs());
        assertNull(sample.memoryMaxUsageBytes(), "memory.peak needs kernel 5.19");
        assertEquals(17051648L - 1044480L, sample.workingSetBytes());
        assertEquals(7L, sample.memoryFailcnt());
        assertEquals(1L, sample.oomKillCounter());
    }

    @Test
    void aProcessThatIsNotTheContainersIsNeverRead() throws IOException {
        Path proc = write("proc/cgroup", "4:memory:/user.slice\n2:cpuacct:/user.slice\n1:cpu:/user.slice\n");
        assertTrue(CgroupFiles.ofProcess(root.resolve("fs"), proc, ID).isEmpty());
    }

    @Test
    void aGoneCgroupReadsAsNothingRatherThanFailing() throws IOException {
        Path proc = write("proc/cgroup", "4:memory:/docker/%1$s\n2:cpuacct:/docker/%1$s\n1:cpu:/docker/%1$s\n".formatted(ID));
        CgroupFiles files = CgroupFiles.ofProcess(root.resolve("fs"), proc, ID).orElseThrow();
        assertTrue(files.read(NOW).isEmpty());
    }
}
