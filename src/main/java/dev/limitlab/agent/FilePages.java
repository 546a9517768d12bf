package dev.limitlab.agent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file mapped read-only and read one byte per page, round and round: under a memory limit that the workload's
 * own memory nearly fills, each page the kernel dropped must be read back from disk (a major fault), as a program
 * whose code and data files no longer fit does.
 */
final class FilePages {
    private static final int PAGE = 4096;
    private static final int PAGES_PER_CHECK = 256; // the clock is read once per this many pages

    private final MappedByteBuffer pages;
    private int position;
    private long pagesRead;
    private long checksum; // read bytes go somewhere, so that the reads cannot be left out

    private FilePages(MappedByteBuffer pages) {
        this.pages = pages;
    }

    /**
     * Writes {@code bytes} to a new {@code file} (replacing any) and flushes it to disk, then maps it. The container
     * that writes a file's pages is charged for them, so they compete with its own memory under its limit; flushed,
     * they are clean and the kernel may drop them instead of killing, to read them back at the next touch.
     */
    static FilePages writeAndMap(Path file, long bytes) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(PAGE * 256);
        for (int i = 0; i < chunk.capacity(); i++) {
            chunk.put(i, (byte) (i * 31 + 7)); // not zeros: no filesystem can leave it sparse
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long written = 0; written < bytes; ) {
                chunk.clear().limit((int) Math.min(chunk.capacity(), bytes - written));
                written += channel.write(chunk);
            }
            channel.force(true);
        }
        return map(file);
    }

    /** Maps {@code file} (at most 2 GiB of it). */
    static FilePages map(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = Math.min(channel.size(), Integer.MAX_VALUE);
            if (size == 0) {
                throw new IOException(file + " is empty");
            }
            return new FilePages(channel.map(FileChannel.MapMode.READ_ONLY, 0, size));
        }
    }

    /** Reads pages, continuing where the last call stopped, until {@code deadlineNanos} ({@link System#nanoTime()}). */
    void readUntil(long deadlineNanos) {
        do {
            for (int i = 0; i < PAGES_PER_CHECK; i++) {
                checksum += pages.get(position);
                pagesRead++;
                position += PAGE;
                if (position >= pages.limit()) {
                    position = 0;
                }
            }
        } while (System.nanoTime() < deadlineNanos);
    }

    long pagesRead() {
        return pagesRead;
    }

    long checksum() {
        return checksum;
    }
}
