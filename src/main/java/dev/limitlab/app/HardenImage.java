package dev.limitlab.app;

import dev.limitlab.docker.DockerGateway;
import dev.limitlab.engine.RunContext;
import dev.limitlab.engine.RunLocks;
import dev.limitlab.exit.ExitException;
import dev.limitlab.harden.HardenListener;
import dev.limitlab.harden.HardenReport;
import dev.limitlab.harden.HardenRequest;
import dev.limitlab.harden.Hardener;

import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The use case {@code limitlab harden}: the least privilege a command needs, by trial. Its runs measure nothing, but
 * they hold the engine's lock like a run (so a run never measures while they compete for the CPU) and a run lock
 * of their own (so that {@code cleanup} and other runs' reapers leave their containers alone).
 */
public final class HardenImage {
    private final Supplier<DockerGateway> engines;
    private final RunLocks locks;
    private final Clock clock;

    public HardenImage(Supplier<DockerGateway> engines, RunLocks locks, Clock clock) {
        this.engines = engines;
        this.locks = locks;
        this.clock = clock;
    }

    public static HardenImage onSystemEngine() {
        return new HardenImage(EngineConnection.SYSTEM, RunLocks.system(), Clock.systemUTC());
    }

    /**
     * Examines the request. An image that is not on the engine is bad input (it is never pulled); {@code progress}
     * hears the lock and the reaping, {@code listener} each run.
     */
    public HardenReport harden(HardenRequest request, RunContext.EngineLock engineLock, Consumer<String> progress,
                               HardenListener listener) {
        try (DockerGateway engine = engines.get()) {
            if (engine.image(request.image()).isEmpty()) {
                throw ExitException.badInput("image " + request.image() + " is not on the engine, and limitlab never pulls:"
                        + " build or load it first (scripts/build-debian-image.sh builds limitlab-debian:bookworm)");
            }
            try (RunContext context = RunContext.open(engine, locks, engineLock, Hardener.RUN_ID_PREFIX, clock, progress)) {
                return new Hardener(engine, listener, clock).harden(request, context);
            }
        }
    }
}
