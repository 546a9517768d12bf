package dev.limitlab.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Appends raw readings to JSON-lines files in the run directory as they arrive (samples.jsonl,
 * events.jsonl, workload.jsonl), so nothing measured is lost if the run dies and reports can be rebuilt.
 */
final class RawLog implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Path directory;
    private final Map<String, BufferedWriter> writers = new LinkedHashMap<>();

    RawLog(Path directory) {
        this.directory = directory;
    }

    /** Writes {@code {"trial": n, ...record fields}} as one line of {@code <stream>.jsonl}. */
    synchronized void append(String stream, int trial, Object record) {
        try {
            BufferedWriter writer = writers.get(stream);
            if (writer == null) {
                writer = Files.newBufferedWriter(directory.resolve(stream + ".jsonl"), StandardCharsets.UTF_8,
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
            throw new UncheckedIOException("cannot write " + stream + ".jsonl in " + directory, e);
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
}
