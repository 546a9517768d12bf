package dev.limitlab.app;

import dev.limitlab.docker.DockerEndpoint;
import dev.limitlab.docker.DockerGateway;
import dev.limitlab.docker.EndpointResolver;
import dev.limitlab.docker.SwarmGateway;
import dev.limitlab.docker.SwarmNode;
import dev.limitlab.docker.SwarmSampler;
import dev.limitlab.engine.AgentCommand;
import dev.limitlab.engine.AgentImage;
import dev.limitlab.engine.CgroupFiles;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Which engine runs the trials: the {@code local} one limitlab finds the way the docker CLI does, or a {@code swarm}
 * whose manager it finds so, its trials placed on nodes that meet {@code constraints}.
 */
public record EngineChoice(Kind kind, List<String> constraints) {
    /** The environment variable that sets the engine when {@code --engine} is not given. */
    public static final String ENVIRONMENT = "LIMITLAB_ENGINE";
    public static final EngineChoice LOCAL = new EngineChoice(Kind.LOCAL, List.of());
    /** How often each node's sampler reads its trials' cgroups (the local sampler's default). */
    static final Duration SWARM_SAMPLE_INTERVAL = Duration.ofMillis(100);

    public enum Kind {
        LOCAL, SWARM;

        /** {@code local} or {@code swarm}; IllegalArgumentException naming both otherwise. */
        public static Kind parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                throw new IllegalArgumentException("engine \"" + text + "\" is not one limitlab knows (expected local or swarm)");
            }
        }
    }

    public EngineChoice {
        constraints = constraints.stream().map(SwarmNode::checkedConstraint).toList();
        if (kind == Kind.LOCAL && !constraints.isEmpty()) {
            throw new IllegalArgumentException("--constraint places Swarm services: it needs --engine swarm");
        }
    }

    /** Opens the chosen engine and checks that it answers (and, for a swarm, that it is a manager of one). */
    public Supplier<DockerGateway> engines() {
        if (kind == Kind.LOCAL) {
            return EngineConnection.SYSTEM;
        }
        return () -> swarm(EndpointResolver.fromSystem().resolve());
    }

    /** The swarm whose manager answers at {@code manager}, checked, with the run's sampler on the agent image. */
    public DockerGateway swarm(DockerEndpoint manager) {
        return EngineConnection.checked(new SwarmGateway(manager, constraints,
                new SwarmSampler(AgentImage.NAME + ":" + Version.agentTag(), SWARM_SAMPLE_INTERVAL.toMillis(),
                        CgroupFiles.V1_FILES, CgroupFiles.V2_FILES, CgroupFiles::parse, AgentCommand::ofAgent)));
    }
}
