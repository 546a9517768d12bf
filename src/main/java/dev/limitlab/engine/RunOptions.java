package dev.limitlab.engine;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a run is carried out (the security settings are each experiment's own: {@code Experiment#hardening}).
 *
 * @param sampleInterval  how often cgroup files are read when the engine is local; null: stats stream only
 * @param engineRecovery  how long a run waits for an engine that went away mid-run (a daemon restart)
 * @param parallel        trials run at once, each pinned to its own CPUs; 1 runs them one by one, unpinned
 * @param allowUnbounded  let memory workloads run without a memory limit
 * @param reruns          how many times a trial the host disturbed is run again ({@code --reruns})
 */
public record RunOptions(Path resultsRoot, String image, String limitlabVersion,
                         Duration sampleInterval, Path cgroupRoot, Path procRoot, Duration engineRecovery,
                         int parallel, boolean allowUnbounded, int reruns) {
    public static final Duration DEFAULT_SAMPLE_INTERVAL = Duration.ofMillis(100);
    public static final Duration DEFAULT_ENGINE_RECOVERY = Duration.ofSeconds(60);
    public static final int DEFAULT_RERUNS = 2;

    public RunOptions {
        if (reruns < 0) {
            throw new IllegalArgumentException("reruns must be 0 or more, not " + reruns);
        }
    }

    public static RunOptions defaults(Path resultsRoot, String image, String limitlabVersion) {
        return new RunOptions(resultsRoot, image, limitlabVersion, DEFAULT_SAMPLE_INTERVAL,
                Path.of("/sys/fs/cgroup"), Path.of("/proc"), DEFAULT_ENGINE_RECOVERY, 1, false, DEFAULT_RERUNS);
    }

    public RunOptions withReruns(int times) {
        return new RunOptions(resultsRoot, image, limitlabVersion, sampleInterval, cgroupRoot, procRoot,
                engineRecovery, parallel, allowUnbounded, times);
    }

    public RunOptions withSampleInterval(Duration interval) {
        return new RunOptions(resultsRoot, image, limitlabVersion, interval, cgroupRoot, procRoot,
                engineRecovery, parallel, allowUnbounded, reruns);
    }

    public RunOptions withEngineRecovery(Duration wait) {
        return new RunOptions(resultsRoot, image, limitlabVersion, sampleInterval, cgroupRoot, procRoot,
                wait, parallel, allowUnbounded, reruns);
    }

    public RunOptions withParallel(int trialsAtOnce, boolean unbounded) {
        return new RunOptions(resultsRoot, image, limitlabVersion, sampleInterval, cgroupRoot, procRoot,
                engineRecovery, trialsAtOnce, unbounded, reruns);
    }
}
