package dev.limitlab.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A lock held by another process (a child JVM running {@link LockHolderMain}): Java file locks are per JVM. */
final class ChildLockHolder implements AutoCloseable {
    private final Process process;

    private ChildLockHolder(Process process) {
        this.process = process;
    }

    /** Starts the child and returns once it holds the lock. */
    static ChildLockHolder start(Path lockDirectory, String... what) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                LockHolderMain.class.getName(), lockDirectory.toString()));
        command.addAll(List.of(what));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        ChildLockHolder child = new ChildLockHolder(process);
        BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = CompletableFuture.supplyAsync(() -> readLine(stdout)).get(30, TimeUnit.SECONDS);
        if (!"held".equals(first)) {
            child.close();
            throw new IllegalStateException("the child did not take the lock; it said: " + first);
        }
        return child;
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: the child gets no chance to release anything; returns its exit status. */
    int killHard() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("child " + process.pid() + " survived SIGKILL");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            killHard();
        }
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
