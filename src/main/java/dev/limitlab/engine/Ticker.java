package dev.limitlab.engine;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs an action every interval, from now, on one daemon thread of its own, until closed. */
final class Ticker implements AutoCloseable {
    private final ScheduledExecutorService executor;

    Ticker(String threadName, Duration interval, Runnable action) {
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleAtFixedRate(action, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Stops ticking and waits up to a second for a tick under way. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
