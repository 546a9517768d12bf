package dev.limitlab.agent;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Counts the runs of a restarting container in {@code <state dir>/runs}: the engine mounts the state directory from a
 * volume that outlives each run, the only writable place under a read-only root filesystem.
 */
final class RunCounter {

    static final String FILE_NAME = "runs";
    private static final int MAX_QUOTED = 40;

    private RunCounter() {
    }

    /** Reads the count (0 when there is no file yet), writes it plus one and returns that: this run's 1-based number. */
    static int next(Path stateDir) throws IOException {
        if (!Files.isDirectory(stateDir)) Files.createDirectories(stateDir);
        Path file = stateDir.resolve(FILE_NAME);
        int previous = Files.exists(file) ? parse(file, Files.readString(file).trim()) : 0;
        if (previous == Integer.MAX_VALUE) throw new IOException(file + " holds the largest count there is");
        int run = previous + 1;
        // Write beside it, then rename over it: a run killed mid-write leaves the old count, never half a number.
        Path temporary = stateDir.resolve(FILE_NAME + ".tmp");
        Files.writeString(temporary, run + "\n");
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return run;
    }

    private static int parse(Path file, String text) throws IOException {
        try {
            int count = Integer.parseInt(text);
            if (count >= 0) return count;
        } catch (NumberFormatException e) {
            // reported below
        }
        String shown = text.length() > MAX_QUOTED ? text.substring(0, MAX_QUOTED) + "..." : text;
        throw new IOException(file + " holds '" + shown.replaceAll("\\p{Cntrl}", "?") + "', not a run count");
    }
}
