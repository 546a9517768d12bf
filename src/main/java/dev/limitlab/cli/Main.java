package dev.limitlab.cli;

import dev.limitlab.docker.EngineException;
import dev.limitlab.docker.EngineUnavailableException;
import dev.limitlab.engine.PreflightException;
import dev.limitlab.engine.EngineBusyException;
import dev.limitlab.scenario.ScenarioException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.Arrays;

/** limitlab's entry point: one CommandLine, built the same way for {@code main} and for tests. */
@Command(name = "limitlab", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Measures containers under --cpus, --memory, --memory-swap, --pids-limit and --restart limits.",
        subcommands = {RunCommand.class, CheckCommand.class, BaselineCommand.class, RecommendCommand.class,
                ReportCommand.class, CompareCommand.class, ImageCommand.class, CleanupCommand.class, HardenCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(execute(new Main(), args));
    }

    /**
     * Runs a top-level command (limitlab's, or another entry point such as the bench) on stdout and stderr, with
     * limitlab's logging, exit codes and one-line error messages; returns its exit code.
     */
    public static int execute(Object command, String[] args) {
        configureLogging(Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v"));
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
        commandLine.setExecutionExceptionHandler((failure, cmd, parsed) -> {
            boolean verbose = parsed.originalArgs().contains("--verbose") || parsed.originalArgs().contains("-v");
            PrintWriter errors = cmd.getErr();
            errors.println("error: " + message(failure));
            if (verbose) {
                failure.printStackTrace(errors);
            }
            errors.flush();
            return exitCode(failure);
        });
        return commandLine;
    }

    static int exitCode(Throwable failure) {
        if (failure instanceof ScenarioException || failure instanceof PreflightException
                || failure instanceof java.nio.file.NoSuchFileException) {
            return ExitCodes.BAD_INPUT;
        }
        if (failure instanceof EngineUnavailableException) {
            return ExitCodes.NO_ENGINE;
        }
        if (failure instanceof EngineBusyException) {
            return ExitCodes.ENGINE_BUSY;
        }
        return ExitCodes.TOOL_FAILURE;
    }

    private static String message(Throwable failure) {
        if (failure instanceof ScenarioException || failure instanceof EngineException
                || failure instanceof EngineBusyException || failure instanceof PreflightException) {
            return failure.getMessage();
        }
        if (failure instanceof java.nio.file.NoSuchFileException missing) {
            return "no such file: " + missing.getFile();
        }
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    // slf4j-simple reads its settings once, at the first logger: set them before anything logs.
    private static void configureLogging(boolean verbose) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    }
}
