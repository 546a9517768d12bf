package dev.limitlab.metrics;

import java.time.Instant;

/**
 * A container life-cycle event as the engine reported it: {@code start}, {@code die} (with its exit
 * code) or {@code oom}. {@code recorded} is when limitlab received it, for detection latency.
 */
public record ContainerEvent(String containerId, String action, Instant time, Integer exitCode, Instant recorded) {
    public boolean is(String name) {
        return action.equals(name);
    }
}
