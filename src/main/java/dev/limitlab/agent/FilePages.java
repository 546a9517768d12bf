package dev.limitlab.agent;

import java.io.IOException;
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
