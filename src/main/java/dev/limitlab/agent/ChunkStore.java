package dev.limitlab.agent;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Allocates memory in chunks, makes every page resident and keeps the chunks reachable until released. */
interface ChunkStore {

    /** Linux base page size; writing one byte per page forces the kernel to back each page with real memory. */
    int PAGE_BYTES = 4096;

    /** @throws OutOfMemoryError when the heap or the direct-memory limit is exhausted */
    void allocate(int bytes);

    /** Drops every chunk, e.g. to free room for reporting an OutOfMemoryError. */
    void release();

    static ChunkStore forMode(WorkloadSpec.MemoryMode mode) {
        return mode == WorkloadSpec.MemoryMode.HEAP ? new HeapChunks() : new NativeChunks();
    }

    /** Off-heap via direct buffers (the host sizes -XX:MaxDirectMemorySize), so the heap stays small. */
    final class NativeChunks implements ChunkStore {
        private final List<ByteBuffer> chunks = new ArrayList<>();

        @Override
        public void allocate(int bytes) {
            ByteBuffer chunk = ByteBuffer.allocateDirect(bytes);
            for (int i = 0; i < bytes; i += PAGE_BYTES) chunk.put(i, (byte) 1);
            chunks.add(chunk);
        }

        @Override
        public void release() {
            chunks.clear();
        }
    }

    /** On-heap byte arrays (the host passes a large -Xmx), to exercise heap limits and OutOfMemoryError. */
    final class HeapChunks implements ChunkStore {
        private final List<byte[]> chunks = new ArrayList<>();

        @Override
        public void allocate(int bytes) {
            byte[] chunk = new byte[bytes];
            for (int i = 0; i < bytes; i += PAGE_BYTES) chunk[i] = 1;
            chunks.add(chunk);
        }

        @Override
        public void release() {
            chunks.clear();
        }
    }
}
