package dev.limitlab.docker;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Statistics;
import dev.limitlab.metrics.StatsSample;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One stats frame of the engine, recorded under {@code --cpus 0.5} on cgroup v1, decoded as each frame of the stream
 * is: {@code decode} is limitlab's own work on a frame docker-java has already parsed; {@code parseAndDecode} adds
 * the JSON parsing that docker-java does for every frame.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StatsDecoderBenchmark {
    /** Relative to the project directory, where the bench profile runs JMH. */
    static final Path FRAME = Path.of("src/test/resources/engine-json/stats-v1-cpus0.5.json");

    private final ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private byte[] bytes;
    private Statistics frame;

    @Setup
    public void readFrame() throws IOException {
        bytes = Files.readAllBytes(FRAME);
        frame = json.readValue(bytes, Statistics.class);
    }

    @Benchmark
    public Optional<StatsSample> decode() {
        return StatsDecoder.decode(frame);
    }

    @Benchmark
    public Optional<StatsSample> parseAndDecode() throws IOException {
        return StatsDecoder.decode(json.readValue(bytes, Statistics.class));
    }
}
