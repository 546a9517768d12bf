package dev.limitlab.engine;

import dev.limitlab.docker.ContainerSpec;
import dev.limitlab.docker.DockerGateway;
import dev.limitlab.docker.Mounts;
import dev.limitlab.metrics.ContainerEvent;
import dev.limitlab.metrics.FinalState;
import dev.limitlab.metrics.Sampler;
import dev.limitlab.metrics.StatsSample;
import dev.limitlab.metrics.TrialAggregator;
import dev.limitlab.metrics.TrialInput;
import dev.limitlab.metrics.TrialMetrics;
import dev.limitlab.scenario.Hardening;
import dev.limitlab.scenario.Limits;
import dev.limitlab.scenario.Workload;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 100 ms sampler's totals are the kernel's own counters: the container is frozen (docker pause) so its
 * counters stop, and the totals the aggregator derives from the readings are compared with the cgroup
 * files that this test reads itself.
 */
class CgroupSamplerIT {
    @Test
    void samplerTotalsEqualTheKernelCountersReadAtTheEnd() throws Exception {
        try (DockerGateway gateway = EngineFixture.gateway()) {
            String image = EngineFixture.agentImage(gateway);
            String runId = "it-sampler-" + ProcessHandle.current().pid();
            List<ContainerEvent> events = new CopyOnWriteArrayList<>();
            String id = gateway.create(new ContainerSpec("limitlab-" + runId, image,
                    AgentCommand.forWorkload(new Workload.Cpu(2, 100, Duration.ofMillis(10))),
                    Map.of(TrialRunner.RUN_LABEL, runId), Limits.NONE.withCpus(0.5), null, Hardening.DEFAULT, Mounts.NONE));
            try (AutoCloseable subscription = gateway.streamEvents(TrialRunner.RUN_LABEL, runId, events::add)) {
                gateway.start(id);
                int pid = gateway.inspect(id).pid();
                Path procCgroup = Path.of("/proc", Integer.toString(pid), "cgroup");
                CgroupFiles files = CgroupFiles.ofProcess(Path.of("/sys/fs/cgroup"), procCgroup, id).orElseThrow();
                List<StatsSample> samples = new CopyOnWriteArrayList<>();
                StatsSample last;
                try (CgroupSampler sampler = new CgroupSampler(files, Duration.ofMillis(100), Clock.systemUTC(), samples::add)) {
                    await().atMost(Duration.ofSeconds(10)).until(() -> samples.size() >= 20);
                    docker("pause", id);
                    last = sampler.sampleNow().orElseThrow();
                }
                Path cpu = directory(procCgroup, "cpu"), cpuacct = directory(procCgroup, "cpuacct");
                long kernelCpuNs = Long.parseLong(Files.readString(cpuacct.resolve("cpuacct.usage")).strip());
                Map<String, Long> cpuStat = CgroupFiles.keyValues(Files.readString(cpu.resolve("cpu.stat")));
                assertEquals(kernelCpuNs, last.cpuTotalNs(), "frozen: the last reading is the kernel's counter");

                Instant start = events.stream().filter(e -> e.is("start")).findFirst().orElseThrow().time();
                List<StatsSample> withBaseline = new java.util.ArrayList<>(samples);
                withBaseline.add(new StatsSample(start, 0, 0, 0, 0, 0, null, 0, null, null, null));
                TrialMetrics metrics = TrialAggregator.aggregate(new TrialInput(withBaseline, Sampler.CGROUP, events, List.of(),
                        new FinalState(true, 0, false, null), start, null));
                TrialMetrics.CounterTotals totals = metrics.totals();
                assertEquals(kernelCpuNs, totals.cpuNs());
                assertEquals(cpuStat.get("nr_periods"), totals.periods());
                assertEquals(cpuStat.get("nr_throttled"), totals.throttledPeriods());
                assertEquals(cpuStat.get("throttled_time"), totals.throttledNs());
                assertTrue(metrics.cpuUsedCores() > 0.4 && metrics.cpuUsedCores() < 0.56, "cpu used " + metrics.cpuUsedCores());
            } finally {
                gateway.remove(id);
            }
        }
    }

    private static Path directory(Path procCgroup, String controller) throws Exception {
        for (String line : Files.readAllLines(procCgroup)) {
            String[] parts = line.split(":", 3);
            if (List.of(parts[1].split(",")).contains(controller)) {
                return Path.of("/sys/fs/cgroup", controller, parts[2].substring(1));
            }
        }
        throw new IllegalStateException("no " + controller + " cgroup in " + procCgroup);
    }

    private static void docker(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertEquals(0, process.waitFor(), "docker " + String.join(" ", args));
    }
}
