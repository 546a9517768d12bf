package dev.limitlab.docker;

import java.util.List;
import java.util.Map;

/** A node of a swarm that can take trials: ready and active. */
public record SwarmNode(String id, String hostname, String role, int cpus, long memoryBytes, Map<String, String> labels) {
    public SwarmNode {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /**
     * Whether the node meets every constraint Swarm would check for it, for those limitlab can judge from the node
     * list ({@code node.id}, {@code node.hostname}, {@code node.role}, {@code node.labels.K}, with {@code ==} or
     * {@code !=}); others (e.g. {@code engine.labels}) are left to Swarm.
     */
    public boolean meets(List<String> constraints) {
        return constraints.stream().allMatch(this::meets);
    }

    private boolean meets(String constraint) {
        boolean equal = !constraint.contains("!=");
        String[] parts = constraint.split(equal ? "==" : "!=", 2);
        if (parts.length != 2) {
            return true;
        }
        String key = parts[0].strip();
        String wanted = parts[1].strip();
        String actual;
        if (key.equals("node.id")) {
            actual = id;
        } else if (key.equals("node.hostname")) {
            actual = hostname;
        } else if (key.equals("node.role")) {
            actual = role;
        } else if (key.startsWith("node.labels.")) {
            actual = labels.get(key.substring("node.labels.".length()));
        } else {
            return true;
        }
        return equal == wanted.equals(actual);
    }

    /**
     * A constraint as {@code --constraint} takes it: {@code KEY==VALUE} or {@code KEY!=VALUE}; IllegalArgumentException
     * naming what was expected otherwise.
     */
    public static String checkedConstraint(String constraint) {
        String[] parts = constraint.split("==|!=", 2);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new IllegalArgumentException("constraint \"" + constraint + "\" is not KEY==VALUE or KEY!=VALUE"
                    + " (example: node.labels.type==c6)");
        }
        return constraint.strip();
    }
}
