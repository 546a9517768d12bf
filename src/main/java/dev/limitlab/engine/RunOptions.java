package dev.limitlab.engine;

import dev.limitlab.scenario.Hardening;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a run is carried out: where results go, which image runs the agent, with what security, and how
 * often the cgroup files are read when the engine is local ({@code sampleInterval} null: stats stream only).
 */
public record RunOptions(Path resultsRoot, String image, Hardening hardening, String limitlabVersion,
                         Duration sampleInterval, Path cgroupRoot, Path procRoot, Duration engineRecovery) {
    public static final Duration DEFAULT_SAMPLE_INTERVAL = Duration.ofMillis(100);
    /** How long a run waits for an engine that went away mid-run (e.g. a daemon restart) before it ends. */
    public static final Duration DEFAULT_ENGINE_RECOVERY = Duration.ofSeconds(60);

    public static RunOptions defaults(Path resultsRoot, String image, String limitlabVersion) {
        return new RunOptions(resultsRoot, image, Hardening.DEFAULT, limitlabVersion, DEFAULT_SAMPLE_INTERVAL,
                Path.of("/sys/fs/cgroup"), Path.of("/proc"), DEFAULT_ENGINE_RECOVERY);
    }

    public RunOptions withSampleInterval(Duration interval) {
        return new RunOptions(resultsRoot, image, hardening, limitlabVersion, interval, cgroupRoot, procRoot, engineRecovery);
    }

    public RunOptions withEngineRecovery(Duration wait) {
        return new RunOptions(resultsRoot, image, hardening, limitlabVersion, sampleInterval, cgroupRoot, procRoot, wait);
    }
}
