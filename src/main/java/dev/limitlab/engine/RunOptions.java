package dev.limitlab.engine;

import dev.limitlab.scenario.Hardening;

import java.nio.file.Path;

/** How a run is carried out: where results go, which image runs the agent, with what security. */
public record RunOptions(Path resultsRoot, String image, Hardening hardening, String limitlabVersion) {
}
