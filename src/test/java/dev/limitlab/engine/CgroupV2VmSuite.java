package dev.limitlab.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.limitlab.app.Version;
import dev.limitlab.docker.DockerGateway;
import dev.limitlab.docker.DockerJavaGateway;
import dev.limitlab.docker.EndpointResolver;
import dev.limitlab.metrics.FinalState;
import dev.limitlab.metrics.Sampler;
import dev.limitlab.metrics.StatsSample;
import dev.limitlab.metrics.TrialAggregator;
import dev.limitlab.metrics.TrialInput;
import dev.limitlab.metrics.TrialMetrics;
import dev.limitlab.metrics.TrialResult;
import dev.limitlab.scenario.Scenario;
import dev.limitlab.scenario.ScenarioLoader;
import dev.limitlab.scenario.Workload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The cgroup v2 suite that {@code scripts/cgroup-v2-vm.sh} runs inside its VM, against the VM's own dockerd,
 * once per cgroup driver. Not a JUnit test: it needs a cgroup v2 kernel and an engine of its own.
 * Each check prints one line {@code CHECK <name> PASS|FAIL <figures>} and appends it to
 * {@code <results>/summary.txt}; files read from the kernel and the engine are recorded under
 * {@code <results>/recorded/} to serve as the unit tests' fixtures.
 *
 * <pre>
 * CgroupV2VmSuite prepare                                      (host) build the agent image, print its tag
 * CgroupV2VmSuite run --driver systemd|cgroupfs --results DIR --image TAG [--quickstart scenarios/quickstart.yaml]
 * </pre>
 */
public final class CgroupV2VmSuite {
    private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");
    private static final String LABEL = "limitlab.run=vm-suite";
    private static final String BUSYBOX = "limitlab-busybox:latest";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> RECORDED_FILES = List.of("cpu.stat", "cpu.max", "cpu.pressure", "memory.current",
            "memory.peak", "memory.max", "memory.events", "memory.stat", "memory.pressure", "pids.current", "pids.peak",
            "pids.max");

    private final String driver;
    private final Path results;
    private final String image;
    private int failures;
    private volatile Long besideOomKill; // memory.events oom_kill as the watcher last read it
    private volatile boolean inspectPidZero;

