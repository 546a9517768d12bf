package dev.limitlab.agent.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.limitlab.agent.AgentEnv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.generators.BenchmarkProcessor;
import org.openjdk.jmh.runner.Runner;

import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs real JMH benchmarks in-process (and in a forked JVM) for 1 warm-up and 2 measured 200 ms iterations. */
class JmhWorkloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KERNEL = "dev.limitlab.agent.jmh.CpuKernel.hashLoop";
    private static final String USER_BENCHMARK = """
            package bench;

            import org.openjdk.jmh.annotations.Benchmark;
            import org.openjdk.jmh.annotations.Scope;
            import org.openjdk.jmh.annotations.State;

            @State(Scope.Thread)
            public class UserBench {
                long n;

                @Benchmark
                public long count() {
                    return ++n;
                }
            }
            """;

    @Test
    void builtInKernelPrintsOneSamplePerIterationAndAScoreLine() {
        Run run = Run.of(args("CpuKernel", "0"));

        assertEquals(0, run.exitCode(), run.stderr());
        assertSamples(run, KERNEL);
        JsonNode score = run.only("score");
        assertEquals(KERNEL, score.path("benchmark").asText());
        assertTrue(score.path("score").asDouble() > 0, score.toString());
        assertEquals("ops/s", score.path("scoreUnit").asText());
        assertTrue(score.has("scoreError")); // null with two iterations: too few for a confidence interval
        assertTrue(run.stderr().contains("Benchmark"), "JMH's own report goes to stderr");
    }

    @Test
    void forkedRunReportsTheForkedJvmsIterationsLive() {
        Run run = Run.of(args("CpuKernel", "1"));

        assertEquals(0, run.exitCode(), run.stderr());
        assertSamples(run, KERNEL);
        assertTrue(run.only("score").path("score").asDouble() > 0);
        assertTrue(run.stderr().contains("# Fork: 1 of 1"), run.stderr());
    }

    @Test
    void searchesAUsersJarInsteadOfTheBuiltInKernel(@TempDir Path dir) throws IOException {
        Path jar = compileBenchmarkJar(dir);
        for (String forks : List.of("0", "1")) {
            List<String> args = new ArrayList<>(args(".*", forks));
            args.addAll(List.of("--jar", jar.toString()));
            String classPath = System.getProperty("java.class.path");

            Run run = Run.of(args);

            assertEquals(0, run.exitCode(), run.stderr());
            assertSamples(run, "bench.UserBench.count");
            assertEquals("bench.UserBench.count", run.only("score").path("benchmark").asText(), "forks " + forks);
            assertEquals(classPath, System.getProperty("java.class.path"), "the class path is restored");
        }
    }

    @Test
    void badArgumentsAreAUsageErrorOnStderr() {
        Run run = Run.of(List.of("--include", "CpuKernel", "--iterations", "2"));

        assertEquals(2, run.exitCode());
        assertEquals(List.of(), run.lines());
        assertTrue(run.stderr().startsWith("agent: jmh: --warmup-iterations is required"), run.stderr());
    }

    @Test
    void anIncludeMatchingNothingIsAnErrorLine() {
        Run run = Run.of(args("NoSuchBenchmark", "0"));

        assertEquals(JmhWorkload.EXIT_FAILED, run.exitCode());
        JsonNode error = run.only("error");
        assertEquals("NoBenchmarksException", error.path("error").asText());
        assertTrue(error.path("message").asText().contains("No benchmarks to run"), error.toString());
        assertEquals("jmh", error.path("workload").asText());
    }

    @Test
    void aJarWithoutABenchmarkListIsAnErrorLine(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("empty.jar");
        new JarOutputStream(Files.newOutputStream(jar)).close();
        List<String> args = new ArrayList<>(args(".*", "0"));
        args.addAll(List.of("--jar", jar.toString()));

        Run run = Run.of(args);

        assertEquals(JmhWorkload.EXIT_FAILED, run.exitCode());
        assertTrue(run.only("error").path("message").asText().contains("has no META-INF/BenchmarkList"));
    }

    @Test
    void aForkedRunWithoutAWritableTempDirIsAnErrorLine(@TempDir Path dir) {
        String tmp = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", dir.resolve("missing").toString());
        try {
            Run run = Run.of(args("CpuKernel", "1"));

            assertEquals(JmhWorkload.EXIT_FAILED, run.exitCode());
            assertTrue(run.only("error").path("message").asText().contains("or pass --forks 0"));
        } finally {
            System.setProperty("java.io.tmpdir", tmp);
        }
    }

    private static List<String> args(String include, String forks) {
        return List.of("--include", include, "--warmup-iterations", "1", "--iterations", "2",
                "--iteration-ms", "200", "--threads", "1", "--forks", forks);
    }

    private static void assertSamples(Run run, String benchmark) {
        List<JsonNode> samples = run.ofType("sample");
        assertEquals(List.of("warmup:1", "measurement:1", "measurement:2"),
                samples.stream().map(s -> s.path("phase").asText() + ":" + s.path("iteration").asInt()).toList());
        for (JsonNode sample : samples) {
            assertEquals(benchmark, sample.path("benchmark").asText());
            assertEquals("jmh", sample.path("workload").asText());
            assertTrue(sample.path("t").asLong() > 0);
            assertTrue(sample.path("score").asDouble() > 0, sample.toString());
            assertEquals("ops/s", sample.path("scoreUnit").asText());
        }
        assertEquals("score", run.lines().get(run.lines().size() - 1).path("type").asText(), "the score line comes last");
    }

    /** A user's benchmarks jar as JMH's Maven archetype makes it: classes, generated harness, META-INF/BenchmarkList. */
    private static Path compileBenchmarkJar(Path dir) throws IOException {
        Path source = dir.resolve("src/bench/UserBench.java");
        Path classes = dir.resolve("classes");
        Files.createDirectories(source.getParent());
        Files.createDirectories(classes);
        Files.writeString(source, USER_BENCHMARK);
        var log = new ByteArrayOutputStream();
        int status = ToolProvider.getSystemJavaCompiler().run(null, log, log,
                "-classpath", jarOf(Runner.class) + File.pathSeparator + jarOf(BenchmarkProcessor.class),
                "-processor", "org.openjdk.jmh.generators.BenchmarkProcessor",
                "-s", dir.resolve("generated").toString(), "-d", classes.toString(), source.toString());
        assertEquals(0, status, log.toString(StandardCharsets.UTF_8));
        Path jar = dir.resolve("benchmarks.jar");
        try (var out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        return jar;
    }

    private static Path jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Run(int exitCode, List<JsonNode> lines, String stderr) {

        static Run of(List<String> args) {
            var out = new ByteArrayOutputStream();
            var err = new ByteArrayOutputStream();
            int code = JmhWorkload.run(args, new AgentEnv(utf8(out), utf8(err), Clock.systemUTC(), exit -> { }));
            List<JsonNode> lines = new ArrayList<>();
            for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) continue;
                try {
                    lines.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException("stdout holds a line that is not JSON: " + line, e);
                }
            }
            return new Run(code, lines, err.toString(StandardCharsets.UTF_8));
        }

        List<JsonNode> ofType(String type) {
            return lines.stream().filter(l -> l.path("type").asText().equals(type)).toList();
        }

        JsonNode only(String type) {
            List<JsonNode> found = ofType(type);
            assertEquals(1, found.size(), "one '" + type + "' line in " + lines);
            return found.get(0);
        }

        private static PrintStream utf8(OutputStream sink) {
            return new PrintStream(sink, true, StandardCharsets.UTF_8);
        }
    }
}
