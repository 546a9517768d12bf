package dev.limitlab.agent;

/** One workload the agent drives, standalone or as a phase. */
interface AgentWorkload {

    /**
     * Runs until the workload's own end or until {@link System#nanoTime()} reaches {@code stopAtNanos}, whichever comes
     * first; frees what it held (threads ended, memory dropped) before returning.
     *
     * @return the process exit code the workload asks for
     */
    int run(Reporter reporter, long stopAtNanos);

    /** Runs to the workload's own end. */
    default int run(Reporter reporter) {
        return run(reporter, Long.MAX_VALUE);
    }
}
