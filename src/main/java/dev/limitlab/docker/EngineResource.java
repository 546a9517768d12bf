package dev.limitlab.docker;

import java.util.Locale;
import java.util.Map;

/**
 * A container, network or volume on the engine, with its labels: what cleanup finds by label and removes.
 *
 * @param id   the engine's id (a volume's id is its name)
 * @param name the name users see in {@code docker ps}, {@code docker network ls}, {@code docker volume ls}
 */
public record EngineResource(Kind kind, String id, String name, Map<String, String> labels) {
    /** In removal order: a network or volume cannot go while a container still uses it. */
    public enum Kind {
        // in removal order: a service first (its task containers go with it), a volume after the containers using it
        SERVICE("service(s)"), CONTAINER("container(s)"), NETWORK("network(s)"), VOLUME("volume(s)");

        private final String plural;

        Kind(String plural) {
            this.plural = plural;
        }

        /** "container(s)", as in "removed 2 container(s)". */
        public String plural() {
            return plural;
        }
    }

    public EngineResource {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** "container limitlab-20250101T000000Z-1a2b-1", for messages. */
    public String describe() {
        return kind.name().toLowerCase(Locale.ROOT) + " " + name;
    }

    /** The label's value, or null when the resource does not carry it. */
    public String label(String key) {
        return labels.get(key);
    }
}
