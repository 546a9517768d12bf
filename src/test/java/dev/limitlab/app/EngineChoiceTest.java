package dev.limitlab.app;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EngineChoiceTest {
    @Test
    void theEngineIsLocalOrSwarmInAnyCase() {
        assertEquals(EngineChoice.Kind.SWARM, EngineChoice.Kind.parse(" Swarm"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> EngineChoice.Kind.parse("k8s"));
        assertEquals("engine \"k8s\" is not one limitlab knows (expected local or swarm)", refused.getMessage());
    }

    @Test
    void aConstraintNeedsASwarmAndAComparison() {
        assertEquals("--constraint places Swarm services: it needs --engine swarm", assertThrows(IllegalArgumentException.class,
                () -> new EngineChoice(EngineChoice.Kind.LOCAL, List.of("node.labels.type==c6"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EngineChoice(EngineChoice.Kind.SWARM, List.of("type")));
        assertEquals(List.of("node.labels.type==c6"),
                new EngineChoice(EngineChoice.Kind.SWARM, List.of(" node.labels.type==c6 ")).constraints());
    }
}
