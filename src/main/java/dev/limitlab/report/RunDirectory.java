package dev.limitlab.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.limitlab.metrics.ContainerEvent;
import dev.limitlab.metrics.RunJson;
import dev.limitlab.metrics.RunRecord;
import dev.limitlab.metrics.StatsSample;
import dev.limitlab.recommend.Recommendation;
import dev.limitlab.recommend.Recommender;
import dev.limitlab.regression.History;
import dev.limitlab.scenario.RecommendTargets;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One run as it lies on disk: run.json, the raw samples and events beside it, and its recommendation
 * (the one run.json carries, or one made now with the default targets). Everything a report shows comes
 * from here.
 *
 * @param samples           stats frames by trial, in file order
 * @param events            engine events by trial, in file order
 * @param recommendationStored true when run.json carried the recommendation
 * @param notes             what could not be read (a torn last line of a file cut off mid-write)
 * @param history           the series of {@code results/<scenario>/history.csv} beside the run's directory, up to
 *                          this run (rows of later runs left out, so an older run's report stays as it was);
 *                          null when there is no history.csv
 */
public record RunDirectory(Path directory, RunRecord run, Map<Integer, List<StatsSample>> samples,
                           Map<Integer, List<ContainerEvent>> events, Recommendation recommendation,
                           boolean recommendationStored, List<String> notes, Map<String, List<History.Point>> history) {
    static final String SAMPLES = "samples.jsonl";
    static final String EVENTS = "events.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public RunDirectory {
        samples = Collections.unmodifiableMap(new TreeMap<>(samples));
        events = Collections.unmodifiableMap(new TreeMap<>(events));
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
        JsonNode tree = parse(file, () -> JSON.readTree(file.toFile()));
        RunRecord run = parse(file, () -> RunJson.read(file));
        Path directory = file.toAbsolutePath().getParent();
        List<String> notes = new ArrayList<>();
        Map<Integer, List<StatsSample>> samples = samplesBySource(readLines(directory.resolve(SAMPLES), JsonNode.class, notes));
        Map<Integer, List<ContainerEvent>> events = readLines(directory.resolve(EVENTS), ContainerEvent.class, notes);
        JsonNode stored = tree.get("recommendation");
        boolean isStored = stored != null && !stored.isNull();
        Recommendation recommendation = isStored ? parse(file, () -> JSON.treeToValue(stored, Recommendation.class))
                : Recommender.recommend(run, RecommendTargets.DEFAULTS);
        return new RunDirectory(directory, run, samples, events, recommendation, isStored, notes, history(directory, run));
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
        Path file = locate(path);
        return parse(file, () -> RunJson.read(file));
    }

    private interface Reading<T> {
        T read() throws IOException;
    }

    private static <T> T parse(Path file, Reading<T> reading) throws IOException {
        try {
            return reading.read();
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

    /**
     * Each trial's readings from the source its figures came from: the 100 ms cgroup readings when there
     * are enough of them, else the engine's stats frames (as {@code TrialAggregator} chooses).
     */
    private static Map<Integer, List<StatsSample>> samplesBySource(Map<Integer, List<JsonNode>> lines) throws IOException {
        Map<Integer, List<StatsSample>> chosen = new TreeMap<>();
        for (Map.Entry<Integer, List<JsonNode>> trial : lines.entrySet()) {
            List<StatsSample> cgroup = new ArrayList<>(), stats = new ArrayList<>();
            for (JsonNode line : trial.getValue()) {
                JsonNode sample = line.has("sample") ? line.get("sample") : line; // schema 1 before sources: bare frames
                (line.path("source").asText("stats").equals("cgroup") ? cgroup : stats).add(JSON.treeToValue(sample, StatsSample.class));
            }
            chosen.put(trial.getKey(), cgroup.size() >= 2 ? cgroup : stats);
        }
        return chosen;
    }

    /** The trial whose samples and events this is, by its 1-based position. */
    public List<StatsSample> samplesOf(int trial) {
        return samples.getOrDefault(trial, List.of());
    }

    public List<ContainerEvent> eventsOf(int trial) {
        return events.getOrDefault(trial, List.of());
    }

    // A run killed mid-write can leave a torn last line: it is skipped and noted, the rest still counts.
    private static <T> Map<Integer, List<T>> readLines(Path file, Class<T> type, List<String> notes) throws IOException {
        Map<Integer, List<T>> byTrial = new TreeMap<>();
        if (!Files.isRegularFile(file)) {
            return byTrial;
        }
        int skipped = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode node = JSON.readTree(line);
                    if (node.hasNonNull("trial") && node.hasNonNull("record")) {
                        T record = JSON.treeToValue(node.get("record"), type);
                        byTrial.computeIfAbsent(node.get("trial").asInt(), t -> new ArrayList<>()).add(record);
                        continue;
                    }
                } catch (com.fasterxml.jackson.core.JacksonException unreadable) {
                    // counted below
                }
                skipped++;
            }
        }
        if (skipped > 0) {
            notes.add(file.getFileName() + ": " + skipped + " unreadable line(s) skipped");
        }
        return byTrial;
    }
}
