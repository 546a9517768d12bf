package dev.limitlab.cli;

import dev.limitlab.docker.DockerGateway;
import dev.limitlab.docker.DockerJavaGateway;
import dev.limitlab.docker.EndpointResolver;
import dev.limitlab.docker.Inventory;
import dev.limitlab.engine.LeftoverReaper;
import dev.limitlab.engine.RunLocks;

import java.io.PrintWriter;

/**
 * Opens the gateway to the engine found the way the docker CLI finds it, and checks that it answers; removes what
 * killed runs left there.
 */
final class EngineConnection {
    private EngineConnection() {
    }

    static DockerGateway open() {
        DockerGateway gateway = new DockerJavaGateway(EndpointResolver.fromSystem().resolve());
        try {
            gateway.ping();
            return gateway;
        } catch (RuntimeException unavailable) {
            gateway.close();
            throw unavailable;
        }
    }

    /** For the start of every command that uses the engine: removes what runs whose process is gone left there. */
    static void reapLeftovers(Inventory gateway, PrintWriter out) {
        new LeftoverReaper(gateway, RunLocks.system()).reapDeadRuns(out::println);
        out.flush();
    }
}
