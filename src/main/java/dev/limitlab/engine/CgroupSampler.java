package dev.limitlab.engine;

import dev.limitlab.metrics.StatsSample;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads a container's cgroup counters every interval (100 ms by default), ten times the resolution of
 * the engine's stats stream. Only possible when the engine shares this host's kernel. Ticks while the
 * container is between runs find no cgroup and are skipped.
 */
final class CgroupSampler implements AutoCloseable {
    private final CgroupFiles files;
    private final Clock clock;
    private final Consumer<StatsSample> onSample;
    private final ScheduledExecutorService ticker;

    CgroupSampler(CgroupFiles files, Duration interval, Clock clock, Consumer<StatsSample> onSample) {
        this.files = files;
        this.clock = clock;
        this.onSample = onSample;
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "limitlab-cgroup-sampler");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(this::sampleNow, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The cgroup files it reads, for counters that are read once (the pids limit's refusals). */
    CgroupFiles files() {
        return files;
    }

    /** One reading now, on the caller's thread too, so the trial's last reading is taken at its very end. */
    synchronized Optional<StatsSample> sampleNow() {
        Optional<StatsSample> sample = files.read(clock.instant());
        sample.ifPresent(onSample);
        return sample;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
