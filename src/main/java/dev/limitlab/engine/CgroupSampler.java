package dev.limitlab.engine;

import dev.limitlab.metrics.StatsSample;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a container's cgroup counters every interval (100 ms by default), ten times the resolution of
 * the engine's stats stream. Only possible when the engine shares this host's kernel. Ticks while the
 * container is between runs find no cgroup and are skipped. Each reading also has the run-queue wait of the
 * container's threads and the host's busy CPU ({@link SchedulingReader}), which tell a starved trial from a limited one.
 */
final class CgroupSampler implements AutoCloseable {
    private final CgroupFiles files;
    private final SchedulingReader scheduling;
    private final Clock clock;
    private final Consumer<StatsSample> onSample;
    private final Ticker ticker;

    CgroupSampler(CgroupFiles files, Duration interval, Clock clock, Consumer<StatsSample> onSample) {
        this(files, Path.of("/proc"), interval, clock, onSample);
    }

    /** Reading the threads' run-queue delays and the host's busy CPU under {@code procRoot} too. */
    CgroupSampler(CgroupFiles files, Path procRoot, Duration interval, Clock clock, Consumer<StatsSample> onSample) {
        this.files = files;
        this.scheduling = new SchedulingReader(procRoot);
        this.clock = clock;
        this.onSample = onSample;
        this.ticker = new Ticker("limitlab-cgroup-sampler", interval, this::sampleNow);
    }

    /** The cgroup files it reads, for counters that are read once (the pids limit's refusals). */
    CgroupFiles files() {
        return files;
    }

    /** One reading now, on the caller's thread too, so the trial's last reading is taken at its very end. */
    synchronized Optional<StatsSample> sampleNow() {
        Optional<StatsSample> sample = files.read(clock.instant()).map(read -> scheduling
                .read(files.threads()).map(read::withScheduling).orElse(read));
        sample.ifPresent(onSample);
        return sample;
    }

    @Override
    public void close() {
        ticker.close();
    }
}
