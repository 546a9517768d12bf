package dev.limitlab.engine;

import dev.limitlab.docker.DockerEndpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The host-wide locks that keep limitlab runs apart, as files in one directory ({@code $LIMITLAB_LOCK_DIR},
 * else {@code java.io.tmpdir}):
 * <ul>
 *   <li>{@code limitlab-<sha256(endpoint)[:12]>.lock}, one per engine: two runs measuring on one engine at once
 *       would disturb each other's figures, so the second one waits or gives up;</li>
 *   <li>{@code limitlab-run-<run id>.lock}, one per run, held for the run's life: a container labelled with a run
 *       whose lock file is free was left by a process that is gone, and can be reaped.</li>
 * </ul>
 * Both are OS file locks, released however the process ends, SIGKILL included. They work between processes of one
 * host: an engine that several hosts share is not protected.
 */
public final class RunLocks {
    /** Environment variable naming the lock directory, for hosts where users' temporary directories differ. */
    public static final String DIRECTORY_VARIABLE = "LIMITLAB_LOCK_DIR";
    private static final String RUN_PREFIX = "limitlab-run-";
    private static final String SUFFIX = ".lock";
    // A run id comes back from engine labels: only ids that cannot name another path get a lock file.
    private static final Pattern SAFE_RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Path directory;

    public RunLocks(Path directory) {
        this.directory = directory;
    }

    /** The locks every limitlab process on this host shares. */
    public static RunLocks system() {
        String configured = System.getenv(DIRECTORY_VARIABLE);
        return new RunLocks(Path.of(configured != null && !configured.isBlank()
                ? configured : System.getProperty("java.io.tmpdir")));
    }

    public Path directory() {
        return directory;
    }

    /**
     * Takes the engine's lock for this process. When another run holds it, either waits, printing once
     * "waiting for run X (pid N) to finish on ENDPOINT", or (without {@code wait}) throws
     * {@link EngineBusyException}. The run id is not known yet: {@link RunLock#recordRun} adds it.
     */
    public RunLock holdEngine(DockerEndpoint endpoint, boolean wait, Consumer<String> progress) {
        Path file = engineLockFile(endpoint);
        shareWithOtherUsers(file);
        String host = endpoint.host().toString();
        return RunLock.acquire(file, RunLock.Holder.of(null), false, holder -> {
            if (!wait) {
                throw new EngineBusyException(holder.describe() + " holds the lock on " + host + " (" + file
                        + "); try again when it has finished");
            }
            progress.accept("waiting for " + holder.describe() + " to finish on " + host);
        });
    }

    /**
     * Takes the run's own lock, to hold from before its first container is created until after its last is removed.
     * Closing it deletes its file.
     */
    public RunLock holdRun(String runId) {
        // A reaper's look at the file takes its lock for an instant: wait that out, silently.
        return RunLock.acquire(runLockFile(runId), RunLock.Holder.of(runId), true, holder -> { });
    }

    /** Whether the process that owns the run holds its lock ({@code HELD}), is gone ({@code FREE}) or is unknown here. */
    public RunLock.Probe probeRun(String runId) {
        return isSafe(runId) ? RunLock.probe(runLockFile(runId)) : RunLock.Probe.NO_FILE;
    }

    /** Deletes the run's lock file when nobody holds it: once its leftovers are removed, nothing needs it. */
    public void forgetRun(String runId) {
        if (isSafe(runId)) {
            RunLock.deleteIfFree(runLockFile(runId));
        }
    }

    /** Run ids that have a lock file here, whether held or not. */
    public List<String> runsWithLockFiles() {
        List<String> runIds = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, RUN_PREFIX + "*" + SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String runId = name.substring(RUN_PREFIX.length(), name.length() - SUFFIX.length());
                if (isSafe(runId)) {
                    runIds.add(runId);
                }
            }
        } catch (IOException unreadable) {
            // no lock directory (yet), or not ours to list: no lock files to consider
        }
        return runIds;
    }

    Path engineLockFile(DockerEndpoint endpoint) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(endpoint.host().toString().getBytes(StandardCharsets.UTF_8));
            return directory.resolve("limitlab-" + HexFormat.of().formatHex(digest).substring(0, 12) + SUFFIX);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

    Path runLockFile(String runId) {
        if (!isSafe(runId)) {
            throw new IllegalArgumentException("run id " + runId + " cannot name a lock file");
        }
        return directory.resolve(RUN_PREFIX + runId + SUFFIX);
    }

    static boolean isSafe(String runId) {
        return runId != null && SAFE_RUN_ID.matcher(runId).matches();
    }

    /** Users who share an engine share its lock: the file is made writable by all (best effort; umask applies on create). */
    private static void shareWithOtherUsers(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.createFile(file);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        } catch (FileAlreadyExistsException | UnsupportedOperationException alreadyThereOrNotPosix) {
            // someone created it, or the file system has no POSIX permissions
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the lock file " + file + ": " + e.getMessage()
                    + " (set " + DIRECTORY_VARIABLE + " to a writable directory, or use --no-lock)", e);
        }
    }
}
