package dev.limitlab.cli;

import picocli.CommandLine.Option;

/** Options every subcommand takes. */
public final class GlobalOptions {
    @Option(names = {"-v", "--verbose"}, description = "Show the engine client's log and stack traces.")
    boolean verbose;
}
