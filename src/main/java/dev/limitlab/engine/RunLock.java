package dev.limitlab.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * An OS file lock held by this process, with the file recording who holds it (PID, run id). Obtain one from
 * {@link RunLocks}. The OS releases it however the process ends, SIGKILL included; {@link #close()} releases
 * it earlier.
 *
 * <p>Java file locks belong to the whole JVM, and on Linux closing <em>any</em> channel on a locked file drops
 * the JVM's lock on it. So every lock file this JVM holds or is probing is registered here, and this JVM never
 * opens such a file a second time: other threads wait on the registration or read the holder from it.
 */
public final class RunLock implements AutoCloseable {
    private static final Map<Path, RunLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final Path file;
    private final boolean deleteOnClose;
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile Holder holder;
    private FileChannel channel;

    private RunLock(Path file, Holder holder, boolean deleteOnClose) {
        this.file = file;
        this.holder = holder;
        this.deleteOnClose = deleteOnClose;
    }

    /**
     * Who holds a lock, as its file records it.
     *
     * @param pid   the holder's process id, or -1 when the file does not say (yet)
     * @param runId the run it carries out, or null when not known (yet)
     */
    public record Holder(long pid, String runId) {
        static final Holder UNKNOWN = new Holder(-1, null);

        static Holder of(String runId) {
            return new Holder(ProcessHandle.current().pid(), runId);
        }

        /** "run 20250101T000000Z-1a2b (pid 4242)", for messages. */
        public String describe() {
            if (pid < 0) {
                return runId == null ? "another limitlab process" : "run " + runId;
            }
            return (runId == null ? "limitlab" : "run " + runId) + " (pid " + pid + ")";
        }

        String format() {
            return "pid=" + pid + "\n" + (runId == null ? "" : "run=" + runId + "\n");
        }

        /** Tolerates a file being written or written by another version: what it cannot read stays unknown. */
        static Holder parse(String text) {
            long pid = -1;
            String runId = null;
            for (String line : text.split("\n")) {
                if (line.startsWith("pid=")) {
                    try {
                        pid = Long.parseLong(line.substring(4).strip());
                    } catch (NumberFormatException unreadable) {
                        pid = -1;
                    }
                } else if (line.startsWith("run=") && !line.substring(4).isBlank()) {
                    runId = line.substring(4).strip();
                }
            }
            return new Holder(pid, runId);
        }
    }

    /**
     * Takes the lock on {@code file}, creating the file. When someone holds it, {@code onBusy} is told who, once:
     * it returns to wait until the lock is free, or throws to give up.
     */
    static RunLock acquire(Path file, Holder me, boolean deleteOnClose, Consumer<Holder> onBusy) {
        Consumer<Holder> tellOnce = once(onBusy);
        while (true) {
            RunLock mine = new RunLock(file, me, deleteOnClose);
            RunLock other = IN_THIS_JVM.putIfAbsent(file, mine);
            if (other != null) {
                tellOnce.accept(other.holder);
                other.awaitRelease();
                continue;
            }
            boolean locked = false;
            try {
                locked = mine.lockFile(tellOnce);
            } finally {
                if (!locked) {
                    mine.unregister();
                }
            }
            if (locked) {
                return mine;
            }
        }
    }

    /** False when the file was deleted (as stale) between opening and locking it: the caller starts over. */
    private boolean lockFile(Consumer<Holder> onBusy) {
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            if (channel.tryLock() == null) {
                onBusy.accept(readHolder(channel));
                channel.lock();
            }
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                channel.close();
                return false;
            }
            write(holder);
            return true;
        } catch (IOException e) {
            closeChannel();
            throw new UncheckedIOException("cannot lock " + file + ": " + describe(e), e);
        } catch (RuntimeException givenUp) {
            closeChannel();
            throw givenUp;
        }
    }

    /** What a look at a lock file found: held by a live process, free (its holder is gone), or no such file. */
    public record Probe(State state, Holder holder) {
        public enum State { HELD, FREE, NO_FILE }

        static final Probe NO_FILE = new Probe(State.NO_FILE, Holder.UNKNOWN);
    }

    /** Who holds the lock on {@code file} now, without taking it for longer than a look. */
    static Probe probe(Path file) {
        return inspect(file, false);
    }

    /** Deletes {@code file} if nobody holds its lock; returns whether it did. */
    static boolean deleteIfFree(Path file) {
        return inspect(file, true).state() == Probe.State.FREE;
    }

    private static Probe inspect(Path file, boolean deleteIfFree) {
        RunLock probe = new RunLock(file, Holder.UNKNOWN, false);
        RunLock other = IN_THIS_JVM.putIfAbsent(file, probe);
        if (other != null) {
            return new Probe(Probe.State.HELD, other.holder);
        }
        // READ and WRITE: an exclusive lock needs a writable channel. No CREATE: a missing file says something.
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            if (channel.tryLock() == null) {
                return new Probe(Probe.State.HELD, readHolder(channel));
            }
            Holder last = readHolder(channel);
            if (deleteIfFree) {
                // deleted while locked, so that an owner that opened the file before cannot end up holding a deleted file
                Files.deleteIfExists(file);
            }
            return new Probe(Probe.State.FREE, last);
        } catch (IOException missingOrNotOurs) {
            // no file, or another user's that we may not lock: nothing can be said about its holder
            return Probe.NO_FILE;
        } finally {
            probe.unregister();
        }
    }

    /** The holder recorded in this lock's file. */
    public Holder holder() {
        return holder;
    }

    Path file() {
        return file;
    }

    /** Records the run id in the lock file, for whoever finds the lock taken. */
    public void recordRun(String runId) {
        holder = new Holder(holder.pid(), runId);
        try {
            write(holder);
        } catch (IOException unwritable) {
            // the lock itself still holds; only the message of a waiting run loses the id
        }
    }

    private synchronized void write(Holder holder) throws IOException {
        if (channel == null || !channel.isOpen()) {
            return;
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(holder.format().getBytes(StandardCharsets.UTF_8)), 0);
    }

    private static Holder readHolder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(512);
        channel.read(buffer, 0);
        return Holder.parse(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8));
    }

    /** Releases the lock; a run's lock file is deleted first, while still locked. Idempotent. */
    @Override
    public synchronized void close() {
        if (channel == null) {
            return;
        }
        try {
            if (deleteOnClose && channel.isOpen()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException undeletable) {
            // a free lock file left behind is deleted by the next reaper
        } finally {
            closeChannel();
            channel = null;
            unregister();
        }
    }

    private void closeChannel() {
        try {
            if (channel != null) {
                channel.close(); // releases the lock
            }
        } catch (IOException ignored) {
            // the descriptor is gone either way
        }
    }

    private void unregister() {
        IN_THIS_JVM.remove(file, this);
        released.countDown();
    }

    private void awaitRelease() {
        try {
            released.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the lock " + file, interrupted);
        }
    }

    private static <T> Consumer<T> once(Consumer<T> consumer) {
        boolean[] told = {false};
        return value -> {
            if (!told[0]) {
                told[0] = true;
                consumer.accept(value);
            }
        };
    }

    private static String describe(IOException e) {
        return e instanceof AccessDeniedException ? "permission denied" : String.valueOf(e.getMessage());
    }
}
