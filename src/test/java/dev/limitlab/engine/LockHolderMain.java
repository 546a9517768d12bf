package dev.limitlab.engine;

import dev.limitlab.docker.DockerEndpoint;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Run in a child JVM by {@link RunLocksTest}: takes a lock, prints "held", and keeps it until its stdin closes or it
 * is killed. Arguments: lock directory, then {@code engine <endpoint URI> <run id>} or {@code run <run id>}.
 */
public final class LockHolderMain {
    private LockHolderMain() {
    }

    public static void main(String[] args) throws IOException {
        RunLocks locks = new RunLocks(Path.of(args[0]));
        RunLock lock = switch (args[1]) {
            case "engine" -> locks.holdEngine(new DockerEndpoint(URI.create(args[2]), "test", List.of()), false, line -> { });
            case "run" -> locks.holdRun(args[2]);
            default -> throw new IllegalArgumentException("engine or run, not " + args[1]);
        };
        if (args[1].equals("engine")) {
            lock.recordRun(args[3]);
        }
        System.out.println("held");
        System.out.flush();
        // Held until the test kills this JVM, or its end of the pipe closes (the test JVM died).
        while (System.in.read() >= 0) {
            // nothing to read: waiting for the end
        }
    }
}