    private CgroupV2VmSuite(String driver, Path results, String image) {
        this.driver = driver;
        this.results = results;
        this.image = image;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("prepare")) {
            try (DockerGateway gateway = gateway()) {
                // A tag of its own: the host engine's limitlab-agent:<version> is other runs' to keep current.
                System.out.println(new AgentImage(gateway, "vm-" + Version.CURRENT).ensure(System.err::println));
            }
            return;
        }
        String driver = option(args, "--driver", null);
        Path results = Path.of(option(args, "--results", "results"));
        String quickstart = option(args, "--quickstart", null);
        Files.createDirectories(results.resolve("recorded"));
        // The image built on the host and loaded: its digest names the host's JDK, so ensure() would rebuild it.
        String image = option(args, "--image", AgentImage.NAME + ":vm-" + Version.CURRENT);
        CgroupV2VmSuite suite = new CgroupV2VmSuite(driver, results, image);
        try {
            suite.engine();
            suite.frozenContainer();
            suite.scenarioChecks();
            if (quickstart != null) {
                suite.quickstart(Path.of(quickstart));
            }
        } catch (Exception broken) {
            suite.check("suite", false, "stopped by " + broken);
            broken.printStackTrace();
        }
        System.exit(suite.failures == 0 ? 0 : 1);
    }

    private static DockerGateway gateway() {
        DockerGateway gateway = new DockerJavaGateway(EndpointResolver.fromSystem().resolve());
        gateway.ping();
        return gateway;
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /** The kernel, the hierarchy and the engine's view of it. */
    private void engine() throws IOException, InterruptedException {
        String kernel = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        boolean unified = Files.exists(CGROUP_ROOT.resolve("cgroup.controllers"));
        String controllers = unified ? Files.readString(CGROUP_ROOT.resolve("cgroup.controllers")).strip() : "-";
        String info = docker("info", "--format", "{{.CgroupDriver}} {{.CgroupVersion}} {{.ServerVersion}}").strip();
        check("engine", unified && info.startsWith(driver + " 2 "),
                "kernel " + kernel + ", hierarchy " + (unified ? "cgroup2" : "cgroup v1") + " (controllers: " + controllers
                        + "), dockerd " + info.split(" ")[2] + " cgroup driver " + info.split(" ")[0]
                        + ", cgroup version " + info.split(" ")[1]);
        Files.writeString(results.resolve("recorded/cgroup.controllers"), controllers + "\n");
    }

    /**
     * A busy container under --cpus 0.5, sampled from its start as a trial samples it, then frozen (docker
     * pause: cgroup.freeze on v2): the sampler's last reading and the trial's totals must equal the files.
     */
    private void frozenContainer() throws Exception {
        List<String> run = new ArrayList<>(List.of("run", "-d", "--label", LABEL, "--network", "none",
                "--cpus", "0.5", "--memory", "64m", "--memory-swap", "64m", "--pids-limit", "64", image));
        run.addAll(AgentCommand.forWorkload(new Workload.Cpu(2, 100, Duration.ofMillis(10))));
        String id = docker(run.toArray(String[]::new)).strip();
        Instant started = Instant.parse(docker("inspect", "-f", "{{.State.StartedAt}}", id).strip());
        try {
            int pid = Integer.parseInt(docker("inspect", "-f", "{{.State.Pid}}", id).strip());
            Path procCgroup = Path.of("/proc", Integer.toString(pid), "cgroup");
            String line = Files.readString(procCgroup).strip();
            String expected = driver.equals("systemd") ? "/system.slice/docker-" + id + ".scope" : "/docker/" + id;
            CgroupFiles files = CgroupFiles.ofProcess(CGROUP_ROOT, procCgroup, id).orElse(null);
            Path directory = CGROUP_ROOT.resolve(expected.substring(1));
            check("cgroup-found", line.equals("0::" + expected) && files != null && files.version() == CgroupFiles.Version.V2,
                    "/proc/" + pid + "/cgroup = " + line.replace(id, "<id>") + ", CgroupFiles "
                            + (files == null ? "found nothing" : files.version()));
            if (files == null) {
                return;
            }
            List<StatsSample> samples = new CopyOnWriteArrayList<>();
            List<StatsSample> frozen;
            try (CgroupSampler sampler = new CgroupSampler(files, RunOptions.DEFAULT_SAMPLE_INTERVAL, Clock.systemUTC(), samples::add)) {
                waitFor(Duration.ofSeconds(4));
                record("stats-v2-cpus0.5.json", engineGet("/containers/" + id + "/stats?stream=false"));
                docker("pause", id);
                waitFor(Duration.ofMillis(500));
                frozen = List.of(sampler.sampleNow().orElseThrow(), sampler.sampleNow().orElseThrow());
            }
            Map<String, Long> cpuStat = CgroupFiles.keyValues(Files.readString(directory.resolve("cpu.stat")));
            Map<String, Long> events = CgroupFiles.keyValues(Files.readString(directory.resolve("memory.events")));
            recordDirectory(directory, "frozen-cpus0.5", procCgroup, id);
            StatsSample last = frozen.get(1);
            boolean still = frozen.get(0).cpuTotalNs() == last.cpuTotalNs() && frozen.get(0).periods() == last.periods();
            boolean exact = last.cpuTotalNs() == cpuStat.get("usage_usec") * 1000
                    && last.periods() == cpuStat.get("nr_periods")
                    && last.throttledPeriods() == cpuStat.get("nr_throttled")
                    && last.throttledTimeNs() == cpuStat.get("throttled_usec") * 1000
                    && last.oomKillCounter().equals(events.get("oom_kill"));
            // The trial's totals as TrialRunner builds them: a zero reading at the start, then every sample.
            List<StatsSample> input = new ArrayList<>(samples);
            input.add(new StatsSample(started, 0, 0, 0, 0, 0, null, 0, null, null, null));
            TrialMetrics metrics = TrialAggregator.aggregate(new TrialInput(input, Sampler.CGROUP, List.of(), List.of(),
                    new FinalState(true, 0, false, null), started, null));
            TrialMetrics.CounterTotals totals = metrics.totals();
            boolean totalsExact = totals.cpuNs() == cpuStat.get("usage_usec") * 1000 && totals.periods() == cpuStat.get("nr_periods")
                    && totals.throttledPeriods() == cpuStat.get("nr_throttled")
                    && totals.throttledNs() == cpuStat.get("throttled_usec") * 1000;
            check("exact-counters", still && exact && totalsExact,
                    "cpu.stat usage_usec " + cpuStat.get("usage_usec") + " nr_periods " + cpuStat.get("nr_periods")
                            + " nr_throttled " + cpuStat.get("nr_throttled") + " throttled_usec " + cpuStat.get("throttled_usec")
                            + ", memory.events oom_kill " + events.get("oom_kill") + "; sampler " + last.cpuTotalNs() / 1000
                            + "/" + last.periods() + "/" + last.throttledPeriods() + "/" + last.throttledTimeNs() / 1000
                            + "/" + last.oomKillCounter() + "; trial totals " + totals.cpuNs() / 1000 + "/" + totals.periods()
                            + "/" + totals.throttledPeriods() + "/" + totals.throttledNs() / 1000 + " from " + samples.size()
                            + " samples" + (still ? "" : "; counters moved while frozen"));
            String peak = Files.readString(directory.resolve("memory.peak")).strip();
            String pidsPeak = Files.readString(directory.resolve("pids.peak")).strip();
            check("peaks-read", last.memoryMaxUsageBytes() != null && last.memoryMaxUsageBytes() == Long.parseLong(peak)
                            && last.pidsPeak() != null && last.pidsPeak() == Long.parseLong(pidsPeak)
                            && metrics.memoryPeakBytes().equals(samples.stream().mapToLong(StatsSample::memoryMaxUsageBytes).max().orElseThrow())
                            && metrics.pidsPeak() >= last.pids(),
                    "memory.peak " + peak + " = sample " + last.memoryMaxUsageBytes() + " (memory.current " + last.memoryUsageBytes()
                            + "), pids.peak " + pidsPeak + " = sample " + last.pidsPeak() + " (pids.current " + last.pids()
                            + "), trial peaks " + metrics.memoryPeakBytes() + " B, " + metrics.pidsPeak() + " pids");
            Map<String, Long> cpuPressure = CgroupFiles.pressureTotals(Files.readString(directory.resolve("cpu.pressure")));
            Map<String, Long> memoryPressure = CgroupFiles.pressureTotals(Files.readString(directory.resolve("memory.pressure")));
            StatsSample.Pressure p = last.pressure();
            boolean pressureRead = p != null && samples.stream().allMatch(s -> s.pressure() != null)
                    && p.cpuSomeUsec() == cpuPressure.get("some") && p.cpuFullUsec() == cpuPressure.get("full")
                    && p.memorySomeUsec() == memoryPressure.get("some") && p.memoryFullUsec() == memoryPressure.get("full");
            check("pressure-read", pressureRead, "cpu.pressure some " + cpuPressure.get("some") + " full "
                    + cpuPressure.get("full") + " µs, memory.pressure some " + memoryPressure.get("some") + " full "
                    + memoryPressure.get("full") + " µs; sample " + p);
        } finally {
            docker("rm", "-f", id);
        }
    }

    /** A child OOM-killed while PID 1 lives on, and a pids high-water mark, through limitlab's own runner. */
    private void scenarioChecks() throws Exception {
        String yaml = """
                name: v2-suite
                experiments:
                  - name: child-oom
                    workload: {kind: command, image: "%s", command: [sh, -c, "dd if=/dev/zero of=/dev/null bs=64M count=1; echo survived; sleep 8"]}
                    limits: {memory: 32m, memory-swap: same}
                    duration: 30s
                  - name: pids
                    workload: {kind: pids, threads: 40}
                    limits: {pids-limit: 64}
                    duration: 6s
                """.formatted(BUSYBOX);
        Thread watcher = new Thread(() -> watch("child-oom"), "child-oom-watcher");
        watcher.setDaemon(true);
        watcher.start();
        ScenarioRunner.Outcome outcome = runScenario(ScenarioLoader.load("v2-suite.yaml", new StringReader(yaml)));
        watcher.join(Duration.ofSeconds(5).toMillis());
        TrialResult child = trial(outcome, "child-oom", 0);
        TrialMetrics m = child.metrics();
        TrialMetrics.OomEvidence oom = m.oomEvidence();
        // The runner's sampler finds the cgroup from inspect's Pid; when the engine reported Pid 0 (see watch())
        // the trial has only the stats stream, and the kernel's counter is the one read beside it.
        boolean sampled = "cgroup".equals(m.sampler());
        Long kernelCount = sampled ? oom.cgroupCounter() : besideOomKill;
        check("child-oom", child.error() == null && m.oomKills() == 1 && oom.events() == 1 && Long.valueOf(1).equals(kernelCount)
                        && Integer.valueOf(0).equals(m.lastExitCode()) && m.restarts() == 0
                        && (!sampled || (m.pidsPeak() != null && m.pidsPeak() >= 2)),
                "oom kills " + m.oomKills() + " (events " + oom.events() + ", deaths " + oom.deaths() + ", memory.events oom_kill "
                        + kernelCount + (sampled ? " in the trial's samples" : " read beside the trial") + "), exit "
                        + m.lastExitCode() + ", restarts " + m.restarts() + ", sampler " + m.sampler()
                        + (sampled ? ", pids peak " + m.pidsPeak() + " (sh and dd, from pids.peak)"
                                : "; inspect said Pid " + (inspectPidZero ? "0" : ">0") + " while it ran, so no cgroup sampler")
                        + (child.error() == null ? "" : ", error " + child.error()));
        TrialResult pids = trial(outcome, "pids", 0);
        List<StatsSample> samples = cgroupSamples(outcome.directory(), pids.trial());
        long kernelPeak = samples.stream().filter(s -> s.pidsPeak() != null).mapToLong(StatsSample::pidsPeak).max().orElse(-1);
        long currentMax = samples.stream().filter(s -> s.pids() != null).mapToLong(StatsSample::pids).max().orElse(-1);
        check("pids-peak", pids.metrics().pidsPeak() != null && pids.metrics().pidsPeak() == kernelPeak && kernelPeak >= currentMax
                        && kernelPeak <= 64,
                "trial pids peak " + pids.metrics().pidsPeak() + " = pids.peak " + kernelPeak + " (highest pids.current sampled "
                        + currentMax + ", limit 64)");
    }

    /**
     * Reads an experiment's container beside the runner, every 50 ms from when it shows up, and records its
     * cgroup directory once the OOM kill is counted and only PID 1 is left (the child-OOM fixture). The
     * readings go to {@code <results>/watch-<experiment>.txt}: the evidence when the runner's sampler saw nothing.
     */
    private void watch(String experiment) {
        StringBuilder log = new StringBuilder();
        try {
            String id = "";
            while (id.isEmpty()) {
                id = docker("ps", "-q", "--no-trunc", "--filter", "label=limitlab.experiment=" + experiment).strip();
            }
            // Seen here: after a child's OOM kill, inspect may say Pid 0 while the container runs; top still lists it.
            int inspected = Integer.parseInt(docker("inspect", "-f", "{{.State.Pid}}", id).strip());
            String[] top = docker("top", id, "-o", "pid").strip().split("\\s+");
            int pid = inspected > 0 ? inspected : Integer.parseInt(top[1]);
            inspectPidZero = inspected <= 0;
            Path procCgroup = Path.of("/proc", Integer.toString(pid), "cgroup");
            String line = Files.readString(procCgroup).strip();
            log.append(Instant.now()).append(" inspect pid ").append(inspected).append(", top pid ").append(top[1])
                    .append(' ').append(line).append('\n');
            CgroupFiles files = CgroupFiles.ofProcess(CGROUP_ROOT, procCgroup, id).orElseThrow();
            boolean recorded = false;
            for (int i = 0; i < 400 && !Thread.currentThread().isInterrupted(); i++) {
                StatsSample sample = files.read(Instant.now()).orElse(null);
                log.append(Instant.now()).append(' ').append(sample).append('\n');
                if (sample != null && sample.oomKillCounter() != null) {
                    besideOomKill = sample.oomKillCounter();
                }
                if (!recorded && sample != null && Long.valueOf(1).equals(sample.oomKillCounter()) && sample.pids() == 1) {
                    recordDirectory(CGROUP_ROOT.resolve(line.substring("0::/".length())), experiment, procCgroup, id);
                    recorded = true;
                }
                Thread.sleep(50);
            }
        } catch (Exception stopped) {
            log.append("watcher stopped: ").append(stopped).append('\n');
        } finally {
            try {
                Files.writeString(results.resolve("watch-" + experiment + ".txt"), log);
            } catch (IOException ignored) {
                // diagnostics only
            }
        }
    }

    /**
     * The quickstart's figures in their bands. Under emulation ({@code limitlab.accel=tcg} on the kernel's command
     * line) the CPU band is checked on the kernel's own share per CFS period, usage_usec / (nr_periods x 100 ms):
     * the engine's start event, which opens a trial's wall-clock window, then lags the process's start by about a
     * second (more periods counted than the window holds), so cores per wall second overstate a capped container.
     * The memory and crash-loop trials may take up to 120 s instead of 10 s (they end when the container exits for
     * good): each start of the agent's JVM takes seconds under emulation, more on a busy host.
     */
    private void quickstart(Path file) throws Exception {
        // The shipped quickstart finds its CPU knee by a search; the CPU band is that of two busy threads at a
        // matrix of cpus 0.5 and 1, so its cpu experiment is swapped for that one, the rest kept as shipped.
        String yaml = Files.readString(file)
                .replaceAll("(?s)  - name: cpu\n.*?(?=  - name: memory)",
                        "  - name: cpu\n    workload: {kind: cpu, threads: 2}\n    matrix: {cpus: [0.5, 1.0]}\n")
                .replace("limits: {restart: \"on-failure:3\"}", "limits: {restart: \"on-failure:3\"}\n    duration: 120s")
                .replace("limits: {memory-swap: same}", "limits: {memory-swap: same}\n    duration: 120s");
        ScenarioRunner.Outcome outcome = runScenario(ScenarioLoader.load(file.toString(), new StringReader(yaml)));
        boolean emulated = Files.readString(Path.of("/proc/cmdline")).contains("limitlab.accel=tcg");
        TrialMetrics half = trial(outcome, "cpu", 0).metrics();
        TrialMetrics one = trial(outcome, "cpu", 1).metrics();
        double perPeriod = (double) half.totals().cpuNs() / (half.totals().periods() * 100_000_000L);
        double judged = emulated ? perPeriod : half.cpuUsedCores();
        check("quickstart-cpu", judged >= 0.45 && judged <= 0.55 && half.throttledPeriodsRatio() >= 0.8,
                String.format("cpus=0.5 used %.3f cores per wall second, %.3f per CFS period (%d periods in %.2f s); judged"
                                + " %.3f in 0.45-0.55%s; throttled %.1f %% of periods (>= 80 %%); cpus=1 used %.3f cores,"
                                + " throttled %.1f %%",
                        half.cpuUsedCores(), perPeriod, half.totals().periods(), half.totals().wallNs() / 1e9, judged,
                        emulated ? " (emulated: per period)" : "", 100 * half.throttledPeriodsRatio(),
                        one.cpuUsedCores(), 100 * one.throttledPeriodsRatio()));
        TrialMetrics small = trial(outcome, "memory", 0).metrics();
        TrialMetrics large = trial(outcome, "memory", 1).metrics();
        check("quickstart-memory", small.oomKills() >= 1 && large.oomKills() == 0,
                "memory=128m: " + small.oomKills() + " OOM kill(s) " + small.oomEvidence() + ", peak " + small.memoryPeakBytes()
                        + " B; memory=256m: " + large.oomKills() + " OOM kill(s), peak " + large.memoryPeakBytes() + " B");
        // The busy-host figures on v2: cgroup.threads and cpu.pressure for the run-queue wait, memory.max as the limit.
        dev.limitlab.metrics.Contention waited = half.contention();
        // Nothing else runs in the VM: a trial held by its own limit is never disturbed.
        check("contention-read", waited != null && waited.runQueueWaitRatio() >= 0 && waited.runQueueWaitRatio() <= 1
                        && waited.hostBusyCores() >= 0 && !waited.disturbed() && one.contention() != null,
                "cpus=0.5: " + waited + "; cpus=1: " + one.contention());
        dev.limitlab.metrics.MemoryPressure pressed = small.memoryPressure();
        check("memory-pressure-read", pressed != null && pressed.secondsAtLimit() > 0 && large.memoryPressure() != null,
                "memory=128m (OOM-killed at its limit): " + pressed + "; memory=256m: " + large.memoryPressure());
        TrialMetrics crash = trial(outcome, "crash-loop", 0).metrics();
        check("quickstart-restarts", crash.restarts() == 3 && Integer.valueOf(3).equals(crash.lastExitCode())
                        && Boolean.TRUE.equals(crash.policyGaveUp()),
                "restart=on-failure:3: " + crash.restarts() + " restarts, last exit " + crash.lastExitCode() + ", gave up "
                        + crash.policyGaveUp() + ", " + crash.restartTimeline().size() + " runs");
    }

    private ScenarioRunner.Outcome runScenario(Scenario scenario) {
        try (DockerGateway gateway = gateway()) {
            return new ScenarioRunner(gateway, RunOptions.defaults(results.resolve("runs"), image, Version.CURRENT),
                    RunListener.NONE, Clock.systemUTC()).run(scenario);
        }
    }

    private static TrialResult trial(ScenarioRunner.Outcome outcome, String experiment, int index) {
        return outcome.run().trials().stream().filter(t -> t.experiment().equals(experiment)).skip(index).findFirst().orElseThrow();
    }

    /** The cgroup readings of one trial, from the run's samples.jsonl. */
    private static List<StatsSample> cgroupSamples(Path run, int trial) throws IOException {
        List<StatsSample> samples = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("samples.jsonl"))) {
            JsonNode node = JSON.readTree(line);
            if (node.get("trial").asInt() == trial && node.at("/record/source").asText().equals("cgroup")) {
                JsonNode s = node.at("/record/sample");
                samples.add(new StatsSample(Instant.EPOCH, 0, 0, 0, 0, s.get("memoryUsageBytes").asLong(), null, 0,
                        s.get("pids").isNull() ? null : s.get("pids").asLong(), null, null,
                        s.get("pidsPeak") == null || s.get("pidsPeak").isNull() ? null : s.get("pidsPeak").asLong(), null));
            }
        }
        return samples;
    }

    private void recordDirectory(Path directory, String name, Path procCgroup, String id) throws IOException {
        Path target = results.resolve("recorded").resolve(name);
        Files.createDirectories(target);
        for (String file : RECORDED_FILES) {
            Path source = directory.resolve(file);
            if (Files.exists(source)) {
                Files.writeString(target.resolve(file), Files.readString(source));
            }
        }
        Files.writeString(target.resolve("proc-cgroup"), Files.readString(procCgroup));
        Files.writeString(target.resolve("container-id"), id + "\n");
    }

    private void record(String name, String content) throws IOException {
        Files.writeString(results.resolve("recorded").resolve(name), content);
    }

    private void check(String name, boolean pass, String figures) {
        String line = "CHECK " + driver + "/" + name + " " + (pass ? "PASS" : "FAIL") + " " + figures;
        System.out.println(line);
        if (!pass) {
            failures++;
        }
        try {
            Files.writeString(results.resolve("summary.txt"), line + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String docker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + ": " + out.strip());
        }
        return out;
    }

    /** One GET on the engine's socket, the body as the engine sent it (HTTP/1.0: the body ends at EOF). */
    private static String engineGet(String path) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of("/var/run/docker.sock"));
            channel.write(ByteBuffer.wrap(("GET " + path + " HTTP/1.0\r\nHost: docker\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            while (channel.read(buffer) >= 0) {
                out.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            String response = out.toString(StandardCharsets.UTF_8);
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }

    // A fixed pause is what this check is about (counters that must not move), not a wait for the engine.
    private static void waitFor(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }
}
