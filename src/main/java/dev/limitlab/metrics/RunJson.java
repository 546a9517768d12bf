package dev.limitlab.metrics;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reads and writes {@code run.json}. Writes go to a temporary file first, so a crash never leaves half a file. */
public final class RunJson {
    public static final String FILE_NAME = "run.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private RunJson() {
    }

    public static void write(RunRecord run, Path directory) throws IOException {
        Path target = directory.resolve(FILE_NAME);
        // A temporary file of its own per write: a shutdown hook may write while the run itself does.
        Path temporary = Files.createTempFile(directory, FILE_NAME, ".tmp");
        try {
            JSON.writeValue(temporary.toFile(), run);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    public static RunRecord read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), RunRecord.class);
    }
}
