package dev.limitlab.app;

import dev.limitlab.docker.DockerGateway;
import dev.limitlab.engine.AgentImage;
import dev.limitlab.engine.LeftoverReaper;
import dev.limitlab.engine.RunLocks;

import java.util.function.Consumer;
import java.util.function.Supplier;

/** The use cases that keep the engine in order: {@code cleanup} and {@code image build}. */
public final class Maintenance {
    private final Supplier<DockerGateway> engines;
    private final RunLocks locks;

    public Maintenance(Supplier<DockerGateway> engines, RunLocks locks) {
        this.engines = engines;
        this.locks = locks;
    }

    public static Maintenance onSystemEngine() {
        return on(EngineChoice.LOCAL);
    }

    /** On the chosen engine: a swarm's cleanup also removes the services labelled limitlab.run. */
    public static Maintenance on(EngineChoice engine) {
        return new Maintenance(engine.engines(), RunLocks.system());
    }

    /**
     * Removes what carries the label {@code limitlab.run}, except what runs in progress on this host use (unless
     * {@code force}); with {@code dryRun} only lists it. Returns how many runs in progress were kept.
     */
    public int cleanup(boolean force, boolean dryRun, Consumer<String> out) {
        try (DockerGateway engine = engines.get()) {
            return new LeftoverReaper(engine, locks).cleanup(force, dryRun, out);
        }
    }

    /** Builds the agent image (after reaping dead runs' leftovers, as every command that uses the engine does); returns its tag. */
    public String buildAgentImage(Consumer<String> out) {
        try (DockerGateway engine = engines.get()) {
            new LeftoverReaper(engine, locks).reapDeadRuns(out);
            AgentImage image = new AgentImage(engine, Version.agentTag());
            image.build(out);
            return image.tag();
        }
    }
}
