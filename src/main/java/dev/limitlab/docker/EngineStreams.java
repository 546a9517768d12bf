package dev.limitlab.docker;

import dev.limitlab.metrics.ContainerEvent;
import dev.limitlab.metrics.StatsSample;

import java.util.function.Consumer;

/** What the engine reports about containers as it happens. The streams never end on their own: close them. */
public interface EngineStreams {
    /** Stats frames for one container, about one a second, until closed. Empty frames (stopped) are skipped. */
    AutoCloseable streamStats(String containerId, Consumer<StatsSample> onSample);

    /**
     * Container events (start, die, oom, kill) of containers labelled {@code key=value}; returns once the
     * subscription is live, so a container started afterwards misses nothing. When the engine ends the stream
     * before it is closed (the daemon stopped, the connection broke), {@code onEvent} hears one last
     * {@link ContainerEvent#ENGINE_GONE}.
     */
    AutoCloseable streamEvents(String labelKey, String labelValue, Consumer<ContainerEvent> onEvent);
}
