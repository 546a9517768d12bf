package dev.limitlab.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.limitlab.metrics.ContainerEvent;
import dev.limitlab.scenario.RestartPolicy;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A crash loop under on-failure:1 as the manager lists its tasks, poll by poll. */
class SwarmTrialTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String C1 = "a".repeat(64);
    private static final String C2 = "b".repeat(64);

    private final SwarmTrial trial = new SwarmTrial("limitlab-r1-1",
            new SwarmServiceSpec(new ObjectMapper().createObjectNode(), List.of("network none (...)")),
            new SwarmNode("n1", "worker-1", "worker", 4, 8L << 30, Map.of("type", "c6")), new RestartPolicy("on-failure", 1));

    private static SwarmTaskView task(String id, String state, String container, Integer exit, int createdS, int atS) {
        return new SwarmTaskView(id, "n1", state, container, exit, T0.plusSeconds(createdS), T0.plusSeconds(atS), null);
    }

    @Test
    void eachTaskIsARunOfItsOwnAndTheLoopEndsWhenTheAttemptsAreSpent() {
        trial.markCreated();
        assertTrue(trial.status().restarting() && !trial.status().exitedForGood(), "created, its first task not listed yet: not over");

        List<ContainerEvent> first = trial.update(List.of(task("t1", "running", C1, null, 0, 1)), T0);
        assertEquals(List.of("start"), first.stream().map(ContainerEvent::action).toList());
        assertTrue(trial.status().running());

        trial.engineTime(C1, "die", T0.plusMillis(1500)); // the manager's engine saw the death to the nanosecond
        List<ContainerEvent> died = trial.update(List.of(task("t1", "failed", C1, 3, 0, 2)), T0);
        assertEquals("die", died.get(0).action());
        assertEquals(3, died.get(0).exitCode());
        assertEquals(T0.plusMillis(1500), died.get(0).time(), "the engine's time, not the task status's");
        assertTrue(trial.status().restarting(), "on-failure:1 has an attempt left");
        assertFalse(trial.status().exitedForGood());

        // Swarm keeps only a few tasks in its history: the first one may be gone from the list already.
        List<ContainerEvent> second = trial.update(List.of(task("t2", "running", C2, null, 2, 3)), T0);
        assertEquals(List.of("start"), second.stream().map(ContainerEvent::action).toList());
        assertEquals(C2, second.get(0).containerId());

        trial.update(List.of(task("t2", "failed", C2, 3, 2, 4)), T0);
        ContainerStatus end = trial.status();
        assertTrue(end.exitedForGood());
        assertEquals(1, end.restartCount());
        assertEquals(3, end.exitCode());
        assertEquals("worker-1", end.placement().hostname());
        assertEquals(4, end.placement().nodeCpus());
        assertEquals(List.of("network none (...)"), end.placement().notApplied());
        assertEquals(SwarmServiceSpec.RESTART_DELAY_MS, end.placement().restartDelayMs());
        assertTrue(trial.owns(C1) && trial.owns(C2), "both runs' containers are the trial's");
        assertTrue(trial.update(List.of(task("t2", "failed", C2, 3, 2, 4)), T0).isEmpty(), "each event once");
    }

    @Test
    void aTaskThatRanAndEndedBetweenTwoPollsGivesItsStartAndItsDeath() {
        trial.markCreated();

        List<ContainerEvent> events = trial.update(List.of(task("t1", "complete", C1, 0, 0, 1)), T0);

        assertEquals(List.of("start", "die"), events.stream().map(ContainerEvent::action).toList());
        assertTrue(trial.status().exitedForGood(), "exit 0 under on-failure: no restart");
    }

    @Test
    void aRejectedTaskIsTheSwarmsErrorNotARun() {
        trial.markCreated();
        trial.update(List.of(new SwarmTaskView("t1", "n1", "rejected", null, null, T0, T0, "No such image: x")), T0);

        assertEquals("No such image: x", trial.taskError());
    }
}
