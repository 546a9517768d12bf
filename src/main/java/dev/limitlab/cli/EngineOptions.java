package dev.limitlab.cli;

import dev.limitlab.app.EngineChoice;
import dev.limitlab.exit.ExitException;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** {@code --engine} and {@code --constraint}: which engine runs the trials, and where on a swarm. */
public final class EngineOptions {
    @Option(names = "--engine", paramLabel = "ENGINE",
            description = "local (the engine the docker CLI would use) or swarm (its manager: each trial a Swarm service);"
                    + " default: $" + EngineChoice.ENVIRONMENT + ", else local.")
    String engine;

    @Option(names = "--constraint", paramLabel = "KEY==VALUE",
            description = "With --engine swarm: place trials only on nodes that meet it, e.g. node.labels.type==c6 (repeatable).")
    List<String> constraints = new ArrayList<>();

    public EngineChoice choice() {
        String named = engine != null ? engine : System.getenv().getOrDefault(EngineChoice.ENVIRONMENT, "local");
        try {
            return new EngineChoice(EngineChoice.Kind.parse(named), constraints);
        } catch (IllegalArgumentException bad) {
            throw ExitException.badInput(bad.getMessage());
        }
    }
}
