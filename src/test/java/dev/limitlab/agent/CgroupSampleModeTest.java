package dev.limitlab.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CgroupSampleModeTest {
    private static final String ID = "0123456789abcdef".repeat(4);

    @TempDir
    Path root;

    @Test
    void aV1NodeIsReadThroughItsControllersAtTheContainersPath() throws Exception {
        Path cpu = Files.createDirectories(root.resolve("cpu,cpuacct/limitlab-test/" + ID));
        Files.createSymbolicLink(root.resolve("cpu"), Path.of("cpu,cpuacct"));
        Files.writeString(cpu.resolve("cpu.stat"), "nr_periods 10\nnr_throttled 9\n");
        Path memory = Files.createDirectories(root.resolve("memory/limitlab-test/" + ID));
        Files.writeString(memory.resolve("memory.usage_in_bytes"), "4096\n");
        CgroupSampleMode.Settings settings = CgroupSampleMode.parse(new String[]{"sample", "--root", root.toString(),
                "--v1-files", "cpu/cpu.stat,memory/memory.usage_in_bytes,pids/pids.current", "--v2-files", "cpu.stat"});

        List<String> lines = CgroupSampleMode.sampleOnce(settings, 42, Set.of());

        assertEquals(List.of("{\"type\":\"cgroup\",\"c\":\"" + ID + "\",\"t\":42,\"f\":{\"cpu/cpu.stat\":\"nr_periods 10\\nnr_throttled 9\\n\","
                + "\"memory/memory.usage_in_bytes\":\"4096\\n\"}}"), lines, "a file it cannot read is left out");
        assertTrue(CgroupSampleMode.sampleOnce(settings, 42, Set.of(ID)).isEmpty(), "a container there before it started is not sampled");
    }

    @Test
    void aV2NodeIsScannedFromTheRootWithItsOwnFiles() throws Exception {
        Files.writeString(root.resolve("cgroup.controllers"), "cpu memory pids\n");
        Path scope = Files.createDirectories(root.resolve("system.slice/docker-" + ID + ".scope"));
        Files.writeString(scope.resolve("cpu.stat"), "usage_usec 5\n");
        CgroupSampleMode.Settings settings = CgroupSampleMode.parse(new String[]{"sample", "--root", root.toString(),
                "--v1-files", "cpu/cpu.stat", "--v2-files", "cpu.stat"});

        assertEquals(List.of("{\"type\":\"cgroup\",\"c\":\"" + ID + "\",\"t\":1,\"f\":{\"cpu.stat\":\"usage_usec 5\\n\"}}"),
                CgroupSampleMode.sampleOnce(settings, 1, Set.of()));
    }

    @Test
    void aMissingOptionIsAUsageError() {
        UsageException refused = assertThrows(UsageException.class, () -> CgroupSampleMode.parse(new String[]{"sample", "--root", "/x"}));
        assertEquals("sample: --v1-files is required", refused.getMessage());
    }
}
