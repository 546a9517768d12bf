package dev.limitlab.engine;

import dev.limitlab.scenario.Workload;

import java.util.ArrayList;
import java.util.List;

/**
 * The container command that runs a workload in the agent image (whose entrypoint is the JVM): JVM flags,
 * the agent's main class, then the workload's own arguments (see the agent's javadoc for their syntax).
 */
final class AgentCommand {
    static final long REPORT_MS = 1000;
    // Memory growth is short: report more often so the MiB reached before an OOM kill is seen.
    static final long MEMORY_REPORT_MS = 250;
    static final String JMH_MAIN = "dev.limitlab.agent.jmh.JmhWorkload";
    /** Where a user's benchmarks jar is mounted, read-only. */
    static final String USER_JMH_JAR = "/opt/limitlab/benchmarks.jar";
    private static final long GIB = 1L << 30;

    private AgentCommand() {
    }

    static List<String> forWorkload(Workload workload) {
        return forWorkload(workload, REPORT_MS);
    }

    /** With the agent's periodic lines every {@code reportMs} (memory workloads keep their own pace). */
    static List<String> forWorkload(Workload workload, long reportMs) {
        List<String> command = new ArrayList<>(List.of(
                "-XX:+UseSerialGC",
                "-XX:-UsePerfData")); // the root filesystem is read-only: no hsperfdata file
        // The JVM's own ceilings must sit above the container's, so that the kernel, not the JVM, decides.
        long memoryCeiling = memoryCeiling(workload);
        if (memoryCeiling > 0) {
            command.add(0, "-Xmx" + memoryCeiling);
            command.add(0, "-XX:MaxDirectMemorySize=" + memoryCeiling);
        }
        command.addAll(List.of("-cp", AgentImage.AGENT_JAR));
        if (workload instanceof Workload.Jmh jmh) {
            command.add(JMH_MAIN);
            command.addAll(List.of("--include", jmh.include(),
                    "--warmup-iterations", Integer.toString(jmh.warmupIterations()),
                    "--iterations", Integer.toString(jmh.iterations()),
                    "--iteration-ms", Long.toString(jmh.iterationTime().toMillis()),
                    "--threads", Integer.toString(jmh.threads()),
                    "--forks", "1"));
            if (jmh.jar() != null) {
                command.addAll(List.of("--jar", USER_JMH_JAR));
            }
            return List.copyOf(command);
        }
        command.add(AgentImage.AGENT_MAIN);
        command.addAll(arguments(workload, false, reportMs));
        return List.copyOf(command);
    }

    /** The agent's arguments for one workload; inside phases the phase's length replaces holds and durations. */
    private static List<String> arguments(Workload workload, boolean inPhase, long reportMs) {
        List<String> args = new ArrayList<>();
        if (workload instanceof Workload.Cpu cpu) {
            args.addAll(List.of("cpu", "--threads", Integer.toString(cpu.threads()),
                    "--load", Integer.toString(cpu.loadPercent()),
                    "--slice-ms", Long.toString(cpu.slice().toMillis()),
                    "--report-ms", Long.toString(reportMs)));
        } else if (workload instanceof Workload.Memory memory) {
            args.addAll(List.of("memory", "--target-bytes", Long.toString(memory.target()),
                    "--rate-bytes-per-sec", Long.toString(memory.rateBytesPerSecond()),
                    "--mode", memory.mode(),
                    "--report-ms", Long.toString(MEMORY_REPORT_MS)));
            if (!inPhase) {
                args.addAll(List.of("--hold-ms", Long.toString(memory.hold().toMillis())));
            }
            if (memory.leak()) {
                args.add("--leak");
            }
        } else if (workload instanceof Workload.Crash crash) {
            args.addAll(List.of("crash", "--run-for-ms", Long.toString(crash.runFor().toMillis()),
                    "--exit-code", Integer.toString(crash.exitCode()),
                    "--report-ms", Long.toString(reportMs)));
            if (crash.succeedAfter() != null || crash.exitProbability() != null) {
                args.addAll(List.of("--state-dir", WorkloadContainer.AGENT_STATE));
            }
            if (crash.succeedAfter() != null) {
                args.addAll(List.of("--succeed-after", Integer.toString(crash.succeedAfter())));
            }
            if (crash.exitProbability() != null) {
                args.addAll(List.of("--exit-probability", Double.toString(crash.exitProbability())));
            }
        } else if (workload instanceof Workload.Pids pids) {
            args.addAll(List.of("pids", "--threads", Integer.toString(pids.threads()),
                    "--report-ms", Long.toString(reportMs)));
            if (!inPhase) {
                args.addAll(List.of("--hold-ms", pids.hold().isZero() ? "-1" : Long.toString(pids.hold().toMillis())));
            }
        } else if (workload instanceof Workload.Phases phases && !inPhase) {
            args.add("phases");
            for (Workload.Phase phase : phases.phases()) {
                args.addAll(List.of("--phase", Long.toString(phase.duration().toMillis())));
                args.addAll(arguments(phase.workload(), true, reportMs));
            }
        } else {
            throw new IllegalArgumentException("the agent does not run a " + workload.kind() + " workload"
                    + (inPhase ? " inside phases" : ""));
        }
        return args;
    }

    // Heap or direct buffers must be able to outgrow the container's limit; 0 keeps the JVM's defaults.
    private static long memoryCeiling(Workload workload) {
        if (workload instanceof Workload.Memory memory) {
            return Math.max(memory.target() * 2, GIB);
        }
        if (workload instanceof Workload.Phases phases) {
            return phases.phases().stream().mapToLong(phase -> memoryCeiling(phase.workload())).max().orElse(0);
        }
        return 0;
    }
}
