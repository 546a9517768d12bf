package dev.limitlab.docker;

import java.util.List;

/** What a container left behind: its output and what it wrote. Readable after it exited, until it is removed. */
public interface Forensics {
    /** The container's stdout, one entry per line, all runs so far. */
    List<String> stdoutLines(String containerId);

    /**
     * Everything the container printed so far, stdout and stderr kept apart, one entry per line in the order
     * the engine logged the lines (within one stream that is the order they were printed).
     */
    List<LogLine> output(String containerId);

    /** The engine's diff of the container's root filesystem against its image ({@code docker diff}); works after exit. */
    List<FileChange> changes(String containerId);
}
