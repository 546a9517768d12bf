package dev.limitlab.agent;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Grows the process's resident memory (JVM baseline included) towards a target at a steady rate, reports each
 * interval so the host sees how far it got even if the kernel OOM-kills it, then holds the memory for a while.
 */
final class MemoryWorkload implements AgentWorkload {

    static final int EXIT_OUT_OF_MEMORY = 3;
    static final int EXIT_UNREADABLE = 4;
    private static final long GROWTH_STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MAX_CHUNK_BYTES = 64 * ProcessMemory.MIB; // well inside int range for one buffer/array

    private final WorkloadSpec.Memory spec;
    private final ChunkStore store;
    private final LongSupplier residentBytesReader;
    private final long regularChunkBytes;
    private long allocatedBytes;
    private FilePages reread; // null without --reread

    MemoryWorkload(WorkloadSpec.Memory spec, ChunkStore store, LongSupplier residentBytesReader) {
        this.spec = spec;
        this.store = store;
        this.residentBytesReader = residentBytesReader;
        // One growth step's worth (rate/10 per 100 ms), but at least 1 MiB so slow rates don't churn tiny chunks.
        long perStep = Math.max(ProcessMemory.MIB, spec.rateBytesPerSec() / 10);
        this.regularChunkBytes = roundUpToPage(Math.min(perStep, MAX_CHUNK_BYTES));
    }

    @Override
    public int run(Reporter reporter, long stopAtNanos) {
        long start = reporter.startNanos();
        long reportNanos = TimeUnit.MILLISECONDS.toNanos(spec.reportMs());
        long nextReport = start + reportNanos;
        long nextGrowth = start;
        long holdEnd = Long.MAX_VALUE;
        boolean reached = false;
        try {
            java.nio.file.Path file = spec.reread() == null ? null : java.nio.file.Path.of(spec.reread());
            reread = file == null ? null
                    : spec.rereadWriteBytes() > 0 ? FilePages.writeAndMap(file, spec.rereadWriteBytes()) : FilePages.map(file);
        } catch (java.io.IOException | RuntimeException unreadable) {
            reporter.emit(reporter.line("error").put("error", "unreadable").put("message", spec.reread() + ": " + unreadable.getMessage()));
            return EXIT_UNREADABLE;
        }
        try {
            while (true) {
                long now = System.nanoTime();
                if (!reached && growWithinBudget(now - start)) {
                    reached = true;
                    reporter.emit(withMemory(reporter.line("reached")));
                    if (spec.holdMs() >= 0) holdEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(spec.holdMs());
                }
                if (now >= nextReport) {
                    reporter.emit(withMemory(reporter.sample(now)));
                    nextReport = Reporter.nextTick(nextReport, reportNanos, now);
                }
                long end = Math.min(holdEnd, stopAtNanos);
                if (System.nanoTime() >= end) break;
                if (!reached) nextGrowth = Reporter.nextTick(nextGrowth, GROWTH_STEP_NANOS, now);
                long until = Math.min(nextReport, reached ? end : Math.min(nextGrowth, end));
                if (reached && reread != null) {
                    reread.readUntil(until); // the held memory and the file's pages compete for the limit
                } else {
                    Reporter.sleepUntil(until);
                }
            }
        } catch (OutOfMemoryError e) {
            long heldBytes = allocatedBytes;
            store.release(); // free the memory first, or writing the report could fail the same way
            reporter.emit(reporter.line("error").put("error", "OutOfMemoryError")
                    .put("message", e.getMessage()).put("allocatedBytes", heldBytes));
            return EXIT_OUT_OF_MEMORY;
        }
        reporter.emit(withMemory(reporter.line("end")));
        store.release(); // unreachable now; the next phase, if any, collects it
        return 0;
    }

    /**
     * Allocates chunks while the rate budget for the elapsed time allows; true once resident memory reached the
     * target (never with --leak). The budget follows elapsed time, so a late wake-up catches up instead of drifting.
     */
    private boolean growWithinBudget(long elapsedNanos) {
        double budgetBytes = spec.rateBytesPerSec() * (elapsedNanos / 1e9);
        while (true) {
            long resident = residentBytes();
            if (!spec.leak() && resident >= spec.targetBytes()) return true;
            // Near the target, take only what is missing so the overshoot stays within a page or so.
            long chunk = spec.leak() ? regularChunkBytes
                    : Math.min(regularChunkBytes, roundUpToPage(spec.targetBytes() - resident));
            if (allocatedBytes + chunk > budgetBytes) return false;
            store.allocate((int) chunk);
            allocatedBytes += chunk;
        }
    }

    /** Resident bytes; where procfs is unreadable (not Linux), what the workload holds is the best estimate. */
    private long residentBytes() {
        long resident = residentBytesReader.getAsLong();
        return resident >= 0 ? resident : allocatedBytes;
    }

    private JsonLine withMemory(JsonLine line) {
        long resident = residentBytes();
        if (reread != null) {
            line.put("pagesReread", reread.pagesRead());
        }
        return line.put("rssBytes", resident).put("allocatedBytes", allocatedBytes)
                .put("reachedMiB", ProcessMemory.mib(resident));
    }

    private static long roundUpToPage(long bytes) {
        return Math.max(1, (bytes + ChunkStore.PAGE_BYTES - 1) / ChunkStore.PAGE_BYTES) * ChunkStore.PAGE_BYTES;
    }
}
