package dev.limitlab.agent;

import java.nio.file.Path;

/**
 * The workload agent: runs inside a workload container, drives one workload and prints one JSON object per line
 * on stdout. Depends on java.base only, because the container's jlink runtime holds little else.
 *
 * <pre>
 * Agent cpu    --threads N [--load PCT] [--slice-ms MS] [--report-ms MS] [--duration-ms MS]
 * Agent memory --target-bytes B --rate-bytes-per-sec R [--hold-ms MS] [--mode native|heap] [--leak] [--report-ms MS]
 * Agent crash  --run-for-ms MS --exit-code C [--report-ms MS]
 * </pre>
 */
public final class Agent {

    public static final int EXIT_USAGE = 2;
    private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");

    private Agent() {
    }

    public static void main(String[] args) {
        run(args, AgentEnv.system());
    }

    /** Parses, runs the workload to its end and hands the exit code to {@code env.exit()}. */
    public static void run(String[] args, AgentEnv env) {
        WorkloadSpec spec;
        try {
            spec = AgentArgs.parse(args);
        } catch (UsageException e) {
            env.err().println("agent: " + e.getMessage());
            env.err().flush();
            env.exit().accept(EXIT_USAGE);
            return;
        }
        var reporter = new Reporter(env, spec.name());
        reporter.emit(reporter.line("start")
                .put("availableProcessors", Runtime.getRuntime().availableProcessors())
                .put("maxHeapBytes", Runtime.getRuntime().maxMemory())
                .put("containerMemoryLimitBytes", ProcessMemory.containerLimitBytes(CGROUP_ROOT))
                .put("pid", ProcessHandle.current().pid()));
        env.exit().accept(runWorkload(spec, reporter));
    }

    /** Runs the workload to its end and returns the exit code (Java 17 has no pattern switch over sealed types). */
    private static int runWorkload(WorkloadSpec spec, Reporter reporter) {
        if (spec instanceof WorkloadSpec.Cpu cpu) return new CpuWorkload(cpu).run(reporter);
        if (spec instanceof WorkloadSpec.Crash crash) return new CrashWorkload(crash).run(reporter);
        var memory = (WorkloadSpec.Memory) spec; // the only permitted subtype left
        return new MemoryWorkload(memory, ChunkStore.forMode(memory.mode()), ProcessMemory::residentBytes).run(reporter);
    }
}
