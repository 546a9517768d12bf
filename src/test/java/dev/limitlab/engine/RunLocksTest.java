package dev.limitlab.engine;

import dev.limitlab.docker.DockerEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunLocksTest {
    private static final DockerEndpoint ENGINE = endpoint("unix:///var/run/docker.sock");
    private static final long MY_PID = ProcessHandle.current().pid();

    @TempDir
    Path dir;

    private static DockerEndpoint endpoint(String host) {
        return new DockerEndpoint(URI.create(host), "test", List.of());
    }

    @Test
    void aSecondHolderInTheSameJvmIsToldWhoHoldsTheEngineWithoutWaiting() {
        try (RunLock first = new RunLocks(dir).holdEngine(ENGINE, false, line -> { })) {
            first.recordRun("run-a");

            EngineBusyException busy = assertThrows(EngineBusyException.class,
                    () -> new RunLocks(dir).holdEngine(ENGINE, false, line -> { }));

            assertTrue(busy.getMessage().startsWith("run run-a (pid " + MY_PID + ") holds the lock on unix:///var/run/docker.sock ("),
                    busy.getMessage());
        }
        try (RunLock afterRelease = new RunLocks(dir).holdEngine(ENGINE, false, line -> { })) {
            assertEquals(MY_PID, afterRelease.holder().pid());
        }
    }

    @Test
    void aWaitingHolderSaysOnceWhomItWaitsForAndGetsTheLockWhenReleased() throws Exception {
        List<String> progress = new CopyOnWriteArrayList<>();
        RunLock first = new RunLocks(dir).holdEngine(ENGINE, true, progress::add);
        first.recordRun("run-a");

        CompletableFuture<RunLock> second = CompletableFuture.supplyAsync(() -> new RunLocks(dir).holdEngine(ENGINE, true, progress::add));
        await().atMost(Duration.ofSeconds(5)).until(() -> !progress.isEmpty());
        assertFalse(second.isDone());
        first.close();

        try (RunLock got = second.get(5, TimeUnit.SECONDS)) {
            assertEquals(List.of("waiting for run run-a (pid " + MY_PID + ") to finish on unix:///var/run/docker.sock"), progress);
            assertEquals(new RunLock.Holder(MY_PID, null), got.holder());
        }
    }

    @Test
    void anEngineLockHeldByAnotherProcessIsFreeOnceThatProcessIsKilledWithSigkill() throws Exception {
        List<String> progress = new CopyOnWriteArrayList<>();
        try (ChildLockHolder child = ChildLockHolder.start(dir, "engine", ENGINE.host().toString(), "child-run")) {
            EngineBusyException busy = assertThrows(EngineBusyException.class,
                    () -> new RunLocks(dir).holdEngine(ENGINE, false, progress::add));
            assertTrue(busy.getMessage().startsWith("run child-run (pid " + child.pid() + ") holds the lock"), busy.getMessage());

            CompletableFuture<RunLock> waiting = CompletableFuture.supplyAsync(() -> new RunLocks(dir).holdEngine(ENGINE, true, progress::add));
            await().atMost(Duration.ofSeconds(5)).until(() -> !progress.isEmpty());
            assertFalse(waiting.isDone(), "waits while the other process lives");

            assertEquals(137, child.killHard(), "killed by SIGKILL");

            try (RunLock got = waiting.get(10, TimeUnit.SECONDS)) {
                assertEquals(MY_PID, got.holder().pid());
            }
            assertEquals(List.of("waiting for run child-run (pid " + child.pid() + ") to finish on " + ENGINE.host()), progress);
        }
    }

    @Test
    void aRunLockOfAKilledProcessIsFoundFreeAndItsFileThenForgotten() throws Exception {
        RunLocks locks = new RunLocks(dir);
        try (ChildLockHolder child = ChildLockHolder.start(dir, "run", "20250101T000000Z-beef")) {
            assertEquals(new RunLock.Probe(RunLock.Probe.State.HELD, new RunLock.Holder(child.pid(), "20250101T000000Z-beef")),
                    locks.probeRun("20250101T000000Z-beef"));

            child.killHard();

            assertEquals(RunLock.Probe.State.FREE, locks.probeRun("20250101T000000Z-beef").state());
            assertTrue(Files.exists(locks.runLockFile("20250101T000000Z-beef")), "a look changes nothing");
            locks.forgetRun("20250101T000000Z-beef");
            assertEquals(RunLock.Probe.State.NO_FILE, locks.probeRun("20250101T000000Z-beef").state());
        }
    }

    @Test
    void aRunLockIsHeldUntilClosedAndThenLeavesNoFile() {
        RunLocks locks = new RunLocks(dir);
        RunLock lock = locks.holdRun("run-b");
        assertEquals(new RunLock.Probe(RunLock.Probe.State.HELD, new RunLock.Holder(MY_PID, "run-b")),
                new RunLocks(dir).probeRun("run-b"));
        assertEquals(List.of("run-b"), locks.runsWithLockFiles());
        locks.forgetRun("run-b");
        assertTrue(Files.exists(locks.runLockFile("run-b")), "a held lock's file is not forgotten");

        lock.close();
        lock.close();

        assertFalse(Files.exists(locks.runLockFile("run-b")));
        assertEquals(RunLock.Probe.NO_FILE, locks.probeRun("run-b"));
    }

    @Test
    void aRunIdThatCouldNameAnotherPathHasNoLockFile() {
        RunLocks locks = new RunLocks(dir);
        for (String id : List.of("../etc/passwd", "..", "a/b", "", ".hidden")) {
            assertEquals(RunLock.Probe.NO_FILE, locks.probeRun(id), id);
            assertThrows(IllegalArgumentException.class, () -> locks.holdRun(id), id);
        }
        assertEquals(RunLock.Probe.NO_FILE, locks.probeRun(null));
    }

    @Test
    void eachEndpointHasItsOwnLockFileNamedByItsDigest() {
        RunLocks locks = new RunLocks(dir);
        Path local = locks.engineLockFile(ENGINE);
        assertTrue(local.getFileName().toString().matches("limitlab-[0-9a-f]{12}\\.lock"), local.toString());
        assertEquals(local, locks.engineLockFile(endpoint("unix:///var/run/docker.sock")));
        assertNotEquals(local, locks.engineLockFile(endpoint("tcp://10.0.0.2:2376")));

        try (RunLock a = locks.holdEngine(ENGINE, false, line -> { });
             RunLock b = locks.holdEngine(endpoint("tcp://10.0.0.2:2376"), false, line -> { })) {
            assertNotEquals(a.file(), b.file(), "both held at once, without waiting");
        }
    }

    @Test
    void aHolderIsReadFromWhateverTheFileSays() {
        assertEquals(new RunLock.Holder(42, "r"), RunLock.Holder.parse("pid=42\nrun=r\n"));
        assertEquals(new RunLock.Holder(42, null), RunLock.Holder.parse("pid=42\n"));
        assertEquals(RunLock.Holder.UNKNOWN, RunLock.Holder.parse(""));
        assertEquals(RunLock.Holder.UNKNOWN, RunLock.Holder.parse("pid=4x\nrun=\n"));
        assertEquals("run r (pid 42)", new RunLock.Holder(42, "r").describe());
        assertEquals("limitlab (pid 42)", new RunLock.Holder(42, null).describe());
        assertEquals("another limitlab process", RunLock.Holder.UNKNOWN.describe());
    }
}
