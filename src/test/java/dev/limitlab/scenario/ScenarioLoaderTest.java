package dev.limitlab.scenario;

import dev.limitlab.metrics.RecommendTargets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioLoaderTest {
    private static final Path QUICKSTART = Path.of("src/test/resources/scenarios/quickstart.yaml");
    private static final long MIB = 1L << 20;

    @Test
    void loadsTheQuickstart() throws Exception {
        Scenario scenario = ScenarioLoader.load(QUICKSTART);

        assertEquals("quickstart", scenario.name());
        assertEquals("One look at CPU throttling, OOM kills and a crash loop.", scenario.description());
        assertEquals(QUICKSTART, scenario.source());
        assertEquals(List.of("cpu", "memory", "crash-loop"), scenario.experiments().stream().map(Experiment::name).toList());

        Experiment cpu = scenario.experiments().get(0);
        assertEquals(new Workload.Cpu(2, 100, Duration.ofMillis(10)), cpu.workload());
        assertEquals(List.of(Limits.NONE.withCpus(0.5), Limits.NONE.withCpus(1.0)), cpu.configurations());
        assertEquals(Duration.ofSeconds(10), cpu.duration());
        assertEquals(1, cpu.repeat());
        assertEquals(Duration.ofSeconds(120), cpu.timeout());

        Experiment memory = scenario.experiments().get(1);
        assertEquals(new Workload.Memory(200 * MIB, 100 * MIB, Duration.ofSeconds(5), "native", false), memory.workload());
        List<Limits> memoryConfigurations = memory.configurations();
        assertEquals(List.of(128 * MIB, 256 * MIB), memoryConfigurations.stream().map(Limits::memory).toList());
        assertEquals(List.of(MemorySwap.SAME, MemorySwap.SAME), memoryConfigurations.stream().map(Limits::memorySwap).toList());
        assertEquals(List.of(128 * MIB, 256 * MIB), memoryConfigurations.stream().map(Limits::memorySwapBytes).toList());

        Experiment crashLoop = scenario.experiments().get(2);
        assertEquals(new Workload.Crash(Duration.ofMillis(200), 3, null, null), crashLoop.workload());
        assertEquals(List.of(Limits.NONE.withRestart(new RestartPolicy("on-failure", 3))), crashLoop.configurations());
    }

    @Test
    void appliesDefaultsAndReadsEveryValueForm() throws Exception {
        Scenario scenario = load("""
                name: forms
                experiments:
                  - name: a.b_c-1
                    workload: {kind: cpu, load: "60%", slice: 5ms}
                    limits: {cpus: "0.5", pids-limit: -1, restart: no}
                    duration: 20s
                    repeat: 3
                  - name: leak
                    workload: {kind: memory, leak: true, mode: heap}
                    limits: {memory: 64m, memory-swap: 128m}
                    matrix: {restart: [always, unless-stopped, on-failure, "on-failure:2"], pids-limit: [1, 100]}
                """);
        Experiment first = scenario.experiments().get(0);
        assertEquals("", scenario.description());
        assertEquals(new Workload.Cpu(1, 60, Duration.ofMillis(5)), first.workload());
        assertEquals(new Limits(0.5, null, null, -1L, RestartPolicy.NO), first.limits());
        assertEquals(3, first.repeat());
        assertEquals(Duration.ofSeconds(90), first.timeout()); // duration * 3 + 30s

        Experiment leak = scenario.experiments().get(1);
        assertEquals(new Workload.Memory(0, 100 * MIB, Duration.ofSeconds(5), "heap", true), leak.workload());
        assertEquals(Duration.ofSeconds(60), leak.timeout());
        assertEquals(List.of("restart", "pids-limit"), leak.matrix().stream().map(MatrixAxis::key).toList());
        assertEquals(8, leak.configurations().size());
        assertEquals(128 * MIB, leak.configurations().get(7).memorySwapBytes());
        assertEquals("on-failure:2", leak.configurations().get(7).restart().toString());
    }

    @Test
    void loadsTheNewWorkloadKinds(@TempDir Path directory) throws Exception {
        Path scenarioFile = directory.resolve("perf/kinds.yaml");
        Path jar = directory.resolve("perf/build/benchmarks.jar");
        Files.createDirectories(jar.getParent());
        Files.write(jar, new byte[] {'P', 'K'});
        Files.writeString(scenarioFile, """
                name: kinds
                experiments:
                  - name: recovers
                    workload: {kind: crash, run-for: 300ms, exit-code: 4, succeed-after: 2}
                  - name: flaky
                    workload: {kind: crash, exit-probability: 25%}
                  - name: threads
                    workload: {kind: pids, threads: 300, hold: 2s}
                  - name: forever
                    workload: {kind: pids, threads: 1}
                  - name: own-image
                    workload: {kind: command, image: "registry.local:5000/team/app:1.2", command: [sh, -c, "sleep 5", 7]}
                  - name: day
                    workload:
                      kind: phases
                      phases:
                        - {duration: 3s, workload: {kind: cpu, load: 10}}
                        - {duration: 2s, workload: {kind: memory, target: 64m}}
                        - {duration: 1s, workload: {kind: pids, threads: 20}}
                    duration: 6s
                  - name: bench
                    workload: {kind: jmh, jar: build/benchmarks.jar, include: ".*Parse.*", warmup-iterations: 0,
                               iterations: 5, iteration-time: 500ms, threads: 2}
                  - name: kernel
                    workload: {kind: jmh}
                """);

        List<Workload> workloads = ScenarioLoader.load(scenarioFile, 2).experiments().stream().map(Experiment::workload).toList();

        assertEquals(List.of(
                new Workload.Crash(Duration.ofMillis(300), 4, 2, null),
                new Workload.Crash(Duration.ofSeconds(1), 1, null, 0.25),
                new Workload.Pids(300, Duration.ofSeconds(2)),
                new Workload.Pids(1, Duration.ZERO),
                new Workload.Command("registry.local:5000/team/app:1.2", List.of("sh", "-c", "sleep 5", "7")),
                new Workload.Phases(List.of(
                        new Workload.Phase(Duration.ofSeconds(3), new Workload.Cpu(1, 10, Duration.ofMillis(10))),
                        new Workload.Phase(Duration.ofSeconds(2), new Workload.Memory(64 * MIB, 100 * MIB, Duration.ofSeconds(5), "native", false)),
                        new Workload.Phase(Duration.ofSeconds(1), new Workload.Pids(20, Duration.ZERO)))),
                new Workload.Jmh(jar.toAbsolutePath().toString(), ".*Parse.*", 0, 5, Duration.ofMillis(500), 2),
                new Workload.Jmh(null, ".*", 1, 3, Duration.ofSeconds(1), 1)), workloads);
        assertEquals(List.of("crash", "crash", "pids", "pids", "command", "phases", "jmh", "jmh"),
                workloads.stream().map(Workload::kind).toList());
    }

    @Test
    void resolvesTheJarAgainstTheScenarioDirectoryNotTheWorkingDirectory(@TempDir Path directory) throws Exception {
        Path scenarioFile = directory.resolve("bench.yaml");
        Files.writeString(scenarioFile, "name: bench\nexperiments:\n  - name: b\n    workload: {kind: jmh, jar: pom.xml}\n");

        ScenarioException error = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(scenarioFile, 2));

        assertEquals(scenarioFile + ":4:32: workload.jar \"pom.xml\" does not exist: there is no " + directory.resolve("pom.xml")
                + " (expected the path of a benchmarks jar, relative to the scenario file, e.g. build/benchmarks.jar)", error.getMessage());
    }

    @Test
    void readsTheRecommendBlockOverTheDefaults() throws Exception {
        String experiments = "experiments:\n  - name: one\n    workload: {kind: cpu}\n";
        assertEquals(RecommendTargets.DEFAULTS, load("name: none\n" + experiments).recommend());
        assertEquals(new RecommendTargets(0.2, 0.15, 0.9, 0.05, 0.99, 3, 0.25, 64 * MIB),
                load("name: some\nrecommend: {cpu-headroom: 20%, throughput-target: 0.9, throttled-target: \"5%\","
                        + " demand-percentile: 0.99, default-restarts: 3, cpu-step: 0.25, memory-step: 64m}\n" + experiments).recommend());
        assertEquals(new RecommendTargets(0, 1, 1, 0, 1, 1, 1, 1),
                load("name: edges\nrecommend: {cpu-headroom: 0, memory-headroom: 100%, throughput-target: 1, throttled-target: 0%,"
                        + " demand-percentile: 1.0, default-restarts: 1, cpu-step: 1, memory-step: 1}\n" + experiments).recommend());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1 | 1   | ",
            "1 | 1.5 | bad.yaml:5:20: limits.cpus \"1.5\" is more than the 1 CPU of this host (expected at most 1)",
            "4 | 4   | ",
            "4 | 6   | bad.yaml:5:20: limits.cpus \"6\" is more than the 4 CPUs of this host (expected at most 4)"})
    void refusesMoreCpusThanTheHostHas(int hostCpus, String cpus, String expected) throws Exception {
        String yaml = "name: bad\nexperiments:\n  - name: one\n    workload: {kind: cpu}\n    limits: {cpus: " + cpus + "}\n";
        if (expected == null) {
            assertEquals(Double.parseDouble(cpus), ScenarioLoader.load("bad.yaml", new StringReader(yaml), hostCpus)
                    .experiments().get(0).limits().cpus());
        } else {
            assertEquals(expected, assertThrows(ScenarioException.class,
                    () -> ScenarioLoader.load("bad.yaml", new StringReader(yaml), hostCpus)).getMessage());
        }
    }

    @Test
    void loadsWithTheHostsOwnCpuCountByDefault() throws Exception {
        int host = Runtime.getRuntime().availableProcessors();
        String yaml = "name: host\nexperiments:\n  - name: one\n    workload: {kind: cpu}\n    limits: {cpus: " + (host + 1) + "}\n";
        ScenarioException error = assertThrows(ScenarioException.class, () -> ScenarioLoader.load("host.yaml", new StringReader(yaml)));
        assertTrue(error.getMessage().endsWith("(expected at most " + host + ")"), error.getMessage());
    }

    static Stream<Arguments> badScenarios() {
        String head = "name: bad\nexperiments:\n  - name: one\n";
        return Stream.of(
                // Malformed YAML and the wrong shape of a whole file.
                bad("", "1:1: the file has no scenario (expected a mapping with keys: name, description, defaults, recommend, experiments, regression)"),
                bad("- a\n", "1:1: scenario is a list (expected a mapping with keys: name, description, defaults, recommend, experiments, regression)"),
                bad("name: bad\nexperiments:\n  - name: one\n   workload: {kind: cpu}\n",
                        "4:4: not valid YAML: expected <block end>, but found '<block mapping start>' (while parsing a block collection at line 3)"),
                bad(head + "    workload: {kind: cpu\n",
                        "5:1: not valid YAML: expected ',' or '}', but got <stream end> (while parsing a flow mapping at line 4)"),
                bad("name: bad\nname: worse\n", "2:1: duplicate key \"name\" in scenario (already set at line 1)"),
                bad("name: bad\u0007\n", "1:10: not valid YAML: character U+0007 is not allowed"),
                bad("name: bad\n---\nname: worse\n",
                        "2:1: not valid YAML: but found another document (expected a single document in the stream at line 1)"),
                bad("? [a, b]\n: c\n", "1:3: a key in scenario is a list (expected plain keys such as name)"),
                bad("name: \"a\\nb\"\n", "1:7: name \"a\\nb\" is not a valid name (expected a name of lowercase letters, digits, '.', '_' or '-', e.g. quickstart)"),
                // Unknown keys, with and without a near miss.
                bad(head + "    workload: {kind: cpu}\n    matrix: {cpu: [1]}\n",
                        "5:14: unknown key \"cpu\" in matrix (did you mean \"cpus\"?)"),
                bad(head + "    workload: {kind: cpu}\n    limits: {swap: 1g}\n",
                        "5:14: unknown key \"swap\" in limits (valid keys: cpus, memory, memory-swap, pids-limit, restart)"),
                bad("base: bad\n", "1:1: unknown key \"base\" in scenario (valid keys: name, description, defaults, recommend, experiments, regression)"),
                bad("name: bad\nexperiment: []\n", "2:1: unknown key \"experiment\" in scenario (did you mean \"experiments\"?)"),
                bad(head + "    wrokload: {kind: cpu}\n", "4:5: unknown key \"wrokload\" in experiment (did you mean \"workload\"?)"),
                bad(head + "    workload: {kind: memory, threads: 2}\n",
                        "4:30: unknown key \"threads\" in memory workload (valid keys: kind, target, rate, hold, mode, leak, reread)"),
                bad(head + "    workload: {kidn: cpu}\n", "4:16: unknown key \"kidn\" in workload (did you mean \"kind\"?)"),
                // Missing keys, located at the mapping that lacks them.
                bad("experiments: []\n", "1:1: scenario is missing required key \"name\" (expected a name of lowercase letters, digits, '.', '_' or '-', e.g. quickstart)"),
                bad("name: bad\n", "1:1: scenario is missing required key \"experiments\" (expected a list of experiments, each with a name and a workload)"),
                bad(head, "3:5: experiment is missing required key \"workload\" (expected a mapping such as {kind: cpu, threads: 2})"),
                bad(head + "    workload: {threads: 2}\n", "4:15: workload is missing required key \"kind\" (expected one of: cpu, memory, crash, pids, command, phases, jmh, service)"),
                bad(head + "    workload: {kind: memory}\n",
                        "4:15: workload is missing required key \"target\" (examples: 200m, 1g; or leak: true to grow until killed)"),
                // Wrong types and values.
                bad("name: Bad\n", "1:7: name \"Bad\" is not a valid name (expected a name of lowercase letters, digits, '.', '_' or '-', e.g. quickstart)"),
                bad("name: bad\ndefaults: {repeat: abc}\n",
                        "2:20: defaults.repeat \"abc\" is not a whole number (expected a whole number >= 1, e.g. 3)"),
                bad("name: bad\ndefaults: {repeat: 0}\n", "2:20: defaults.repeat \"0\" is out of range (expected a whole number >= 1, e.g. 3)"),
                bad("name: bad\ndefaults: [10s]\n", "2:11: defaults is a list (expected a mapping such as {duration: 10s, repeat: 1, timeout: 120s})"),
                bad("name: bad\nexperiments: []\n", "2:14: experiments is an empty list (expected a list of experiments, each with a name and a workload)"),
                bad(head + "    workload: {kind: cpuu}\n", "4:22: workload.kind \"cpuu\" is not a known kind (did you mean \"cpu\"?)"),
                bad(head + "    workload: {kind: gpu}\n", "4:22: workload.kind \"gpu\" is not a known kind (did you mean \"cpu\"?)"),
                bad(head + "    workload: {kind: disk}\n", "4:22: workload.kind \"disk\" is not a known kind (expected one of: cpu, memory, crash, pids, command, phases, jmh, service)"),
                bad(head + "    workload: {kind: cpu, threads: [2]}\n", "4:36: workload.threads is a list (expected a whole number >= 1, e.g. 2)"),
                bad(head + "    workload: {kind: cpu, load: 150%}\n",
                        "4:33: workload.load \"150%\" is out of range (expected a percentage from 1 to 100, e.g. 60 or \"60%\")"),
                bad(head + "    workload: {kind: cpu, slice: 0}\n", "4:34: workload.slice \"0\" must be longer than 0 (examples: 500ms, 10s, 1.5m)"),
                bad(head + "    workload: {kind: memory, target: 12XB}\n",
                        "4:38: workload.target \"12XB\" is not a size (examples: 200m, 1g; or leak: true to grow until killed)"),
                bad(head + "    workload: {kind: memory, target: 1g, rate: 10m}\n",
                        "4:48: workload.rate \"10m\" is not a rate per second (examples: 100m/s, 1g/s)"),
                bad(head + "    workload: {kind: memory, target: 1g, reread: lots}\n",
                        "4:50: workload.reread \"lots\" is not a size (expected a size to write (e.g. 96m) or an absolute path in the image (e.g. /opt/java/lib/modules))"),
                bad(head + "    workload: {kind: memory, target: 1g, reread: 3g}\n",
                        "4:50: workload.reread \"3g\" is not a size above 0 and up to 2g (expected a size to write (e.g. 96m) or an absolute path in the image (e.g. /opt/java/lib/modules))"),
                bad(head + "    workload: {kind: memory, target: 1g, leak: yes}\n",
                        "4:48: workload.leak \"yes\" is not true or false (expected true or false)"),
                bad(head + "    workload: {kind: crash, exit-code: 256}\n",
                        "4:40: workload.exit-code \"256\" is out of range (expected a whole number from 0 to 255, e.g. 3)"),
                bad(head + "    workload: {kind: cpu}\n    limits: {memory: 12XB}\n",
                        "5:22: limits.memory \"12XB\" is not a size (examples: 512m, 2g)"),
                bad(head + "    workload: {kind: cpu}\n    limits: {memory: 4m}\n",
                        "5:22: limits.memory \"4m\" is below the engine's minimum of 6m (examples: 512m, 2g)"),
                bad(head + "    workload: {kind: cpu}\n    limits: {cpus: 0}\n",
                        "5:20: limits.cpus \"0\" must be more than 0 (expected cores above 0, e.g. 0.5 or 2)"),
                bad(head + "    workload: {kind: cpu}\n    limits: {cpus: 0.0000000001}\n",
                        "5:20: limits.cpus \"0.0000000001\" is finer than a billionth of a core (expected cores above 0, e.g. 0.5 or 2)"),
                bad(head + "    workload: {kind: cpu}\n    limits: {pids-limit: 0}\n",
                        "5:26: limits.pids-limit \"0\" is out of range (expected a whole number >= 1, or -1 for unlimited, e.g. 100)"),
                bad(head + "    workload: {kind: cpu}\n    limits: {restart: \"on-failure:-1\"}\n",
                        "5:23: limits.restart \"on-failure:-1\" needs a retry count that is a whole number >= 0 (expected no, on-failure, on-failure:N, always or unless-stopped)"),
                bad(head + "    workload: {kind: cpu}\n    limits: {restart: \"always:3\"}\n",
                        "5:23: limits.restart \"always:3\" takes no retry count (expected no, on-failure, on-failure:N, always or unless-stopped)"),
                bad(head + "    workload: {kind: cpu}\n    limits: {restart: sometimes}\n",
                        "5:23: limits.restart \"sometimes\" is not a restart policy (expected one of: no, on-failure, always, unless-stopped)"),
                bad(head + "    workload: {kind: cpu}\n    matrix: {restart: [no, alway]}\n",
                        "5:28: matrix.restart \"alway\" is not a restart policy (did you mean \"always\"?)"),
                // Matrix shape.
                bad(head + "    workload: {kind: cpu}\n    matrix: {cpus: []}\n",
                        "5:20: matrix.cpus is an empty list (expected a non-empty list of values such as [0.5, 1.0] or [128m, 256m])"),
                bad(head + "    workload: {kind: cpu}\n    matrix: {cpus: 1}\n",
                        "5:20: matrix.cpus is \"1\" (expected a non-empty list of values such as [0.5, 1.0] or [128m, 256m])"),
                bad(head + "    workload: {kind: cpu}\n    matrix: {cpus: [1, 1.0]}\n",
                        "5:24: matrix.cpus lists the same value twice (expected distinct values)"),
                bad(head + "    workload: {kind: cpu}\n    limits: {cpus: 1}\n    matrix: {cpus: [1, 2]}\n",
                        "6:20: matrix.cpus is also set in limits (expected each key in limits or matrix, not both)"),
                // Names.
                bad(head + "    workload: {kind: cpu}\n  - name: one\n    workload: {kind: cpu}\n",
                        "5:11: name \"one\" is already used by the experiment at line 3 (expected a unique name per experiment)"),
                // Cross-checks per configuration, located at the offending memory-swap.
                bad(head + "    workload: {kind: cpu}\n    limits: {memory-swap: 200m}\n    matrix: {memory: [128m, 256m]}\n",
                        "5:27: limits.memory-swap 200m is less than memory 256m (expected memory-swap >= memory, or same for no swap)"),
                bad(head + "    workload: {kind: cpu}\n    limits: {memory: 256m}\n    matrix: {memory-swap: [-1, 1g, 128m]}\n",
                        "6:36: matrix.memory-swap 128m is less than memory 256m (expected memory-swap >= memory, or same for no swap)"),
                bad(head + "    workload: {kind: cpu}\n    limits: {memory-swap: same}\n",
                        "5:27: limits.memory-swap same needs a memory limit (expected memory in limits or matrix as well, e.g. memory: 256m)"),
                // Durations.
                bad(head + "    workload: {kind: cpu}\n    timeout: 5s\n",
                        "5:14: timeout 5s is not longer than the duration 10s of experiment \"one\" (expected more than 10s, e.g. 1m)"),
                bad("name: bad\ndefaults: {timeout: 30s}\nexperiments:\n  - name: long\n    workload: {kind: cpu}\n    duration: 1m\n",
                        "2:21: timeout 30s is not longer than the duration 1m of experiment \"long\" (expected more than 1m, e.g. 210s)"),
                bad(head + "    workload: {kind: cpu}\n    duration: 10\n",
                        "5:15: duration \"10\" is not a duration (examples: 500ms, 10s, 1.5m)"),
                bad(head + "    workload: {kind: cpu}\n    duration:\n", "5:14: duration has no value (examples: 500ms, 10s, 1.5m)"),
                // privileged, wherever it is asked for.
                bad("privileged: true\n", "1:1: privileged" + PRIVILEGED),
                bad(head + "    privileged: true\n    workload: {kind: cpu}\n", "4:5: privileged" + PRIVILEGED),
                bad(head + "    workload: {kind: cpu}\n    limits: {privileged: true}\n", "5:14: limits.privileged" + PRIVILEGED),
                bad(head + "    workload: {kind: cpu}\n    matrix: {Privileged: [true, false]}\n", "5:14: matrix.Privileged" + PRIVILEGED),
                bad(head + "    workload: {kind: cpu, --privileged: true}\n", "4:27: workload.--privileged" + PRIVILEGED),
                // crash variations.
                bad(head + "    workload: {kind: crash, exit-code: 3, succeed-after: 2, exit-probability: 0.5}\n",
                        "4:79: workload.exit-probability cannot be combined with succeed-after (expected one of succeed-after or exit-probability)"),
                bad(head + "    workload: {kind: crash, exit-code: 0, succeed-after: 2}\n",
                        "4:58: workload.succeed-after needs runs that fail, but exit-code is 0 (expected an exit-code from 1 to 255)"),
                bad(head + "    workload: {kind: crash, succeed-after: 0}\n",
                        "4:44: workload.succeed-after \"0\" is out of range (expected a whole number >= 1, e.g. 2)"),
                bad(head + "    workload: {kind: crash, exit-probability: 150%}\n",
                        "4:47: workload.exit-probability \"150%\" is out of range (expected a fraction from 0 to 1 or a percentage, e.g. 0.15 or \"15%\")"),
                // pids and command.
                bad(head + "    workload: {kind: pids}\n", "4:15: workload is missing required key \"threads\" (expected a whole number >= 1, e.g. 200)"),
                bad(head + "    workload: {kind: pids, threads: 10, load: 5}\n",
                        "4:41: unknown key \"load\" in pids workload (valid keys: kind, threads, hold)"),
                bad(head + "    workload: {kind: command, command: [sleep, 5]}\n",
                        "4:15: workload is missing required key \"image\" (expected a local image such as busybox:1.36 or registry.example/team/app:2.1)"),
                bad(head + "    workload: {kind: command, image: Busybox, command: [sleep, 5]}\n",
                        "4:38: workload.image \"Busybox\" is not an image reference (expected a local image such as busybox:1.36 or registry.example/team/app:2.1)"),
                bad(head + "    workload: {kind: command, image: busybox, command: \"sleep 5\"}\n",
                        "4:56: workload.command is \"sleep 5\" (expected a non-empty list of strings such as [sh, -c, \"sleep 5\"])"),
                bad(head + "    workload: {kind: command, image: busybox, command: [sleep, [5]]}\n", "4:64: workload.command[1] is a list (expected text)"),
                bad(head + "    workload: {kind: command, image: busybox}\n",
                        "4:15: workload is missing required key \"command\" (expected a non-empty list of strings such as [sh, -c, \"sleep 5\"])"),
                // phases.
                bad(head + "    workload: {kind: phases, phases: [{duration: 3s, workload: {kind: crash}}]}\n",
                        "4:71: workload.phases[0].workload.kind \"crash\" cannot run in a phase (expected one of: cpu, memory, pids)"),
                bad(head + "    workload: {kind: phases, phases: [{duration: 3s, workload: {kind: phases}}]}\n",
                        "4:71: workload.phases[0].workload.kind \"phases\" cannot run in a phase (expected one of: cpu, memory, pids)"),
                bad(head + "    workload: {kind: phases, phases: [{duration: 3s, workload: {kind: cpuu}}]}\n",
                        "4:71: workload.phases[0].workload.kind \"cpuu\" is not a known kind (did you mean \"cpu\"?)"),
                bad(head + "    workload: {kind: phases, phases: [{duration: 3s, workload: {kind: pids, threads: 9, hold: 1s}}]}\n",
                        "4:95: workload.phases[0].workload.hold cannot be set in a phase (expected the phase's duration alone to say how long its workload runs)"),
                bad(head + "    workload: {kind: phases, phases: [{workload: {kind: cpu}}]}\n",
                        "4:39: workload.phases[0] is missing required key \"duration\" (examples: 500ms, 10s, 1.5m)"),
                bad(head + "    workload: {kind: phases, phases: [{duration: 3s, wrkload: {kind: cpu}}]}\n",
                        "4:54: unknown key \"wrkload\" in phase (did you mean \"workload\"?)"),
                bad(head + "    workload: {kind: phases, phases: [{duration: 1s, workload: {kind: cpu}}, {duration: 1s, workload: {kind: pids}}]}\n",
                        "4:103: workload.phases[1].workload is missing required key \"threads\" (expected a whole number >= 1, e.g. 200)"),
                bad(head + "    workload: {kind: phases, phases: [{duration: 6s, workload: {kind: cpu}}, {duration: 6s, workload: {kind: cpu}}]}\n",
                        "4:15: workload.phases last 12s in all, longer than the duration 10s of experiment \"one\""
                                + " (expected phases that fit in the duration, or a duration of at least 12s)"),
                // jmh.
                bad(head + "    workload: {kind: jmh, include: \"(\"}\n",
                        "4:36: workload.include \"(\" is not a regular expression: Unclosed group (expected a regular expression over benchmark names, e.g. \".*Parse.*\")"),
                bad(head + "    workload: {kind: jmh, jar: src}\n",
                        "4:32: workload.jar \"src\" is not a file: " + Path.of("src").toAbsolutePath() + " is a directory or a device"
                                + " (expected the path of a benchmarks jar, relative to the scenario file, e.g. build/benchmarks.jar)"),
                bad(head + "    workload: {kind: jmh, iterations: 0}\n",
                        "4:39: workload.iterations \"0\" is out of range (expected a whole number from 1 to 10000, e.g. 3)"),
                bad(head + "    workload: {kind: jmh, iterations: 9}\n",
                        "4:15: workload.iterations: 1 warm-up and 9 measured iterations of 1s take at least 10s, which leaves no time"
                                + " of the duration 10s of experiment \"one\" (expected fewer or shorter iterations, or a duration longer than 10s)"),
                // recommend.
                bad("name: bad\nrecommend: {cpu-headroom: 150%}\n",
                        "2:27: recommend.cpu-headroom \"150%\" is out of range (expected a fraction from 0 to 1 or a percentage, e.g. 0.15 or \"15%\")"),
                bad("name: bad\nrecommend: {cpu-headrom: 15%}\n", "2:13: unknown key \"cpu-headrom\" in recommend (did you mean \"cpu-headroom\"?)"),
                bad("name: bad\nrecommend: {throughput-target: 0}\n",
                        "2:32: recommend.throughput-target \"0\" must be more than 0 (expected a fraction from 0 to 1 or a percentage, e.g. 0.15 or \"15%\")"),
                bad("name: bad\nrecommend: {default-restarts: 0}\n",
                        "2:31: recommend.default-restarts \"0\" is out of range (expected a whole number >= 1, e.g. 5)"),
                bad("name: bad\nrecommend: {memory-step: 0}\n", "2:26: recommend.memory-step \"0\" must be more than 0 (examples: 16m, 64m)"),
                bad("name: bad\nrecommend: [1]\n", "2:12: recommend is a list (expected a mapping such as {cpu-headroom: 15%, memory-step: 16m})"));
    }

    private static final String PRIVILEGED = " is refused: limitlab never runs a container privileged (expected the one grant the"
            + " workload needs instead, such as --cap-add of a single capability like SYS_PTRACE, or a --device mapping like /dev/fuse)";

    @Test
    void aRereadIsASizeToWriteOrAFileOfTheImage() throws Exception {
        String head = "name: pages\nexperiments:\n  - name: one\n    workload: {kind: memory, target: 100m, reread: ";
        assertEquals(Workload.Reread.written(96 * MIB),
                ((Workload.Memory) load(head + "96m}\n").experiments().get(0).workload()).reread());
        assertEquals(Workload.Reread.ofImageFile("/opt/java/lib/modules"),
                ((Workload.Memory) load(head + "/opt/java/lib/modules}\n").experiments().get(0).workload()).reread());
    }

    private static Arguments bad(String yaml, String expected) {
        return Arguments.of(yaml, "bad.yaml:" + expected);
    }

    @ParameterizedTest
    @MethodSource("badScenarios")
    void reportsOneLocatedLine(String yaml, String expected) {
        ScenarioException error = assertThrows(ScenarioException.class, () -> load(yaml));
        assertEquals(expected, error.getMessage());
    }

    @Test
    void namesTheFileAsGiven() {
        ScenarioException error = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.load(Path.of("src/test/resources/scenarios/bad-memory.yaml")));
        assertEquals("src/test/resources/scenarios/bad-memory.yaml:7:29: matrix.memory \"12XB\" is not a size (examples: 512m, 2g)",
                error.getMessage());
        assertEquals(7, error.line());
        assertEquals(29, error.column());
    }

    /** Loads as on a 2-CPU host, so that messages do not depend on the machine running the tests. */
    private static Scenario load(String yaml) throws ScenarioException, IOException {
        return ScenarioLoader.load("bad.yaml", new StringReader(yaml), 2);
    }
}
