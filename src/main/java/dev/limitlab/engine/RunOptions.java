package dev.limitlab.engine;

import dev.limitlab.scenario.Hardening;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a run is carried out: where results go, which image runs the agent, with what security, and how
 * often the cgroup files are read when the engine is local ({@code sampleInterval} null: stats stream only).
 */
public record RunOptions(Path resultsRoot, String image, Hardening hardening, String limitlabVersion,
                         Duration sampleInterval, Path cgroupRoot, Path procRoot) {
    public static final Duration DEFAULT_SAMPLE_INTERVAL = Duration.ofMillis(100);

    public static RunOptions defaults(Path resultsRoot, String image, String limitlabVersion) {
        return new RunOptions(resultsRoot, image, Hardening.DEFAULT, limitlabVersion, DEFAULT_SAMPLE_INTERVAL,
                Path.of("/sys/fs/cgroup"), Path.of("/proc"));
    }

    public RunOptions withSampleInterval(Duration interval) {
        return new RunOptions(resultsRoot, image, hardening, limitlabVersion, interval, cgroupRoot, procRoot);
    }
}
