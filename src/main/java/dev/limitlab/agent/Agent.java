package dev.limitlab.agent;

import java.nio.file.Path;

/**
 * The workload agent: runs inside a workload container, drives one workload and prints one JSON object per line
 * on stdout. Depends on the JDK modules of the container's jlink runtime (engine/AgentImage) and on the libraries that
 * image carries (JMH, HdrHistogram) only; it writes nowhere
 * but stdout and the state directory (crash's run count, memory's own --reread file; the root filesystem is read-only).
 *
 * <pre>
 * Agent cpu    --threads N [--load PCT] [--slice-ms MS] [--report-ms MS] [--duration-ms MS]
 * Agent memory --target-bytes B --rate-bytes-per-sec R [--hold-ms MS] [--mode native|heap] [--leak] [--report-ms MS]
 *              [--reread FILE [--reread-write-bytes B]]
 * Agent crash  --run-for-ms MS --exit-code C [--report-ms MS] [--state-dir DIR]
 *              [--succeed-after K | --exit-probability P [--seed S]]
 * Agent pids   --threads N [--hold-ms MS] [--report-ms MS]
 * Agent fork-bomb [--max-threads N] [--report-ms MS]
 * Agent phases --phase MS KIND [OPTIONS...] [--phase MS KIND [OPTIONS...]]...
 * Agent serve  --port P [--threads N] [--work-us US] [--hold-bytes B] [--retain] [--report-ms MS] [--duration-ms MS]
 * Agent load   --port P (--rate R [--connections C] | --connections N) --duration-ms MS [--warmup-ms MS]
 *              [--timeout-ms MS] [--report-ms MS] [--ready-http PATH | --ready-tcp] [--ready-timeout-ms MS]
 *              --request METHOD PATH [--body TEXT] [--header NAME:VALUE]... [--request ...]...
 * </pre>
 *
 * <ul>
 * <li>crash: {@code --state-dir} counts runs in {@code DIR/runs} across the container's restarts (created if missing) and
 * adds {@code "run":n} to the exit line. {@code --succeed-after K} (needs {@code --state-dir}): runs 1..K exit with C after
 * run-for, later runs exit 0 after run-for. {@code --exit-probability P}: each run exits with C with probability P, else
 * 0; {@code --seed S} makes the draws reproducible (the run number is mixed in, so runs differ), default the clock.</li>
 * <li>pids: starts parked threads one by one up to N; when the kernel refuses one, prints one {@code refused} line and
 * keeps what it has. {@code --hold-ms} counts from when starting stopped; -1 (default) holds until killed.</li>
 * <li>fork-bomb: starts spinning threads as fast as the kernel accepts them until stopped; each refused start is counted
 * ({@code "refused"} in its lines, the first refusal also as a {@code refused} line) and retried at once.</li>
 * <li>phases: each {@code --phase MS KIND [OPTIONS...]} runs the cpu, memory or pids workload KIND with its usual
 * OPTIONS (up to the next {@code --phase}) for MS milliseconds, then stops it and frees what it held. The phase's MS
 * alone says how long: {@code --duration-ms} (cpu) and {@code --hold-ms} (memory, pids) are refused in a phase.
 * Example: {@code phases --phase 3000 cpu --threads 1 --load 10 --phase 2000 memory --target-bytes 67108864
 * --rate-bytes-per-sec 104857600}.</li>
 * <li>serve: an HTTP service on loopback port P (0: a free one); see {@link ServeWorkload}. Defaults: 8 threads, no
 * work, no memory held, until stopped.</li>
 * <li>load: an HTTP load driver against {@code 127.0.0.1:P}, open model at R requests/s on C connections, or closed
 * model with N in flight, the requests in turn; see {@link LoadWorkload}. Defaults: 64 connections (open model), no
 * warm-up, 2000 ms timeout.</li>
 * </ul>
 *
 * <p>Lines: {@code start} first; then each workload's {@code sample}s and its {@code reached}, {@code refused}, {@code end},
 * {@code exit} or {@code error} lines, each with {@code type}, {@code workload} and {@code t} (epoch ms). Within phases
 * every line but {@code start} carries {@code "phase":i} (0-based), {@code workload} names the phase's workload, and
 * each phase opens with a {@code phase} line holding its {@code durationMs}.
 *
 * <p>Exit codes: 0 done; 1 the port cannot be listened on (serve); {@value #EXIT_USAGE} bad arguments; 3 the JVM ran
 * out of memory (memory); 4 the state directory is unusable (crash) or the --reread file cannot be read or
 * written (memory); or the crash workload's own code. The load
 * driver exits 0 whatever its requests met: failed requests are results, counted in its lines.
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
        env.exit().accept(workload(spec).run(reporter));
    }

    /** The workload a spec describes (Java 17 has no pattern switch over sealed types). */
    static AgentWorkload workload(WorkloadSpec spec) {
        if (spec instanceof WorkloadSpec.Cpu cpu) return new CpuWorkload(cpu);
        if (spec instanceof WorkloadSpec.Crash crash) return new CrashWorkload(crash);
        if (spec instanceof WorkloadSpec.Pids pids) return new PidsWorkload(pids, PidsWorkload::startPlatformThread);
        if (spec instanceof WorkloadSpec.ForkBomb bomb) return new ForkBombWorkload(bomb, PidsWorkload::startPlatformThread);
        if (spec instanceof WorkloadSpec.Phases phases) return new PhasesWorkload(phases, Agent::workload);
        if (spec instanceof WorkloadSpec.Serve serve) return new ServeWorkload(serve);
        if (spec instanceof WorkloadSpec.Load load) return new LoadWorkload(load);
        var memory = (WorkloadSpec.Memory) spec; // the only permitted subtype left
        return new MemoryWorkload(memory, ChunkStore.forMode(memory.mode()), ProcessMemory::containerResidentBytes);
    }
}
