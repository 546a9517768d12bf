package dev.limitlab.cli;

import dev.limitlab.exit.ExitCode;

import dev.limitlab.app.Maintenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code limitlab cleanup}: removes what carries the label {@code limitlab.run}, and nothing else. */
@Command(name = "cleanup", description = {
        "Remove the containers, networks and volumes (and, with --engine swarm, the services) labelled limitlab.run"
                + " (what runs left behind), and nothing else.",
        "Those of a run still in progress on this host are kept unless --force."})
final class CleanupCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;
    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptions engine;

    @Option(names = "--force", description = "Also remove what runs still in progress use (their trials then fail).")
    boolean force;

    @Option(names = "--dry-run", description = "List what would be removed; remove nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int kept = Maintenance.on(engine.choice()).cleanup(force, dryRun, out::println);
        if (kept > 0) {
            out.println("--force also removes what the " + kept + " run(s) in progress use");
        }
        return ExitCode.OK.code();
    }
}
