package dev.limitlab.regression;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.limitlab.metrics.RunJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The baseline file users commit: keys sorted, configurations in run order, numbers to six significant digits
 * and never in exponent notation, {@code \n} line ends. Writing what was read gives the same bytes, so a
 * re-saved baseline only shows in a diff where a figure really moved.
 */
public final class BaselineJson {
    private static final DefaultIndenter INDENTER = new DefaultIndenter("  ", "\n");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule().addSerializer(Double.class, new RoundedDouble()).addSerializer(Double.TYPE, new RoundedDouble()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .defaultPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(INDENTER).withArrayIndenter(INDENTER))
            .build();

    private BaselineJson() {
    }

    public static String render(Baseline baseline) {
        try {
            return JSON.writeValueAsString(baseline) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a baseline record cannot fail to serialise", e);
        }
    }

    public static void write(Baseline baseline, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, render(baseline));
    }

    /** Reads a baseline; what is not one becomes one line naming the file and, where known, line and column. */
    public static Baseline read(Path file) throws IOException, BaselineException {
        requireFile(file);
        Baseline baseline;
        try {
            baseline = JSON.readValue(file.toFile(), Baseline.class);
        } catch (JsonProcessingException notABaseline) {
            throw located(file, notABaseline, "not a limitlab baseline", "expected a file written by limitlab baseline save");
        }
        if (baseline == null || baseline.scenario() == null) {
            throw new BaselineException(file + ": not a limitlab baseline: it names no scenario (expected a file written by limitlab baseline save)");
        }
        if (baseline.schemaVersion() != Baseline.SCHEMA_VERSION) {
            throw new BaselineException(file + ": baseline schema version " + baseline.schemaVersion() + " (expected "
                    + Baseline.SCHEMA_VERSION + "; save the baseline again with this limitlab)");
        }
        return baseline;
    }

    /** The baseline of the run whose run.json this is (see {@link Baseline#of}). */
    public static Baseline fromRun(Path runJson) throws IOException, BaselineException {
        requireFile(runJson);
        try {
            return Baseline.of(RunJson.read(runJson));
        } catch (JsonProcessingException notARun) {
            throw located(runJson, notARun, "not a limitlab run.json", "expected the run.json of a limitlab run");
        }
    }

    private static void requireFile(Path file) throws NoSuchFileException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
    }

    private static BaselineException located(Path file, JsonProcessingException problem, String what, String expected) {
        JsonLocation at = problem.getLocation();
        String where = at == null || at.getLineNr() < 1 ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
        String detail = problem.getOriginalMessage().lines().findFirst().orElse("unreadable");
        return new BaselineException(file + where + ": " + what + ": " + detail + " (" + expected + ")");
    }

    private static final class RoundedDouble extends StdSerializer<Double> {
        RoundedDouble() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeNumber(MetricFormat.plain(value));
        }
    }
}
