package dev.limitlab.cli;

import dev.limitlab.exit.ExitCode;

import dev.limitlab.app.Maintenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code limitlab image build}: builds the agent image locally. */
@Command(name = "image", description = "Manage the workload agent image.", subcommands = ImageCommand.Build.class)
final class ImageCommand {

    @Command(name = "build", description = "Build the agent image (FROM scratch: jlink runtime, its libraries, the agent).")
    static final class Build implements Callable<Integer> {
        @Mixin
        GlobalOptions global;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Instant started = Instant.now();
            String tag = Maintenance.onSystemEngine().buildAgentImage(out::println);
            out.printf("built %s in %.1f s%n", tag, Duration.between(started, Instant.now()).toMillis() / 1000.0);
            return ExitCode.OK.code();
        }
    }
}
