package dev.limitlab.engine;

import dev.limitlab.scenario.Workload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The container command that runs a workload in the agent image (whose entrypoint is the JVM): JVM flags,
 * the agent's main class, then the workload's own arguments (see the agent's javadoc for their syntax).
 */
public final class AgentCommand {
    static final long REPORT_MS = 1000;
    // Memory growth is short: report more often so the MiB reached before an OOM kill is seen.
    static final long MEMORY_REPORT_MS = 250;
    static final String JMH_MAIN = "dev.limitlab.agent.jmh.JmhWorkload";
    /** Where a user's benchmarks jar is mounted, read-only. */
    static final String USER_JMH_JAR = "/opt/limitlab/benchmarks.jar";
    private static final long GIB = 1L << 30;

    private AgentCommand() {
    }

    /** The built-in service: the agent's {@code serve} on the service's port. */
    static List<String> forService(Workload.Service service) {
        Workload.BuiltInService builtIn = service.builtIn();
        return agent(List.of("serve", "--port", Integer.toString(service.port()),
                "--threads", Integer.toString(builtIn.threads()),
                "--work-us", Long.toString(builtIn.work().toNanos() / 1000),
                "--hold-bytes", Long.toString(builtIn.holdBytes()),
                "--report-ms", Long.toString(REPORT_MS)));
    }

    /**
     * The load driver of a service trial: waits for the service (http or tcp readiness; a log readiness is watched
     * by limitlab), then sends {@code load} for {@code duration}, its warm-up included. Public for the bench, which
     * measures this very driver.
     */
    public static List<String> forLoad(Workload.Service service, Duration duration) {
        return forLoad(service, duration, REPORT_MS);
    }

    /** The same, with a {@code sample} line every {@code reportMs}. */
    static List<String> forLoad(Workload.Service service, Duration duration, long reportMs) {
        Workload.Load load = service.load();
        List<String> args = new ArrayList<>(List.of("load", "--port", Integer.toString(service.port())));
        if (load.open()) {
            args.addAll(List.of("--rate", Long.toString(load.ratePerSec())));
        }
        if (load.connections() != null) {
            args.addAll(List.of("--connections", Integer.toString(load.connections())));
        }
        args.addAll(List.of("--warmup-ms", Long.toString(load.warmup().toMillis()),
                "--duration-ms", Long.toString(duration.minus(load.warmup()).toMillis()),
                "--timeout-ms", Long.toString(load.timeout().toMillis()),
                "--report-ms", Long.toString(reportMs)));
        Workload.Readiness ready = service.ready();
        if (ready.httpPath() != null) {
            args.addAll(List.of("--ready-http", ready.httpPath()));
        } else if (ready.tcp()) {
            args.add("--ready-tcp");
        }
        if (ready.logPattern() == null) {
            args.addAll(List.of("--ready-timeout-ms", Long.toString(ready.timeout().toMillis())));
        }
        for (Workload.Request request : load.requests()) {
            args.addAll(List.of("--request", request.method(), request.path()));
            if (!request.body().isEmpty()) {
                args.addAll(List.of("--body", request.body()));
            }
            request.headers().forEach((name, value) -> args.addAll(List.of("--header", name + ":" + value)));
        }
        return agent(args);
    }

    /** The JVM's flags, the agent's main class, then {@code arguments}. */
    private static List<String> agent(List<String> arguments) {
        return command(List.of(), AgentImage.AGENT_MAIN, arguments);
    }

    /** The agent image's command for the agent with {@code arguments} (e.g. its {@code sample} mode on a Swarm node). */
    public static List<String> ofAgent(List<String> arguments) {
        return agent(arguments);
    }

    /** {@code jvmFlags} and limitlab's own, the agent jar on the class path, {@code mainClass}, then {@code arguments}. */
    private static List<String> command(List<String> jvmFlags, String mainClass, List<String> arguments) {
        List<String> command = new ArrayList<>(jvmFlags);
        command.addAll(List.of("-XX:+UseSerialGC",
                "-XX:-UsePerfData", // the root filesystem is read-only: no hsperfdata file
                "-cp", AgentImage.AGENT_JAR, mainClass));
        command.addAll(arguments);
        return List.copyOf(command);
    }

    static List<String> forWorkload(Workload workload) {
        return forWorkload(workload, REPORT_MS);
    }

    /** With the agent's periodic lines every {@code reportMs} (memory workloads keep their own pace). */
    static List<String> forWorkload(Workload workload, long reportMs) {
        // The JVM's own ceilings must sit above the container's, so that the kernel, not the JVM, decides.
        long memoryCeiling = memoryCeiling(workload);
        List<String> ceilings = memoryCeiling > 0
                ? List.of("-XX:MaxDirectMemorySize=" + memoryCeiling, "-Xmx" + memoryCeiling) : List.of();
        if (workload instanceof Workload.Jmh jmh) {
            List<String> args = new ArrayList<>(List.of("--include", jmh.include(),
                    "--warmup-iterations", Integer.toString(jmh.warmupIterations()),
                    "--iterations", Integer.toString(jmh.iterations()),
                    "--iteration-ms", Long.toString(jmh.iterationTime().toMillis()),
                    "--threads", Integer.toString(jmh.threads()),
                    "--forks", "1"));
            if (jmh.jar() != null) {
                args.addAll(List.of("--jar", USER_JMH_JAR));
            }
            return command(ceilings, JMH_MAIN, args);
        }
        return command(ceilings, AgentImage.AGENT_MAIN, arguments(workload, false, reportMs));
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
            // A leak has no target (0): the agent ignores it then, but wants a positive number.
            args.addAll(List.of("memory", "--target-bytes", Long.toString(Math.max(1, memory.target())),
                    "--rate-bytes-per-sec", Long.toString(memory.rateBytesPerSecond()),
                    "--mode", memory.mode(),
                    "--report-ms", Long.toString(MEMORY_REPORT_MS)));
            if (!inPhase) {
                args.addAll(List.of("--hold-ms", Long.toString(memory.hold().toMillis())));
            }
            if (memory.reread() != null && memory.reread().imageFile() != null) {
                args.addAll(List.of("--reread", memory.reread().imageFile()));
            } else if (memory.reread() != null) {
                args.addAll(List.of("--reread", WorkloadContainer.OWN_REREAD_FILE,
                        "--reread-write-bytes", Long.toString(memory.reread().writtenBytes())));
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
        } else if (workload instanceof Workload.ForkBomb && !inPhase) {
            args.addAll(List.of("fork-bomb", "--report-ms", Long.toString(reportMs)));
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
