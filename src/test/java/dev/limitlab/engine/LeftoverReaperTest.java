package dev.limitlab.engine;

import dev.limitlab.docker.EngineResource;
import dev.limitlab.docker.InMemoryEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which leftovers go, judged by each run's lock, against an in-memory engine. */
class LeftoverReaperTest {
    private static final String DEAD = "20250101T000000Z-dead";
    private static final String LIVE = "20250101T000000Z-11fe";
    private static final String UNKNOWN = "20250101T000000Z-0000";

    @TempDir
    Path dir;
    private RunLocks locks;
    private RunLock liveLock;
    private final InMemoryEngine engine = new InMemoryEngine();
    private final List<String> out = new ArrayList<>();

    @BeforeEach
    void locks() throws IOException {
        locks = new RunLocks(dir);
        liveLock = locks.holdRun(LIVE);
        leaveStaleLockFile(DEAD);
    }

    @AfterEach
    void release() {
        liveLock.close();
    }

    /** What a SIGKILLed run leaves: its lock file, locked by nobody. */
    private void leaveStaleLockFile(String runId) throws IOException {
        Files.writeString(locks.runLockFile(runId), "pid=2147483646\nrun=" + runId + "\n");
    }

    private static Map<String, String> run(String runId) {
        return Map.of(TrialRunner.RUN_LABEL, runId, "limitlab.trial", "1");
    }

    private LeftoverReaper reaper() {
        return new LeftoverReaper(engine, locks);
    }

    @Test
    void reapsOnlyTheRunsWhoseProcessIsGone() {
        engine.addContainer("dead-1", run(DEAD));
        engine.addContainer("dead-2", run(DEAD));
        EngineResource live = engine.addContainer("live-1", run(LIVE));
        EngineResource unknown = engine.addContainer("unknown-1", run(UNKNOWN));
        EngineResource unlabelled = engine.addContainer("someone-elses", Map.of("app", "db"));

        reaper().reapDeadRuns(out::add);

        assertEquals(List.of("dead-1", "dead-2"), engine.removed().stream().map(EngineResource::name).toList());
        assertEquals(List.of(live, unknown, unlabelled), engine.resources());
        assertEquals(List.of(
                "removed 2 container(s) left by run " + DEAD + " (its process is gone)",
                "note: 1 container(s) of 1 other run(s) have no lock on this host (another host's run, an older limitlab,"
                        + " or a reboot); `limitlab cleanup` removes them"), out);
        assertFalse(Files.exists(locks.runLockFile(DEAD)), "nothing of the dead run is left: its lock file goes too");
        assertTrue(Files.exists(locks.runLockFile(LIVE)));
    }

    @Test
    void removesContainersBeforeTheNetworksAndVolumesTheyUse() {
        engine.addVolume("dead-data", run(DEAD));
        engine.addNetwork("dead-net", run(DEAD));
        engine.addContainer("dead-1", run(DEAD));

        reaper().reapDeadRuns(out::add);

        assertEquals(List.of(EngineResource.Kind.CONTAINER, EngineResource.Kind.NETWORK, EngineResource.Kind.VOLUME),
                engine.removed().stream().map(EngineResource::kind).toList());
        assertEquals(List.of("removed 1 container(s), 1 network(s), 1 volume(s) left by run " + DEAD
                + " (its process is gone)"), out);
    }

    @Test
    void aRefusedRemovalIsReportedAndTheLockFileKeptSoTheNextReaperTriesAgain() {
        engine.addContainer("dead-1", run(DEAD));
        EngineResource volume = engine.addVolume("dead-data", run(DEAD));
        engine.refuseRemovalOf(volume.id());

        reaper().reapDeadRuns(out::add);

        assertEquals(List.of(
                "could not remove volume dead-data of run " + DEAD + ": cannot remove volume dead-data: in use",
                "removed 1 container(s) left by run " + DEAD + " (its process is gone)"), out);
        assertTrue(Files.exists(locks.runLockFile(DEAD)));
        assertEquals(RunLock.Probe.State.FREE, locks.probeRun(DEAD).state());
    }

    @Test
    void nothingToReapSaysNothingAndForgetsFreeLockFilesOfRunsThatLeftNothing() {
        reaper().reapDeadRuns(out::add);

        assertEquals(List.of(), out);
        assertEquals(List.of(), engine.removed());
        assertFalse(Files.exists(locks.runLockFile(DEAD)), "a run stopped by Ctrl-C leaves only its lock file");
        assertTrue(Files.exists(locks.runLockFile(LIVE)), "a held lock file stays");
    }

    @Test
    void cleanupRemovesEverythingLabelledButWhatARunInProgressUses() {
        engine.addContainer("dead-1", run(DEAD));
        EngineResource live = engine.addContainer("live-1", run(LIVE));
        engine.addContainer("unknown-1", run(UNKNOWN));
        EngineResource unlabelled = engine.addContainer("someone-elses", Map.of());

        int kept = reaper().cleanup(false, false, out::add);

        assertEquals(1, kept);
        assertEquals(List.of(live, unlabelled), engine.resources());
        assertEquals(List.of(
                "removed 1 container(s) of run " + UNKNOWN + " (no lock for it on this host)",
                "kept 1 container(s) of run " + LIVE + ": its process (pid " + ProcessHandle.current().pid()
                        + ") is still running",
                "removed 1 container(s) of run " + DEAD + " (its process is gone)"), out);
    }

    @Test
    void cleanupWithForceAlsoRemovesWhatARunInProgressUsesButNotItsLock() {
        engine.addContainer("live-1", run(LIVE));
        engine.addContainer("someone-elses", Map.of("limitlab.trial", "1"));

        assertEquals(0, reaper().cleanup(true, false, out::add));

        assertEquals(List.of("live-1"), engine.removed().stream().map(EngineResource::name).toList());
        assertEquals(RunLock.Probe.State.HELD, locks.probeRun(LIVE).state());
    }

    @Test
    void aDryRunListsWhatWouldGoAndRemovesNothing() {
        engine.addContainer("dead-1", run(DEAD));
        engine.addNetwork("dead-net", run(DEAD));
        engine.addContainer("live-1", run(LIVE));

        reaper().cleanup(false, true, out::add);

        assertEquals(List.of(), engine.removed());
        assertEquals(List.of(
                "kept 1 container(s) of run " + LIVE + ": its process (pid " + ProcessHandle.current().pid()
                        + ") is still running",
                "would remove container dead-1 of run " + DEAD + " (its process is gone)",
                "would remove network dead-net of run " + DEAD + " (its process is gone)"), out);
        assertTrue(Files.exists(locks.runLockFile(DEAD)), "a dry run changes nothing, lock files included");
    }

    @Test
    void cleanupOfAnEngineWithNothingLabelledSaysSo() {
        engine.addContainer("someone-elses", Map.of());

        reaper().cleanup(false, false, out::add);

        assertEquals(List.of("nothing on the engine carries the label limitlab.run"), out);
        assertEquals(List.of(), engine.removed());
    }

    @Test
    void aLabelThatCannotNameALockFileHasAnUnknownOwner() throws IOException {
        engine.addContainer("odd", run("../../etc/x"));

        reaper().reapDeadRuns(out::add);

        assertEquals(List.of(), engine.removed());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(locks.runLockFile(LIVE)), files.toList(), "no lock file looked for or made for it");
        }
        reaper().cleanup(false, false, out::add);
        assertEquals(List.of("odd"), engine.removed().stream().map(EngineResource::name).toList());
    }
}
