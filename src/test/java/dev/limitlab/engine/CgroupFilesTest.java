package dev.limitlab.engine;

import dev.limitlab.metrics.Sampler;
import dev.limitlab.metrics.StatsSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.limitlab.metrics.ContainerEvent;
import dev.limitlab.metrics.FinalState;
import dev.limitlab.metrics.TrialAggregator;
import dev.limitlab.metrics.TrialInput;
import dev.limitlab.metrics.TrialMetrics;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads v1 and v2 layouts laid out as the kernel shows them (v1 as read here, v2 as recorded in the cgroup v2 VM). */
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
        assertEquals(new StatsSample.Reclaim(null, null, null, null), sample.reclaim(), "no limit files, no refault keys");
    }

    /**
     * Lays out one cgroup directory recorded in the cgroup v2 VM (scripts/cgroup-v2-vm.sh) where its
     * {@code proc-cgroup} line says it was, and returns that {@code /proc/<pid>/cgroup} file.
     */
    private Path recorded(String name) throws IOException, URISyntaxException {
        Path source = Path.of(CgroupFilesTest.class.getResource("/cgroup-v2/" + name).toURI());
        String line = Files.readString(source.resolve("proc-cgroup")).strip();
        write("fs/cgroup.controllers", Files.readString(source.getParent().resolve("cgroup.controllers")));
        Path directory = root.resolve("fs").resolve(line.substring("0::/".length()));
        Files.createDirectories(directory);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.toList()) {
                Files.copy(file, directory.resolve(file.getFileName().toString()));
            }
        }
        return write("proc/cgroup", line + "\n");
    }

    private static String containerId(String name) throws IOException, URISyntaxException {
        return Files.readString(Path.of(CgroupFilesTest.class.getResource("/cgroup-v2/" + name + "/container-id").toURI())).strip();
    }

    @Test
    void readsTheV1MemorySwapLimitAndItsFailuresToo() throws IOException {
        Path proc = write("proc/cgroup", "4:memory:/docker/%1$s\n2:cpuacct:/docker/%1$s\n1:cpu:/docker/%1$s\n".formatted(ID));
        String dir = "fs/%s/docker/" + ID + "/";
        write(dir.formatted("cpu") + "cpu.stat", "nr_periods 0\nnr_throttled 0\nthrottled_time 0\n");
        write(dir.formatted("cpuacct") + "cpuacct.usage", "1\n");
        Map<String, String> memory = Map.of("memory.usage_in_bytes", "134135808", "memory.max_usage_in_bytes", "134217728",
                "memory.limit_in_bytes", "268435456", "memory.memsw.limit_in_bytes", "134217728", "memory.failcnt", "0",
                "memory.memsw.failcnt", "7", "memory.oom_control", "oom_kill 0",
                "memory.stat", "total_pgmajfault 543\ntotal_workingset_refault_anon 0\ntotal_workingset_refault_file 2323621");
        for (Map.Entry<String, String> file : memory.entrySet()) {
            write(dir.formatted("memory") + file.getKey(), file.getValue() + "\n");
        }

        StatsSample sample = CgroupFiles.ofProcess(root.resolve("fs"), proc, ID).orElseThrow().read(NOW).orElseThrow();

        assertEquals(new StatsSample.Reclaim(543L, null, 2323621L, 134217728L), sample.reclaim(), "the lower of the two limits");
        assertEquals(7L, sample.memoryFailcnt(), "memory.failcnt + memory.memsw.failcnt");
    }

    @Test
    void readsAFrozenSystemdScopeRecordedOnAV2KernelInItsOwnUnits() throws Exception {
        Path proc = recorded("systemd/frozen-cpus0.5");
        assertTrue(Files.readString(proc).contains("/system.slice/docker-"));
        CgroupFiles files = CgroupFiles.ofProcess(root.resolve("fs"), proc, containerId("systemd/frozen-cpus0.5")).orElseThrow();
        StatsSample sample = files.read(NOW).orElseThrow();

        assertEquals(CgroupFiles.Version.V2, files.version());
        assertEquals(4519003000L, sample.cpuTotalNs(), "usage_usec 4519003");
        assertEquals(93, sample.periods());
        assertEquals(85, sample.throttledPeriods());
        assertEquals(9634557000L, sample.throttledTimeNs(), "throttled_usec 9634557");
        assertEquals(18415616L, sample.memoryUsageBytes());
        assertEquals(18915328L, sample.memoryMaxUsageBytes(), "memory.peak");
        assertEquals(18415616L - 16384L, sample.workingSetBytes(), "memory.current - inactive_file");
        assertEquals(16L, sample.pids());
        assertEquals(16L, sample.pidsPeak());
        assertEquals(0L, sample.memoryFailcnt(), "memory.events max");
        assertEquals(0L, sample.oomKillCounter());
        assertEquals(new StatsSample.Pressure(5960748, 5249047, 0, 0), sample.pressure());
    }

    @Test
    void findsTheCgroupfsDriversDockerDirectoryRecordedOnAV2Kernel() throws Exception {
        Path proc = recorded("cgroupfs/frozen-cpus0.5");
        String id = containerId("cgroupfs/frozen-cpus0.5");
        assertEquals("0::/docker/" + id, Files.readString(proc).strip());
        StatsSample sample = CgroupFiles.ofProcess(root.resolve("fs"), proc, id).orElseThrow().read(NOW).orElseThrow();

        assertEquals(5342812000L, sample.cpuTotalNs());
        assertEquals(108, sample.periods());
        assertEquals(98, sample.throttledPeriods());
        assertEquals(9006250000L, sample.throttledTimeNs());
        assertEquals(17596416L, sample.memoryMaxUsageBytes());
        assertEquals(new StatsSample.Pressure(6327047, 5573927, 0, 0), sample.pressure());
    }

    /**
     * The defect the VM found: on v2 a trial's pids peak was the highest pids.current of its 100 ms readings, so
     * the dd that the OOM killer took (alive for a few ms) was never counted; the kernel's pids.peak has it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"systemd", "cgroupfs"})
    void aChildOomRecordedOnAV2KernelGivesTheKernelsPeaksAndCountsTheKillOnce(String driver) throws Exception {
        String name = driver + "/child-oom";
        StatsSample sample = CgroupFiles.ofProcess(root.resolve("fs"), recorded(name), containerId(name))
                .orElseThrow().read(NOW).orElseThrow();
        assertEquals(1L, sample.pids(), driver + ": only PID 1 (sh) is left");
        assertTrue(sample.pidsPeak() >= 2, driver + ": pids.peak counts sh and its dd, got " + sample.pidsPeak());
        assertEquals(32L << 20, sample.memoryMaxUsageBytes(), driver + ": memory.peak reached the 32m limit");
        assertEquals(1L, sample.oomKillCounter());

        StatsSample start = new StatsSample(NOW.minusSeconds(2), 0, 0, 0, 0, 0, null, 0, null, null, null);
        TrialMetrics metrics = TrialAggregator.aggregate(new TrialInput(List.of(start, sample), Sampler.CGROUP,
                List.of(new ContainerEvent("c", "oom", NOW.minusSeconds(1), null, NOW.minusSeconds(1))),
                List.of(), new FinalState(false, 0, true, null), start.read(), null));
        assertEquals(sample.pidsPeak(), metrics.pidsPeak(), driver + ": the trial's pids peak is the kernel's");
        assertEquals(32L << 20, metrics.memoryPeakBytes());
        assertEquals(1, metrics.oomKills(), driver + ": one kill, counted once: " + metrics.oomEvidence());
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
