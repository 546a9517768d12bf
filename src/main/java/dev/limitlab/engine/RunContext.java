package dev.limitlab.engine;

import dev.limitlab.docker.ContainerSpec;
import dev.limitlab.docker.Containers;
import dev.limitlab.docker.EngineIdentity;
import dev.limitlab.docker.Inventory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What every use case that makes containers holds for its life (run, check, harden, bench, and the security
 * review inside a run): its run id and the labels every container carries, the engine's lock (so that two
 * measurements on one engine never overlap), the run's own lock (so that no other limitlab takes its containers
 * for a dead run's leftovers), and a shutdown hook that, on Ctrl-C or SIGTERM, runs what the use case asked for
 * (e.g. seal run.json as interrupted) and then removes every container labelled with the run id.
 * Closing it removes those containers and releases both locks.
 */
public final class RunContext implements AutoCloseable {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** Whether to take the engine's lock, and what to do when another run holds it. */
    public enum EngineLock {
        /** Wait for the other run to finish, saying once whom for. */
        WAIT,
        /** Fail at once with {@link EngineBusyException}. */
        FAIL_IF_BUSY,
        /** Take no lock ({@code --no-lock}): another run may then disturb the measurements. */
        NONE
    }

    private final Inventory inventory;
    private final Containers containers;
    private final String runId;
    private final Instant startedAt;
    private final RunLock engineLock;
    private final RunLock runLock;
    private final List<Runnable> onInterrupt = new CopyOnWriteArrayList<>();
    private final Thread shutdownHook;
    private boolean closed;

    private RunContext(Inventory inventory, Containers containers, String runId, Instant startedAt, RunLock engineLock,
                       RunLock runLock) {
        this.inventory = inventory;
        this.containers = containers;
        this.runId = runId;
        this.startedAt = startedAt;
        this.engineLock = engineLock;
        this.runLock = runLock;
        this.shutdownHook = new Thread(this::interrupted, "limitlab-cleanup");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * For a use case of its own: takes the engine's lock as asked, then removes what killed runs left (after the
     * lock, so that a run killed while this one waited is reaped too), then names the run and holds its lock.
     * {@code progress} hears the waiting and the reaping.
     */
    public static <E extends Inventory & Containers & EngineIdentity> RunContext open(E engine, RunLocks locks, EngineLock engineLock, String prefix, Clock clock,
                                  Consumer<String> progress) {
        RunLock heldEngine = engineLock == EngineLock.NONE ? null
                : locks.holdEngine(engine.endpoint(), engineLock == EngineLock.WAIT, progress);
        try {
            new LeftoverReaper(engine, locks).reapDeadRuns(progress);
            return named(engine, engine, locks, heldEngine, prefix, clock);
        } catch (RuntimeException failed) {
            if (heldEngine != null) {
                heldEngine.close();
            }
            throw failed;
        }
    }

    /**
     * For measurements whose caller already holds the engine (a benchmark's phases, tests): the run's own lock and
     * shutdown hook, no engine lock, no reaping.
     */
    public static RunContext unlocked(Inventory inventory, Containers containers, RunLocks locks, String prefix, Clock clock) {
        return named(inventory, containers, locks, null, prefix, clock);
    }

    // <prefix><UTC time>-<4 hex digits>: unique even for two runs started in the same second
    private static RunContext named(Inventory inventory, Containers containers, RunLocks locks, RunLock heldEngine, String prefix, Clock clock) {
        Instant startedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String runId = prefix + TIMESTAMP.format(startedAt) + "-" + HexFormat.of().toHexDigits((short) new SecureRandom().nextInt());
        if (heldEngine != null) {
            heldEngine.recordRun(runId);
        }
        return new RunContext(inventory, containers, runId, startedAt, heldEngine, locks.holdRun(runId));
    }

    public String runId() {
        return runId;
    }

    /** When the run started, to the second: its results directory is named after it. */
    public Instant startedAt() {
        return startedAt;
    }

    /** {@code 20250101T120000Z}: the run's start as its results directory is named. */
    public String timestamp() {
        return TIMESTAMP.format(startedAt);
    }

    /** The labels every container of this run carries; the reaper trusts them. */
    public Map<String, String> labels() {
        return Map.of(ContainerSpec.RUN_LABEL, runId);
    }

    /** {@code limitlab-<run id>-<suffix>}: a container name unique to this run. */
    public String containerName(String suffix) {
        return "limitlab-" + runId + "-" + suffix;
    }

    /** On Ctrl-C or SIGTERM, runs {@code action} before the run's containers are removed. */
    public void onInterrupt(Runnable action) {
        onInterrupt.add(action);
    }

    /** Removes every container labelled with this run's id; an engine that went away is left to a later cleanup. */
    public void removeContainers() {
        try {
            inventory.containersLabelled(ContainerSpec.RUN_LABEL, runId).forEach(containers::remove);
        } catch (RuntimeException engineGone) {
            // nothing more can be done now: they carry the run's label for `limitlab cleanup` or the next run's reaper
        }
    }

    private void interrupted() {
        for (Runnable action : onInterrupt) {
            try {
                action.run();
            } catch (RuntimeException failed) {
                // the containers must go whatever else failed
            }
        }
        removeContainers();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running and removes the containers itself
        }
        removeContainers();
        runLock.close();
        if (engineLock != null) {
            engineLock.close();
        }
    }
}
