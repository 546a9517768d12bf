package dev.limitlab.agent;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Timeout(10)
class MemoryWorkloadTest {

    private static final long MIB = ProcessMemory.MIB;

    @ParameterizedTest
    @ValueSource(strings = {"native", "heap"})
    void growsResidentMemoryToTheTarget(String mode) {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs procfs");
        long target = ProcessMemory.residentBytes() + 32 * MIB;

        var run = AgentRun.of("memory", "--target-bytes", Long.toString(target), "--rate-bytes-per-sec",
                Long.toString(256 * MIB), "--report-ms", "50", "--mode", mode);

        assertEquals(List.of(0), run.exitCodes());
        JsonNode reached = run.only("reached");
        assertTrue(reached.get("rssBytes").asLong() >= target, "reached " + reached + " below target " + target);
        assertEquals(ProcessMemory.mib(reached.get("rssBytes").asLong()), reached.get("reachedMiB").asDouble());
        assertTrue(reached.get("allocatedBytes").asLong() > 0);
        assertEquals("end", run.last().get("type").asText());
        assertTrue(run.last().get("rssBytes").asLong() > 0);
    }

    @Test
    void writesTheFileItRereadsAndReadsItWhileHolding(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path pages = dir.resolve("pages");
        long target = ProcessMemory.residentBytes() + 8 * MIB;

        var run = AgentRun.of("memory", "--target-bytes", Long.toString(target), "--rate-bytes-per-sec",
                Long.toString(256 * MIB), "--report-ms", "50", "--hold-ms", "300", "--reread", pages.toString(),
                "--reread-write-bytes", Long.toString(MIB + 123));

        assertEquals(List.of(0), run.exitCodes());
        assertEquals(MIB + 123, Files.size(pages));
        assertTrue(Files.readAllBytes(pages)[4096] != 0, "written with data, not a sparse hole");
        assertTrue(run.last().get("pagesReread").asLong() > 257, "read past the file's 257 pages at least once: " + run.last());
    }

    @Test
    void holdsAfterReachingAndKeepsSampling() {
        var store = new CountingStore(Integer.MAX_VALUE);
        var spec = new WorkloadSpec.Memory(100 * MIB, 1000 * MIB, 300, WorkloadSpec.MemoryMode.NATIVE, false, 50);
        long started = System.nanoTime();

        var run = AgentRun.ofWorkload("memory", r -> new MemoryWorkload(spec, store, () -> 60 * MIB + store.bytes).run(r));

        assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(300), "held at least --hold-ms");
        List<String> types = run.lines().stream().map(l -> l.get("type").asText()).toList();
        int reachedAt = types.indexOf("reached");
        assertTrue(reachedAt >= 0, types.toString());
        assertTrue(types.subList(reachedAt, types.size()).stream().filter("sample"::equals).count() >= 2,
                "samples continue during the hold: " + types);
        assertEquals("end", types.get(types.size() - 1));
    }

    @Test
    void takesOnlyWhatIsMissingNearTheTarget() {
        var store = new CountingStore(Integer.MAX_VALUE);
        // 10 MiB + 123 bytes to go, 1000 MiB/s => 100 MiB regular chunks would overshoot by ~90 MiB.
        var spec = new WorkloadSpec.Memory(50 * MIB + 10 * MIB + 123, 1000 * MIB, 0, WorkloadSpec.MemoryMode.NATIVE, false, 1000);

        var run = AgentRun.ofWorkload("memory", r -> new MemoryWorkload(spec, store, () -> 50 * MIB + store.bytes).run(r));

        assertEquals(List.of(0), run.exitCodes());
        assertEquals(10 * MIB + ChunkStore.PAGE_BYTES, run.only("reached").get("allocatedBytes").asLong());
    }

    @Test
    void growsAtTheRequestedRate() {
        // 40 MiB/s => 4 MiB chunks every 100 ms; the 5th chunk is due at 500 ms and fails, ending the run.
        var store = new CountingStore(4);
        var spec = new WorkloadSpec.Memory(1, 40 * MIB, 0, WorkloadSpec.MemoryMode.NATIVE, true, 1000);
        long started = System.nanoTime();

        var run = AgentRun.ofWorkload("memory", r -> new MemoryWorkload(spec, store, () -> -1).run(r));

        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(elapsedMs >= 450, "16 MiB at 40 MiB/s cannot take less than ~0.4 s, took " + elapsedMs + " ms");
        assertEquals(16 * MIB, run.only("error").get("allocatedBytes").asLong());
    }

    @Test
    void outOfMemoryIsReportedAndExitsThree() {
        var store = new CountingStore(2);
        var spec = new WorkloadSpec.Memory(1, 1000 * MIB, 0, WorkloadSpec.MemoryMode.HEAP, true, 1000);

        var run = AgentRun.ofWorkload("memory", r -> new MemoryWorkload(spec, store, () -> 1).run(r));

        assertEquals(List.of(MemoryWorkload.EXIT_OUT_OF_MEMORY), run.exitCodes());
        JsonNode error = run.only("error");
        assertEquals("OutOfMemoryError", error.get("error").asText());
        assertEquals(2 * 64 * MIB, error.get("allocatedBytes").asLong(), "two 64 MiB chunks (the chunk cap) before failing");
        assertTrue(store.released, "chunks are dropped so the report can be written");
    }

    /** Records sizes without holding memory, and fails like a full heap after {@code capacityChunks}. */
    private static final class CountingStore implements ChunkStore {
        private final int capacityChunks;
        private int chunks;
        volatile long bytes;
        boolean released;

        CountingStore(int capacityChunks) {
            this.capacityChunks = capacityChunks;
        }

        @Override
        public void allocate(int size) {
            if (chunks == capacityChunks) throw new OutOfMemoryError("Java heap space");
            chunks++;
            bytes += size;
        }

        @Override
        public void release() {
            released = true;
        }
    }
}
