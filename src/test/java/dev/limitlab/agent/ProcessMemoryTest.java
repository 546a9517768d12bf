package dev.limitlab.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ProcessMemoryTest {

    @Test
    void parsesVmRssInKibibytes() {
        String status = "Name:\tjava\nVmPeak:\t  999 kB\nVmRSS:\t   51200 kB\nRssAnon:\t 100 kB\n";
        assertEquals(51200L * 1024, ProcessMemory.parseVmRssBytes(status));
        assertEquals(-1, ProcessMemory.parseVmRssBytes("Name:\tkthread\n"));
    }

    @Test
    void parsesTheThreadCount() {
        assertEquals(27, ProcessMemory.statusField("Name:\tjava\nThreads:\t27\nVmRSS:\t 1 kB\n", "Threads:"));
        assertEquals(-1, ProcessMemory.statusField("Name:\tjava\n", "Threads:"));
    }

    @Test
    void readsOwnThreadsOnLinux() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs procfs");
        assertTrue(ProcessMemory.threads() >= Thread.activeCount(), "every Java thread is a task, and the JVM has more");
    }

    @Test
    void readsOwnResidentMemoryOnLinux() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs procfs");
        long rss = ProcessMemory.residentBytes();
        assertTrue(rss > 10 * ProcessMemory.MIB, "a running JVM holds more than 10 MiB, got " + rss); // baseline
    }

    @Test
    void parsesCgroupLimits() {
        assertNull(ProcessMemory.parseLimit("max\n"));
        assertNull(ProcessMemory.parseLimit("9223372036854771712\n")); // cgroup v1 "unlimited"
        assertEquals(536870912L, ProcessMemory.parseLimit("536870912\n"));
    }

    @Test
    void prefersCgroupV2File(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("memory.max"), "268435456\n");
        writeV1(root, "536870912\n");
        assertEquals(268435456L, ProcessMemory.containerLimitBytes(root));
    }

    @Test
    void fallsBackToCgroupV1File(@TempDir Path root) throws IOException {
        writeV1(root, "536870912\n");
        assertEquals(536870912L, ProcessMemory.containerLimitBytes(root));
    }

    @Test
    void unlimitedOrMissingOrGarbledIsNull(@TempDir Path root) throws IOException {
        assertNull(ProcessMemory.containerLimitBytes(root));
        Files.writeString(root.resolve("memory.max"), "max\n");
        assertNull(ProcessMemory.containerLimitBytes(root));
        writeV1(root, "not a number");
        assertNull(ProcessMemory.containerLimitBytes(root));
    }

    @Test
    void mibHasOneDecimal() {
        assertEquals(1.5, ProcessMemory.mib(ProcessMemory.MIB * 3 / 2));
        assertEquals(100.0, ProcessMemory.mib(100 * ProcessMemory.MIB + 1000));
    }

    private static void writeV1(Path root, String content) throws IOException {
        Files.createDirectories(root.resolve("memory"));
        Files.writeString(root.resolve("memory/memory.limit_in_bytes"), content);
    }

    @org.junit.jupiter.api.Test
    void theWorkingSetIsUsageLessInactiveFileCacheInEitherLayout(@org.junit.jupiter.api.io.TempDir java.nio.file.Path root) throws Exception {
        java.nio.file.Files.createDirectories(root.resolve("v1/memory"));
        java.nio.file.Files.writeString(root.resolve("v1/memory/memory.usage_in_bytes"), "200000000\n");
        java.nio.file.Files.writeString(root.resolve("v1/memory/memory.stat"), "cache 9000000\ninactive_file 5\ntotal_inactive_file 8000000\n");
        java.nio.file.Files.createDirectories(root.resolve("v2"));
        java.nio.file.Files.writeString(root.resolve("v2/memory.current"), "200000000\n");
        java.nio.file.Files.writeString(root.resolve("v2/memory.stat"), "anon 190000000\ninactive_file 3000000\n");

        org.junit.jupiter.api.Assertions.assertEquals(192000000L, ProcessMemory.workingSetBytes(root.resolve("v1")));
        org.junit.jupiter.api.Assertions.assertEquals(197000000L, ProcessMemory.workingSetBytes(root.resolve("v2")));
        org.junit.jupiter.api.Assertions.assertEquals(-1L, ProcessMemory.workingSetBytes(root.resolve("none")));
    }
}
