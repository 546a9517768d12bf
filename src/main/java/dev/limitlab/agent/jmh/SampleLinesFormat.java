package dev.limitlab.agent.jmh;

import dev.limitlab.agent.Reporter;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.format.OutputFormat;

import java.io.IOException;
import java.util.Collection;

/**
 * JMH's live progress: every finished iteration becomes a {@code sample} line as it arrives (from a forked JVM too,
 * through JMH's link); everything else goes to JMH's own text format, which writes to stderr so stdout stays JSON.
 */
final class SampleLinesFormat implements OutputFormat {

    private final OutputFormat text;
    private final Reporter reporter;

    SampleLinesFormat(OutputFormat text, Reporter reporter) {
        this.text = text;
        this.reporter = reporter;
    }

    @Override
    public void iterationResult(BenchmarkParams benchmark, IterationParams params, int iteration, IterationResult data) {
        text.iterationResult(benchmark, params, iteration, data);
        reporter.emit(reporter.sample(System.nanoTime())
                .put("benchmark", benchmark.getBenchmark())
                .put("phase", params.getType() == IterationType.WARMUP ? "warmup" : "measurement")
                .put("iteration", iteration)
                .put("score", data.getPrimaryResult().getScore())
                .put("scoreUnit", data.getScoreUnit()));
    }

    @Override
    public void iteration(BenchmarkParams benchmark, IterationParams params, int iteration) {
        text.iteration(benchmark, params, iteration);
    }

    @Override
    public void startBenchmark(BenchmarkParams benchmark) {
        text.startBenchmark(benchmark);
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        text.endBenchmark(result);
    }

    @Override
    public void startRun() {
        text.startRun();
    }

    @Override
    public void endRun(Collection<RunResult> results) {
        text.endRun(results);
    }

    @Override
    public void print(String s) {
        text.print(s);
    }

    @Override
    public void println(String s) {
        text.println(s);
    }

    @Override
    public void flush() {
        text.flush();
    }

    @Override
    public void close() {
        text.close();
    }

    @Override
    public void verbosePrintln(String s) {
        text.verbosePrintln(s);
    }

    @Override
    public void write(int b) {
        text.write(b);
    }

    @Override
    public void write(byte[] b) throws IOException {
        text.write(b);
    }
}
