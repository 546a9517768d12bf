package dev.limitlab.metrics;

import java.time.Instant;

/**
 * A container life-cycle event as the engine reported it: {@code start}, {@code die} (with its exit
 * code), {@code oom} or {@code kill} (someone asked the engine to signal it). {@code recorded} is when limitlab
 * received it, for detection latency. {@link #ENGINE_GONE} is limitlab's own: the engine ended the event stream.
 */
public record ContainerEvent(String containerId, String action, Instant time, Integer exitCode, Instant recorded) {
    /**
     * The engine ended the event stream itself (the daemon stopped or the connection broke): the last event a
     * subscription hears, with no container.
     */
    public static final String ENGINE_GONE = "engine-gone";

    public static ContainerEvent engineGone(Instant at) {
        return new ContainerEvent(null, ENGINE_GONE, at, null, at);
    }

    public boolean is(String name) {
        return action.equals(name);
    }
}
