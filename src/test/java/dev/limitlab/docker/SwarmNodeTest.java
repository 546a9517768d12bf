package dev.limitlab.docker;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SwarmNodeTest {
    private static final SwarmNode C6 = new SwarmNode("n1", "worker-1", "worker", 4, 8L << 30, Map.of("type", "c6"));

    @Test
    void aNodeMeetsTheConstraintsLimitlabCanJudgeAndLeavesTheOthersToSwarm() {
        assertTrue(C6.meets(List.of("node.labels.type==c6", "node.role!=manager")));
        assertFalse(C6.meets(List.of("node.labels.type==m5")));
        assertFalse(C6.meets(List.of("node.hostname!=worker-1")));
        assertTrue(C6.meets(List.of("engine.labels.zone==a")), "Swarm judges engine labels");
    }

    @Test
    void aConstraintWithoutAComparisonIsRefusedWithAnExample() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> SwarmNode.checkedConstraint("type=c6"));
        assertEquals("constraint \"type=c6\" is not KEY==VALUE or KEY!=VALUE (example: node.labels.type==c6)", refused.getMessage());
    }
}
