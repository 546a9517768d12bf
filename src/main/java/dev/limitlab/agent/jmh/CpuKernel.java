package dev.limitlab.agent.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * The built-in benchmark of the jmh workload: a pure integer hash loop, no allocation and no memory traffic beyond
 * one field, so its score follows the CPU time the container gets. Every thread starts from the same seed, so every
 * run does the same work.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CpuKernel {

    /** Mixing rounds per operation: about a microsecond, so an operation is well above timer resolution. */
    static final int ROUNDS = 1024;
    private static final long SEED = 0x9E3779B97F4A7C15L;

    private long state;

    @Setup(Level.Trial)
    public void seed() {
        state = SEED;
    }

    @Benchmark
    public void hashLoop(Blackhole blackhole) {
        long h = state;
        for (int i = 0; i < ROUNDS; i++) {
            h = mix(h + i);
        }
        state = h; // each operation starts from the last one's result: the loop cannot be hoisted or folded
        blackhole.consume(h);
    }

    /** SplitMix64's finalizer: a bijection, so the state never collapses to a fixed point. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
