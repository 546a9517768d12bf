package dev.limitlab.engine;

import dev.limitlab.scenario.Workload;

import java.util.ArrayList;
import java.util.List;

/** The container command that runs a workload in the agent image (whose entrypoint is the JVM). */
final class AgentCommand {
    static final long REPORT_MS = 1000;
    // Memory growth is short: report more often so the MiB reached before an OOM kill is seen.
    static final long MEMORY_REPORT_MS = 250;

    private AgentCommand() {
    }

    static List<String> forWorkload(Workload workload) {
        List<String> command = new ArrayList<>(List.of(
                "-XX:+UseSerialGC",
                "-XX:-UsePerfData")); // the root filesystem is read-only: no hsperfdata file
        if (workload instanceof Workload.Cpu cpu) {
            agent(command, "cpu");
            command.addAll(List.of("--threads", Integer.toString(cpu.threads()),
                    "--load", Integer.toString(cpu.loadPercent()),
                    "--slice-ms", Long.toString(cpu.slice().toMillis()),
                    "--report-ms", Long.toString(REPORT_MS)));
        } else if (workload instanceof Workload.Memory memory) {
            // The JVM's own ceilings must sit above the container's, so that the kernel, not the JVM, decides.
            command.add(0, memory.mode().equals("heap")
                    ? "-Xmx" + Math.max(memory.target() * 2, 256L << 20)
                    : "-XX:MaxDirectMemorySize=" + Math.max(memory.target() * 2, 1L << 30));
            agent(command, "memory");
            command.addAll(List.of("--target-bytes", Long.toString(memory.target()),
                    "--rate-bytes-per-sec", Long.toString(memory.rateBytesPerSecond()),
                    "--hold-ms", Long.toString(memory.hold().toMillis()),
                    "--mode", memory.mode(),
                    "--report-ms", Long.toString(MEMORY_REPORT_MS)));
            if (memory.leak()) {
                command.add("--leak");
            }
        } else if (workload instanceof Workload.Crash crash) {
            agent(command, "crash");
            command.addAll(List.of("--run-for-ms", Long.toString(crash.runFor().toMillis()),
                    "--exit-code", Integer.toString(crash.exitCode()),
                    "--report-ms", Long.toString(REPORT_MS)));
        } else {
            throw new IllegalArgumentException("no agent command for workload " + workload.kind());
        }
        return List.copyOf(command);
    }

    private static void agent(List<String> command, String kind) {
        command.addAll(List.of("-cp", AgentImage.AGENT_JAR, AgentImage.AGENT_MAIN, kind));
    }
}
