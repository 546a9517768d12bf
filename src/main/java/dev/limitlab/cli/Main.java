package dev.limitlab.cli;

import dev.limitlab.exit.ExitCode;
import dev.limitlab.exit.ExitException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;

/** limitlab's entry point: one CommandLine, built the same way for {@code main} and for tests. */
@Command(name = "limitlab", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Measures containers under --cpus, --memory, --memory-swap, --pids-limit and --restart limits.",
        subcommands = {RunCommand.class, CheckCommand.class, BaselineCommand.class, RecommendCommand.class,
                ReportCommand.class, CompareCommand.class, ImageCommand.class, CleanupCommand.class, HardenCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    static final String VERBOSE = "--verbose";

    public static void main(String[] args) {
        System.exit(execute(new Main(), args));
    }

    /**
     * Runs a top-level command (limitlab's, or another entry point such as the bench) on stdout and stderr, with
     * limitlab's logging, exit codes and one-line error messages; returns its exit code.
     */
    public static int execute(Object command, String[] args) {
        return configure(new CommandLine(command), new PrintWriter(System.out, true), new PrintWriter(System.err, true))
                .execute(args);
    }

    /** The command line with its exit codes and one-line error messages; out and err are injectable for tests. */
    public static CommandLine create(PrintWriter out, PrintWriter err) {
        return configure(new CommandLine(new Main()), out, err);
    }

    private static CommandLine configure(CommandLine commandLine, PrintWriter out, PrintWriter err) {
        commandLine.setOut(out);
        commandLine.setErr(err);
        // Logging is set from the parsed options, before the command runs and so before anything logs:
        // a "--verbose" after "--" is the user's command's argument, not ours.
        commandLine.setExecutionStrategy(parsed -> {
            configureLogging(verbose(parsed));
            return new CommandLine.RunLast().execute(parsed);
        });
        // A bad option or argument: one line, as every other bad input, rather than picocli's message and full usage.
        commandLine.setParameterExceptionHandler((bad, args) -> {
            CommandLine cmd = bad.getCommandLine();
            cmd.getErr().println("error: " + bad.getMessage() + " (see " + cmd.getCommandSpec().qualifiedName(" ") + " --help)");
            cmd.getErr().flush();
            return ExitCode.BAD_INPUT.code();
        });
        commandLine.setExecutionExceptionHandler((failure, cmd, parsed) -> {
            ExitException exit = ExitException.of(failure);
            PrintWriter errors = cmd.getErr();
            errors.println("error: " + exit.getMessage());
            if (verbose(parsed)) {
                failure.printStackTrace(errors);
            }
            errors.flush();
            return exit.exitCode().code();
        });
        return commandLine;
    }

    static int exitCode(Throwable failure) {
        return ExitException.of(failure).exitCode().code();
    }

    /** True when any command on the parsed path matched {@code --verbose} (or {@code -v}) as an option. */
    static boolean verbose(ParseResult parsed) {
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption(VERBOSE)) {
                return true;
            }
        }
        return false;
    }

    // slf4j-simple reads its settings once, at the first logger: set them before anything logs.
    private static void configureLogging(boolean verbose) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    }
}
