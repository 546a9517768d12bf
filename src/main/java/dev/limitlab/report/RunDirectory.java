package dev.limitlab.report;

import dev.limitlab.metrics.ContainerEvent;
import dev.limitlab.metrics.RawLog;
import dev.limitlab.metrics.Recommendation;
import dev.limitlab.metrics.RunJson;
import dev.limitlab.metrics.RunRecord;
import dev.limitlab.metrics.StatsSample;
import dev.limitlab.metrics.TrialSamples;
import dev.limitlab.metrics.WorkloadReport;
import dev.limitlab.regression.History;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One run as it lies on disk: run.json (with the recommendation it recorded, if any) and the raw samples and
 * events beside it. Everything a report shows comes from here; nothing is decided anew.
 *
 * @param samples           by trial, the readings its figures came from (as the run chose them, {@link TrialSamples})
 * @param events            engine events by trial, in file order
 * @param workload          the agents' lines by trial (workload.jsonl), in file order
 * @param notes             what could not be read (a torn last line of a file cut off mid-write)
 * @param history           the series of {@code results/<scenario>/history.csv} beside the run's directory, up to
 *                          this run (rows of later runs left out, so an older run's report stays as it was);
 *                          null when there is no history.csv
 */
public record RunDirectory(Path directory, RunRecord run, Map<Integer, List<StatsSample>> samples,
                           Map<Integer, List<ContainerEvent>> events, Map<Integer, List<WorkloadReport>> workload,
                           List<String> notes, Map<String, List<History.Point>> history) {

    public RunDirectory {
        samples = Collections.unmodifiableMap(new TreeMap<>(samples));
        events = Collections.unmodifiableMap(new TreeMap<>(events));
        workload = Collections.unmodifiableMap(new TreeMap<>(workload));
        notes = List.copyOf(notes);
        if (history != null) {
            Map<String, List<History.Point>> copy = new LinkedHashMap<>();
            history.forEach((key, points) -> copy.put(key, List.copyOf(points)));
            history = Collections.unmodifiableMap(copy);
        }
    }

    /**
     * Loads the run at {@code path}: a run.json, a run directory, or a directory of run directories (the
     * latest, by its UTC-timestamped name, is taken).
     *
     * @throws RunInputException when the path holds no readable run
     */
    public static RunDirectory load(Path path) throws IOException {
        Path file = locate(path);
        RunRecord run = readRunJson(file);
        Path directory = file.toAbsolutePath().getParent();
        RawLog.Contents raw = RawLog.read(directory);
        Map<Integer, List<StatsSample>> samples = new TreeMap<>();
        raw.samples().forEach((trial, readings) -> samples.put(trial, readings.measured()));
        return new RunDirectory(directory, run, samples, raw.events(), raw.workload(), raw.notes(), history(directory, run));
    }

    /** The recommendation run.json recorded; empty for a run that ended before one was made, or an older run.json. */
    public Optional<Recommendation> recommendation() {
        return Optional.ofNullable(run.recommendation());
    }

    /** The history.csv of the run's scenario (the run directory's parent), up to this run; null when there is none. */
    private static Map<String, List<History.Point>> history(Path directory, RunRecord run) throws IOException {
        Path file = directory.getParent() == null ? null : directory.getParent().resolve(History.FILE_NAME);
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        Map<String, List<History.Point>> upToThisRun = new LinkedHashMap<>();
        History.read(file).forEach((key, points) -> {
            List<History.Point> kept = points.stream()
                    .filter(p -> run.startedAt() == null || !p.time().isAfter(run.startedAt())).toList();
            if (!kept.isEmpty()) {
                upToThisRun.put(key, kept);
            }
        });
        return upToThisRun;
    }

    /** Only the run.json at {@code path} (located as {@link #load} does), for what needs no raw readings. */
    public static RunRecord readRun(Path path) throws IOException {
        return readRunJson(locate(path));
    }

    private static RunRecord readRunJson(Path file) throws IOException {
        try {
            return RunJson.read(file);
        } catch (com.fasterxml.jackson.core.JacksonException malformed) {
            throw new RunInputException(file + ": not a readable run.json (" + malformed.getOriginalMessage() + ")");
        }
    }

    /** The run.json {@code path} names. */
    public static Path locate(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return path;
        }
        if (!Files.isDirectory(path)) {
            throw new RunInputException(path + ": no such file or directory");
        }
        Path direct = path.resolve(RunJson.FILE_NAME);
        if (Files.isRegularFile(direct)) {
            return direct;
        }
        try (Stream<Path> found = Files.find(path, 3, (p, attributes) -> attributes.isRegularFile()
                && p.getFileName().toString().equals(RunJson.FILE_NAME))) {
            return found.max(Comparator.comparing(Path::toString))
                    .orElseThrow(() -> new RunInputException(path + ": no run.json in it or in its run directories"));
        }
    }

    /** The trial whose samples and events this is, by its 1-based position. */
    public List<StatsSample> samplesOf(int trial) {
        return samples.getOrDefault(trial, List.of());
    }

    public List<ContainerEvent> eventsOf(int trial) {
        return events.getOrDefault(trial, List.of());
    }

    /** The lines the trial's agents printed: the workload's, and a service trial's load driver's. */
    public List<WorkloadReport> workloadOf(int trial) {
        return workload.getOrDefault(trial, List.of());
    }
}
