package dev.limitlab.cli;

import dev.limitlab.exit.ExitCode;

import dev.limitlab.metrics.RunJson;
import dev.limitlab.metrics.Spread;
import dev.limitlab.regression.Baseline;
import dev.limitlab.regression.BaselineException;
import dev.limitlab.regression.BaselineJson;
import dev.limitlab.regression.ConfigurationFigures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code limitlab baseline save <run> [-o file]}: the baseline users commit and {@code check} compares with. */
@Command(name = "baseline", description = "Save the baseline that check compares runs with.", subcommands = BaselineCommand.Save.class)
final class BaselineCommand {
    /** A coefficient of variation above this makes a baseline noisy enough to say so. */
    private static final double NOISY_CV = 0.10;

    @Command(name = "save", description = "Write a baseline (small JSON to commit) from a complete run.")
    static final class Save implements Callable<Integer> {
        @Mixin
        GlobalOptions global;
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "RUN",
                description = "A run's directory or its run.json, or results/<scenario> for its latest run.")
        Path from;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write it (default: <scenario>.baseline.json).")
        Path output;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            Baseline baseline = BaselineJson.fromRun(runJson(from));
            Path target = output != null ? output : Path.of(baseline.scenario() + ".baseline.json");
            BaselineJson.write(baseline, target);
            out.printf("saved %s: baseline of %s from run %s, %d configuration(s)%n", target, baseline.scenario(),
                    baseline.runId(), baseline.configurations().size());
            noisyFigures(baseline).forEach(out::println);
            return ExitCode.OK.code();
        }
    }

    /** The run.json {@code given} names: the file itself, the one in a run's directory, or the latest run's in a scenario's. */
    static Path runJson(Path given) throws NoSuchFileException, BaselineException, IOException {
        if (!Files.exists(given)) {
            throw new NoSuchFileException(given.toString());
        }
        if (Files.isRegularFile(given)) {
            return given;
        }
        Path inRun = given.resolve(RunJson.FILE_NAME);
        if (Files.isRegularFile(inRun)) {
            return inRun;
        }
        try (Stream<Path> runs = Files.list(given)) {
            Optional<Path> latest = runs.map(run -> run.resolve(RunJson.FILE_NAME)).filter(Files::isRegularFile)
                    .max(Comparator.comparing(file -> file.getParent().getFileName().toString())); // run directories are UTC timestamps
            return latest.orElseThrow(() -> new BaselineException(given + " holds no run.json (expected a run's directory such as "
                    + "results/quickstart/20261128T170428Z, its run.json, or results/quickstart for the latest run)"));
        }
    }

    /** One note per figure whose repeats disagree a lot: spread terms (3cv) then allow more, up to their cap. */
    private static Stream<String> noisyFigures(Baseline baseline) {
        return baseline.configurations().stream().flatMap((ConfigurationFigures figures) -> figures.metrics().entrySet().stream()
                .filter(metric -> metric.getValue().cv() != null && metric.getValue().cv() > NOISY_CV)
                .map((Map.Entry<String, Spread> metric) -> String.format(Locale.ROOT,
                        "note: %s %s %s varies across %d repeats (cv %.2f): spread tolerances such as 3cv allow more for it;"
                                + " a quieter machine or more repeats make a tighter baseline",
                        figures.experiment(), figures.configuration(), metric.getKey(), metric.getValue().n(), metric.getValue().cv())));
    }
}
