package dev.limitlab.cli;

import dev.limitlab.exit.ExitCode;

import dev.limitlab.app.HardenImage;
import dev.limitlab.docker.EngineSecurity;
import dev.limitlab.harden.HardenListener;
import dev.limitlab.harden.HardenReport;
import dev.limitlab.harden.HardenRequest;
import dev.limitlab.harden.HardenRun;
import dev.limitlab.harden.HardenText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code limitlab harden --image IMG [--check 'SHELL'] -- COMMAND...}: the least privilege a command needs,
 * measured. Prints each run as it ends, then the hardened {@code docker run} line and the evidence for each flag.
 */
@Command(name = "harden", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Find the capabilities a command needs (out of the engine's defaults, 1-minimal) and check",
                "no-new-privileges, a read-only root filesystem, a non-root user and the seccomp/AppArmor default",
                "profiles, by running it. Prints a hardened docker run line with the evidence for each flag.",
                "Example: limitlab harden --image limitlab-debian:bookworm \\",
                "  --check 'touch server.js && chown wadexu:wadexu server.js' \\",
                "  -- adduser --disabled-password --gecos '' wadexu"})
final class HardenCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;
    @Spec
    CommandSpec spec;
    @Mixin
    EngineLockOptions engineLock;

    @Option(names = "--image", required = true, paramLabel = "IMAGE",
            description = "The image to run the command in; it must be on the engine (nothing is pulled).")
    String image;

    @Option(names = "--check", paramLabel = "SHELL",
            description = "Also a success condition: this shell snippet, run after the command in the same container"
                    + " (same user, capabilities and files), must exit 0. Needs /bin/sh in the image.")
    String check;

    @Option(names = "--user", paramLabel = "USER",
            description = "Run the command as USER in every run (default: the image's user).")
    String user;

    @Option(names = "--non-root-user", paramLabel = "USER", defaultValue = HardenRequest.DEFAULT_NON_ROOT_USER,
            description = "Who the non-root check runs as (default: ${DEFAULT-VALUE}).")
    String nonRootUser;

    @Option(names = "--network", paramLabel = "MODE", defaultValue = HardenRequest.DEFAULT_NETWORK,
            description = "--network of every run; not searched (default: ${DEFAULT-VALUE}).")
    String network;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "How long one run may take before it is stopped and counted as failed (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Parameters(arity = "1..*", paramLabel = "COMMAND",
            description = "The command and its arguments, after --: run as the container's command.")
    List<String> command;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        HardenReport report = HardenImage.onSystemEngine().harden(request(), engineLock.engineLock(), line -> {
            out.println(line);
            out.flush();
        }, new Progress(out));
        out.println();
        HardenText.report(report).forEach(out::println);
        out.flush();
        return ExitCode.OK.code();
    }

    private HardenRequest request() {
        try {
            return new HardenRequest(image, command, Optional.ofNullable(check), Optional.ofNullable(user), nonRootUser,
                    network, timeout);
        } catch (IllegalArgumentException bad) {
            throw new ParameterException(spec.commandLine(), bad.getMessage());
        }
    }

    /** The header, then every run as it ends. */
    private static final class Progress implements HardenListener {
        private final PrintWriter out;

        Progress(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void started(HardenRequest request, EngineSecurity engine) {
            HardenText.header(request, engine).forEach(out::println);
            out.println();
            out.flush();
        }

        @Override
        public void runFinished(HardenRun run) {
            HardenText.run(run).forEach(out::println);
            out.flush();
        }
    }
}
