package dev.limitlab.metrics;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The raw files beside run.json, one JSON line {@code {"trial": n, "record": {...}}} per reading (schema in
 * docs/results.md). A run appends each reading as it arrives, flushed at once, so nothing measured is lost if
 * the run dies; reports are rebuilt from what {@link #read} gives back.
 */
public final class RawLog implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The raw files, one per kind of reading. */
    public enum Stream {
        /** {@link SourcedSample}s of both samplers. */
        SAMPLES("samples.jsonl"),
        /** {@link ContainerEvent}s. */
        EVENTS("events.jsonl"),
        /** {@link WorkloadReport}s, the agent's lines. */
        WORKLOAD("workload.jsonl");

        private final String fileName;

        Stream(String fileName) {
            this.fileName = fileName;
        }

        public String fileName() {
            return fileName;
        }
    }

    /** One line of samples.jsonl: a reading and the sampler that took it. */
    public record SourcedSample(Sampler source, StatsSample sample) {
    }

    /**
     * What a run's raw files hold, by trial (1-based position), each in file order.
     *
     * @param notes what could not be read, e.g. a torn last line of a file cut off mid-write
     */
    public record Contents(Map<Integer, TrialSamples> samples, Map<Integer, List<ContainerEvent>> events,
                           Map<Integer, List<WorkloadReport>> workload, List<String> notes) {
        public Contents {
            samples = Collections.unmodifiableMap(new TreeMap<>(samples));
            events = Collections.unmodifiableMap(new TreeMap<>(events));
            workload = Collections.unmodifiableMap(new TreeMap<>(workload));
            notes = List.copyOf(notes);
        }
    }

    private final Path directory;
    private final Map<Stream, BufferedWriter> writers = new EnumMap<>(Stream.class);

    /** A log that appends to the raw files in {@code directory}, creating them on their first line. */
    public RawLog(Path directory) {
        this.directory = directory;
    }

    /** The run directory the files are in. */
    public Path directory() {
        return directory;
    }

    public void appendSample(int trial, Sampler source, StatsSample sample) {
        append(Stream.SAMPLES, trial, new SourcedSample(source, sample));
    }

    public void appendEvent(int trial, ContainerEvent event) {
        append(Stream.EVENTS, trial, event);
    }

    public void appendWorkload(int trial, WorkloadReport report) {
        append(Stream.WORKLOAD, trial, report);
    }

    private synchronized void append(Stream stream, int trial, Object record) {
        try {
            BufferedWriter writer = writers.get(stream);
            if (writer == null) {
                writer = Files.newBufferedWriter(directory.resolve(stream.fileName()), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                writers.put(stream, writer);
            }
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("trial", trial);
            line.put("record", record);
            writer.write(JSON.writeValueAsString(line));
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + stream.fileName() + " in " + directory, e);
        }
    }

    @Override
    public synchronized void close() {
        for (BufferedWriter writer : writers.values()) {
            try {
                writer.close();
            } catch (IOException ignored) {
                // every line was flushed when written
            }
        }
        writers.clear();
    }

    /** The raw files in {@code directory}; a missing file holds nothing. */
    public static Contents read(Path directory) throws IOException {
        List<String> notes = new ArrayList<>();
        Map<Integer, TrialSamples> samples = new TreeMap<>();
        lines(directory, Stream.SAMPLES, RawLog::sourced, notes).forEach((trial, records) -> {
            List<StatsSample> cgroup = new ArrayList<>(), stats = new ArrayList<>();
            for (SourcedSample sample : records) {
                (sample.source() == Sampler.CGROUP ? cgroup : stats).add(sample.sample());
            }
            samples.put(trial, new TrialSamples(cgroup, stats));
        });
        return new Contents(samples, lines(directory, Stream.EVENTS, record -> JSON.treeToValue(record, ContainerEvent.class), notes),
                lines(directory, Stream.WORKLOAD, record -> JSON.treeToValue(record, WorkloadReport.class), notes), notes);
    }

    // Before samplers had sources (schema 1 from the start), a line's record was a bare stats frame.
    private static SourcedSample sourced(JsonNode record) throws JacksonException {
        if (!record.has("sample")) {
            return new SourcedSample(Sampler.STATS, JSON.treeToValue(record, StatsSample.class));
        }
        SourcedSample sample = JSON.treeToValue(record, SourcedSample.class);
        return sample.source() == null ? new SourcedSample(Sampler.STATS, sample.sample()) : sample;
    }

    private interface Decoder<T> {
        T decode(JsonNode record) throws JacksonException;
    }

    // A run killed mid-write can leave a torn last line: it is skipped and noted, the rest still counts.
    private static <T> Map<Integer, List<T>> lines(Path directory, Stream stream, Decoder<T> decoder, List<String> notes)
            throws IOException {
        Path file = directory.resolve(stream.fileName());
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
                        T record = decoder.decode(node.get("record"));
                        byTrial.computeIfAbsent(node.get("trial").asInt(), t -> new ArrayList<>()).add(record);
                        continue;
                    }
                } catch (JacksonException unreadable) {
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
