package dev.limitlab.docker;

import java.util.List;

/** What is on the engine by label, and its removal: how cleanup finds what limitlab made and nothing else. */
public interface Inventory {
    /** Ids of all containers, in any state, that carry the label {@code key=value}. */
    List<String> containersLabelled(String key, String value);

    /** All containers (in any state), networks and volumes that carry the label {@code key}, whatever its value. */
    List<EngineResource> resourcesLabelled(String key);

    /**
     * Removes a container (running or not, with its anonymous volumes), a network or a volume; an already removed
     * one is not an error. Fails with {@link EngineException} when the engine refuses, e.g. a volume still in use.
     */
    void removeResource(EngineResource resource);
}
