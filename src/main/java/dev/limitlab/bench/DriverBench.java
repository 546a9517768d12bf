package dev.limitlab.bench;

import dev.limitlab.docker.ContainerSpec;
import dev.limitlab.docker.ContainerStatus;
import dev.limitlab.docker.DockerGateway;
import dev.limitlab.docker.LogLine;
import dev.limitlab.docker.Mounts;
import dev.limitlab.engine.AgentCommand;
import dev.limitlab.engine.AgentOutput;
import dev.limitlab.engine.CgroupFiles;
import dev.limitlab.engine.RunContext;
import dev.limitlab.engine.WorkloadContainer;
import dev.limitlab.metrics.LoadMetrics;
import dev.limitlab.metrics.StatsSample;
import dev.limitlab.scenario.Hardening;
import dev.limitlab.scenario.Limits;
import dev.limitlab.scenario.Workload;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The driver phase: limitlab's load driver and Debian's wrk against one nginx container, on the same endpoint and
 * connections, alternated round by round (the first tool of a round alternates too, so that a drift of the host's
 * load favours neither). nginx runs on CPU 0; the driver's container ({@code --network container:<nginx>}) and wrk
 * ({@code nsenter} into nginx's network namespace) take turns on CPU 1. Every request goes to 127.0.0.1 inside that
 * namespace. Every container carries the bench's run label and is removed at the end of the phase.
 */
final class DriverBench {
    static final String NGINX_IMAGE = "limitlab-nginx:bookworm";
    private static final int PORT = 8080;
    /** nginx's static page: no work beyond a cached file, so the latency is the tools' and the loopback's. */
    private static final String PATH = "/";
    private static final String READY_PATH = "/healthz";
    static final int CEILING_CONNECTIONS = 16;
    private static final int CEILING_ROUNDS = 5; // on a shared host one round can be disturbed: the median outvotes it
    private static final Duration CEILING_MEASURED = Duration.ofSeconds(4);
    private static final int OVERHEAD_ROUNDS = 2;
    private static final Duration OVERHEAD_MEASURED = Duration.ofSeconds(3);
    /**
     * The driver's JVM compiles its hot path in this, on the one CPU it shares with its own JIT threads; wrk, native,
     * needs none. Its ceiling is its steady state, as a trial's warm-up gives it.
     */
    private static final Duration DRIVER_WARMUP = Duration.ofSeconds(3);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    /** How often the driver's cgroup is read for its memory peak while it runs (the cgroup goes with the process). */
    private static final Duration PEAK_POLL = Duration.ofMillis(200);
    /** Beyond its load, how long the driver's container may take to start, get nginx ready, and print its summary. */
    private static final Duration DRIVER_GRACE = READY_TIMEOUT.plusSeconds(10);
    private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");

    private final DockerGateway engine;
    private final RunContext context;
    private final String agentImage;
    private final String nginxCpu;
    private final String loadCpu;
    private final Consumer<String> progress;
    private int driverRuns;

    DriverBench(DockerGateway engine, RunContext context, String agentImage, int hostCpus, Consumer<String> progress) {
        this.engine = engine;
        this.context = context;
        this.agentImage = agentImage;
        this.nginxCpu = "0";
        this.loadCpu = hostCpus > 1 ? "1" : "0"; // one CPU: all share it, and the pinning says so
        this.progress = progress;
    }

    /** Starts nginx, runs the rounds, and returns the figures; nginx and the drivers are removed with the run context. */
    BenchReport.Driver run() {
        if (!Wrk.installed()) {
            throw new IllegalStateException("the driver phase needs Debian's wrk: apt-get install -y wrk (scripts/bench.sh installs it)");
        }
        if (engine.image(NGINX_IMAGE).isEmpty()) {
            throw new IllegalStateException("the driver phase needs " + NGINX_IMAGE + ": scripts/build-nginx-image.sh builds it"
                    + " (scripts/bench.sh does when it is missing)");
        }
        Workload.Service nginx = service(CEILING_CONNECTIONS);
        WorkloadContainer container = WorkloadContainer.of(nginx, agentImage);
        String nginxId = engine.create(new ContainerSpec(context.containerName("nginx"), container.image(), container.command(),
                context.labels(), Limits.NONE, nginxCpu, Hardening.DEFAULT, container.mounts(), container.env()));
        engine.start(nginxId);
        ContainerStatus status = engine.inspect(nginxId);
        if (!status.running() || status.pid() == null || status.pid() == 0) {
            throw new IllegalStateException(NGINX_IMAGE + " is not running (" + status.status() + "); its last lines: " + lastLines(nginxId));
        }
        int nginxPid = status.pid();

        List<BenchReport.DriverRound> ceiling = rounds(nginxId, nginxPid, CEILING_ROUNDS, CEILING_CONNECTIONS, CEILING_MEASURED);
        List<BenchReport.DriverRound> overhead = rounds(nginxId, nginxPid, OVERHEAD_ROUNDS, 1, OVERHEAD_MEASURED);
        return BenchReport.Driver.of("GET " + PATH + " (nginx's static page) at 127.0.0.1:" + PORT + " in nginx's network namespace",
                "nginx on CPU " + nginxCpu + ", driver and wrk in turn on CPU " + loadCpu, CEILING_CONNECTIONS, ceiling, overhead);
    }

    /** {@code count} rounds of both tools on {@code connections}, the driver first in odd rounds and wrk in even ones. */
    private List<BenchReport.DriverRound> rounds(String nginxId, int nginxPid, int count, int connections, Duration measured) {
        List<BenchReport.DriverRound> rounds = new ArrayList<>();
        for (int round = 1; round <= count; round++) {
            boolean driverFirst = round % 2 == 1; // round 1 starts with the driver: it waits for nginx to be ready
            for (int turn = 0; turn < 2; turn++) {
                BenchReport.DriverRound result = (turn == 0) == driverFirst
                        ? driver(round, nginxId, connections, measured)
                        : BenchReport.DriverRound.wrk(round, connections, Wrk.run(Wrk.command(nginxPid, loadCpu, connections,
                                measured, REQUEST_TIMEOUT, "http://127.0.0.1:" + PORT + PATH), measured));
                progress.accept(String.format(Locale.ROOT, "  round %d, %s, %d connection(s): %.0f req/s, p50 %s, %d error(s)",
                        round, result.tool().label(), connections, result.requestsPerSec(),
                        result.p50Ms() == null ? "-" : String.format(Locale.ROOT, "%.3f ms", result.p50Ms()), result.errors()));
                rounds.add(result);
            }
        }
        return rounds;
    }

    /** One driver container: started, its cgroup's memory peak read until it exits, its summary read, then removed. */
    private BenchReport.DriverRound driver(int round, String nginxId, int connections, Duration measured) {
        List<String> command = AgentCommand.forLoad(service(connections), DRIVER_WARMUP.plus(measured));
        String id = engine.create(new ContainerSpec(context.containerName("driver-" + ++driverRuns), agentImage, command,
                context.labels(), Limits.NONE, loadCpu, Hardening.DEFAULT.withNetworkMode("container:" + nginxId), Mounts.NONE));
        try {
            engine.start(id);
            Long peak = awaitExitReadingPeak(id, Instant.now().plus(DRIVER_WARMUP).plus(measured).plus(DRIVER_GRACE));
            LoadMetrics load = LoadMetrics.of(AgentOutput.parse(engine.stdoutLines(id)), null);
            if (load == null || load.achievedRate() == null) {
                throw new IllegalStateException("the load driver printed no summary; its last lines: " + lastLines(id));
            }
            long errors = load.errors().values().stream().mapToLong(Long::longValue).sum();
            return new BenchReport.DriverRound(round, BenchReport.DriverRound.Tool.DRIVER, connections, load.achievedRate(),
                    load.latencyMs() == null ? null : load.latencyMs().p50(), errors, load.driverResidentBytes(), peak);
        } finally {
            engine.remove(id);
        }
    }

    /** The largest memory peak read from the container's cgroup while it ran; null when it could not be read. */
    private Long awaitExitReadingPeak(String id, Instant deadline) {
        Optional<CgroupFiles> cgroup = Optional.empty();
        Long peak = null;
        while (engine.awaitExit(id, PEAK_POLL).isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                engine.kill(id);
                throw new IllegalStateException("the load driver did not end by " + deadline + "; its last lines: " + lastLines(id));
            }
            if (cgroup.isEmpty()) {
                Integer pid = engine.inspect(id).pid();
                cgroup = pid == null || pid == 0 ? Optional.empty()
                        : CgroupFiles.ofProcess(CGROUP_ROOT, Path.of("/proc", pid.toString(), "cgroup"), id);
            }
            Long now = cgroup.flatMap(files -> files.read(Instant.now())).map(StatsSample::memoryMaxUsageBytes).orElse(null);
            if (now != null && (peak == null || now > peak)) {
                peak = now;
            }
        }
        return peak;
    }

    /** nginx as a service workload: its port, readiness and writable /tmp, and a closed load on {@code connections}. */
    private static Workload.Service service(int connections) {
        Workload.Load load = new Workload.Load(null, connections, List.of(new Workload.Request("GET", PATH, null, Map.of())),
                DRIVER_WARMUP, REQUEST_TIMEOUT);
        return new Workload.Service(NGINX_IMAGE, List.of(), PORT, new Workload.Readiness(READY_PATH, false, null, READY_TIMEOUT),
                List.of("/tmp"), Map.of(), load, null);
    }

    private String lastLines(String id) {
        List<String> lines = engine.output(id).stream().map(LogLine::text).toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    }
}
