package dev.limitlab.docker;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * For integration tests, as {@code @RegisterExtension static final DebianEngine ENGINE = new DebianEngine();}:
 * the engine found as the CLI finds it, with {@code limitlab-debian:bookworm} on it, built once with
 * scripts/build-debian-image.sh (as root, from the machine's Debian mirror) when it is missing. After the class,
 * containers labelled with {@link #runId()} are removed and the gateway is closed.
 */
public final class DebianEngine implements BeforeAllCallback, AfterAllCallback {
    public static final String IMAGE = "limitlab-debian:bookworm";
    private final String runId = "it-debian-" + ProcessHandle.current().pid();
    private DockerGateway gateway;

    public DockerGateway gateway() {
        return gateway;
    }

    /** The {@code limitlab.run} label value for the containers a test makes itself. */
    public String runId() {
        return runId;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        gateway = new DockerJavaGateway(EndpointResolver.fromSystem().resolve());
        gateway.ping();
        ensureImage(gateway);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (gateway != null) {
            gateway.containersLabelled(ContainerSpec.RUN_LABEL, runId).forEach(gateway::remove);
            gateway.close();
        }
    }

    private static synchronized void ensureImage(DockerGateway gateway) throws Exception {
        if (gateway.image(IMAGE).isEmpty()) {
            Path script = Path.of("scripts", "build-debian-image.sh").toAbsolutePath();
            Process build = new ProcessBuilder(script.toString()).inheritIO().start();
            assertEquals(0, build.waitFor(), IMAGE + " is missing and " + script + " could not build it (see its output)");
        }
    }
}
