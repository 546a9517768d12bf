package dev.limitlab.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentArgsTest {

    @Test
    void cpuDefaults() {
        assertEquals(new WorkloadSpec.Cpu(3, 100, 10, 1000, 0), AgentArgs.parse("cpu", "--threads", "3"));
    }

    @Test
    void cpuAllOptions() {
        assertEquals(new WorkloadSpec.Cpu(2, 40, 20, 250, 5000), AgentArgs.parse(
                "cpu", "--threads", "2", "--load", "40", "--slice-ms", "20", "--report-ms", "250", "--duration-ms", "5000"));
    }

    @Test
    void memoryDefaults() {
        assertEquals(new WorkloadSpec.Memory(1_000_000, 500, 0, WorkloadSpec.MemoryMode.NATIVE, false, 1000),
                AgentArgs.parse("memory", "--target-bytes", "1000000", "--rate-bytes-per-sec", "500"));
    }

    @Test
    void memoryAllOptionsInAnyOrder() {
        assertEquals(new WorkloadSpec.Memory(64, 8, -1, WorkloadSpec.MemoryMode.HEAP, true, 100), AgentArgs.parse(
                "memory", "--leak", "--mode", "heap", "--hold-ms", "-1", "--report-ms", "100",
                "--rate-bytes-per-sec", "8", "--target-bytes", "64"));
    }

    @Test
    void memoryWritesTheFileItRereadsWhenGivenItsSize() {
        assertEquals(new WorkloadSpec.Memory(64, 8, 0, WorkloadSpec.MemoryMode.NATIVE, false, 1000, "/state/pages", 4096),
                AgentArgs.parse("memory", "--target-bytes", "64", "--rate-bytes-per-sec", "8", "--reread", "/state/pages",
                        "--reread-write-bytes", "4096"));
        UsageException alone = assertThrows(UsageException.class, () -> AgentArgs.parse("memory", "--target-bytes", "64",
                "--rate-bytes-per-sec", "8", "--reread-write-bytes", "4096"));
        assertEquals("--reread-write-bytes goes with --reread, the file it writes", alone.getMessage());
    }

    @Test
    void crash() {
        assertEquals(new WorkloadSpec.Crash(1500, 137, 1000, null, null, null, null),
                AgentArgs.parse("crash", "--run-for-ms", "1500", "--exit-code", "137"));
        assertEquals(new WorkloadSpec.Crash(0, 0, 50, null, null, null, null),
                AgentArgs.parse("crash", "--exit-code", "0", "--run-for-ms", "0", "--report-ms", "50"));
    }

    @Test
    void crashVariations() {
        Path state = Path.of("/var/lib/limitlab-agent");
        assertEquals(new WorkloadSpec.Crash(200, 3, 1000, 2, null, null, state), AgentArgs.parse(
                "crash", "--run-for-ms", "200", "--exit-code", "3", "--succeed-after", "2", "--state-dir", "/var/lib/limitlab-agent"));
        assertEquals(new WorkloadSpec.Crash(200, 3, 1000, null, 0.25, -7L, null), AgentArgs.parse(
                "crash", "--run-for-ms", "200", "--exit-code", "3", "--exit-probability", "0.25", "--seed", "-7"));
        assertEquals(new WorkloadSpec.Crash(200, 3, 1000, null, 1.0, null, state), AgentArgs.parse(
                "crash", "--run-for-ms", "200", "--exit-code", "3", "--exit-probability", "1", "--state-dir", state.toString()));
        assertEquals(new WorkloadSpec.Crash(200, 3, 1000, null, null, null, state), AgentArgs.parse(
                "crash", "--run-for-ms", "200", "--exit-code", "3", "--state-dir", state.toString()));
    }

    @Test
    void pids() {
        assertEquals(new WorkloadSpec.Pids(50, -1, 1000), AgentArgs.parse("pids", "--threads", "50"));
        assertEquals(new WorkloadSpec.Pids(2, 0, 100), AgentArgs.parse("pids", "--hold-ms", "0", "--threads", "2", "--report-ms", "100"));
    }

    @Test
    void phasesRunEachWorkloadUntilItsPhaseEnds() {
        assertEquals(new WorkloadSpec.Phases(List.of(
                        new WorkloadSpec.Phase(3000, new WorkloadSpec.Cpu(1, 10, 10, 1000, 0)),
                        new WorkloadSpec.Phase(2000, new WorkloadSpec.Memory(64, 8, -1, WorkloadSpec.MemoryMode.HEAP, true, 250)),
                        new WorkloadSpec.Phase(1, new WorkloadSpec.Pids(20, -1, 1000)))),
                AgentArgs.parse("phases",
                        "--phase", "3000", "cpu", "--threads", "1", "--load", "10",
                        "--phase", "2000", "memory", "--target-bytes", "64", "--rate-bytes-per-sec", "8", "--mode", "heap", "--leak",
                        "--report-ms", "250",
                        "--phase", "1", "pids", "--threads", "20"));
        assertEquals("phases", AgentArgs.parse("phases", "--phase", "5", "cpu", "--threads", "1").name());
    }

    @Test
    void serveDefaultsAndOptions() {
        assertEquals(new WorkloadSpec.Serve(8080, 8, 0, 0, false, 1000, 0), AgentArgs.parse("serve", "--port", "8080"));
        assertEquals(new WorkloadSpec.Serve(0, 2, 2000, 4096, true, 500, 3000), AgentArgs.parse("serve", "--port", "0",
                "--threads", "2", "--work-us", "2000", "--hold-bytes", "4096", "--retain", "--report-ms", "500", "--duration-ms", "3000"));
    }

    @Test
    void loadTakesEachRequestWithItsBodyAndHeaders() {
        var load = AgentArgs.parse("load", "--port", "8080", "--rate", "200", "--warmup-ms", "5000", "--duration-ms", "30000",
                "--request", "GET", "/api/items",
                "--request", "POST", "/api/items", "--body", "{\"a\":1}", "--header", "Content-Type: application/json",
                "--header", "X-Trace:1");
        assertEquals(new WorkloadSpec.Load(8080, new WorkloadSpec.OpenModel(200, 64), List.of(
                new WorkloadSpec.LoadRequest("GET", "/api/items", "", java.util.Map.of()),
                new WorkloadSpec.LoadRequest("POST", "/api/items", "{\"a\":1}",
                        java.util.Map.of("Content-Type", "application/json", "X-Trace", "1"))),
                5000, 30000, 2000, 1000, null), load);
        assertEquals(new WorkloadSpec.ReadyCheck("/healthz", 60_000), ((WorkloadSpec.Load) AgentArgs.parse("load", "--port", "1",
                "--rate", "5", "--duration-ms", "1", "--ready-http", "/healthz", "--request", "GET", "/")).ready());
        assertEquals(new WorkloadSpec.ReadyCheck(null, 500), ((WorkloadSpec.Load) AgentArgs.parse("load", "--port", "1",
                "--rate", "5", "--duration-ms", "1", "--ready-tcp", "--ready-timeout-ms", "500", "--request", "GET", "/")).ready());
        assertEquals(new WorkloadSpec.OpenModel(5, 2), ((WorkloadSpec.Load) AgentArgs.parse("load", "--port", "1",
                "--rate", "5", "--connections", "2", "--duration-ms", "1", "--request", "GET", "/")).model());
        assertEquals(new WorkloadSpec.ClosedModel(16), ((WorkloadSpec.Load) AgentArgs.parse("load", "--port", "1",
                "--connections", "16", "--duration-ms", "1", "--request", "GET", "/")).model());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "''                                                   | missing workload",
            "disk --threads 1                                     | unknown workload 'disk'",
            "cpu                                                  | --threads is required",
            "cpu --threads                                        | --threads needs a value",
            "cpu --threads two                                    | --threads must be a whole number, not 'two'",
            "cpu --threads 0                                      | --threads must be between 1",
            "cpu --threads 1 --load 101                           | --load must be between 1 and 100, not 101",
            "cpu --threads 1 --load 0                             | --load must be between 1 and 100, not 0",
            "cpu --threads 1 --threads 2                          | --threads given twice",
            "cpu --threads 1 --leak                               | unexpected argument '--leak' for workload cpu",
            "cpu --threads 1 extra                                | unexpected argument 'extra'",
            "cpu --threads 1 --slice-ms 0                         | --slice-ms must be between 1",
            "memory --rate-bytes-per-sec 1                        | --target-bytes is required",
            "memory --target-bytes 1                              | --rate-bytes-per-sec is required",
            "memory --target-bytes 1 --rate-bytes-per-sec 0       | --rate-bytes-per-sec must be between 1",
            "memory --target-bytes 1 --rate-bytes-per-sec 1 --hold-ms -2 | --hold-ms must be between -1",
            "memory --target-bytes 1 --rate-bytes-per-sec 1 --mode disk  | --mode must be native or heap, not 'disk'",
            "crash --run-for-ms 10                                | --exit-code is required",
            "crash --run-for-ms 10 --exit-code 256                | --exit-code must be between 0 and 255",
            "crash --run-for-ms -1 --exit-code 1                  | --run-for-ms must be between 0",
            "crash --run-for-ms 10 --exit-code 1 --report-ms 0    | --report-ms must be between 1",
            "crash --run-for-ms 1 --exit-code 1 --succeed-after 2 | --succeed-after needs --state-dir",
            "crash --run-for-ms 1 --exit-code 1 --succeed-after 0 --state-dir /s | --succeed-after must be between 1",
            "crash --run-for-ms 1 --exit-code 1 --succeed-after 2 --state-dir /s --exit-probability 0.5 | exclude each other",
            "crash --run-for-ms 1 --exit-code 1 --exit-probability 1.5 | --exit-probability must be a number from 0 to 1, not '1.5'",
            "crash --run-for-ms 1 --exit-code 1 --exit-probability NaN | --exit-probability must be a number from 0 to 1, not 'NaN'",
            "crash --run-for-ms 1 --exit-code 1 --exit-probability x | --exit-probability must be a number from 0 to 1, not 'x'",
            "crash --run-for-ms 1 --exit-code 1 --seed 3          | --seed goes with --exit-probability",
            "crash --run-for-ms 1 --exit-code 1 --exit-probability 0.5 --seed x | --seed must be a whole number, not 'x'",
            "pids                                                 | --threads is required for workload pids",
            "pids --threads 0                                     | --threads must be between 1 and 1000000",
            "pids --threads 1 --hold-ms -2                        | --hold-ms must be between -1",
            "pids --threads 1 --load 5                            | unexpected argument '--load' for workload pids",
            "phases                                               | phases needs --phase MS KIND [OPTIONS...], one or more",
            "phases cpu --threads 1                               | phases needs --phase MS KIND [OPTIONS...], one or more, not 'cpu'",
            "phases --phase 100                                   | --phase needs a duration in ms and a workload (phase 0)",
            "phases --phase 0 cpu --threads 1                     | --phase must be between 1",
            "phases --phase x cpu --threads 1                     | --phase must be a whole number, not 'x'",
            "phases --phase 100 crash --run-for-ms 1 --exit-code 1 | workload 'crash' cannot run in a phase (phase 0; expected cpu, memory or pids)",
            "phases --phase 100 cpu --threads 1 --phase 100 phases | workload 'phases' cannot run in a phase (phase 1;",
            "phases --phase 100 cpu --threads 1 --duration-ms 50  | --duration-ms cannot be set in a phase (phase 0)",
            "phases --phase 100 cpu --threads 1 --phase 9 pids --threads 2 --hold-ms 5 | --hold-ms cannot be set in a phase (phase 1)",
            "phases --phase 100 cpu --threads 1 --phase 9 pids    | --threads is required for workload pids in phase 1",
            "phases --phase 100 cpu --threads 1 --phase 9 memory --target-bytes 1 --rate-bytes-per-sec 1 --bogus 1"
                    + " | unexpected argument '--bogus' for workload memory in phase 1",
            "serve                                                | --port is required for workload serve",
            "serve --port 70000                                   | --port must be between 0 and 65535, not 70000",
            "serve --port 80 --threads 0                          | --threads must be between 1",
            "serve --port 80 --work-us 2ms                        | --work-us must be a whole number, not '2ms'",
            "load --rate 5 --duration-ms 9 --request GET /        | --port is required for workload load",
            "load --port 80 --duration-ms 9 --request GET /       | load needs --rate (requests started per second, open model)",
            "load --port 80 --rate 0 --duration-ms 9 --request GET / | --rate must be between 1",
            "load --port 80 --rate 5 --request GET /              | --duration-ms is required for workload load",
            "load --port 80 --rate 5 --duration-ms 9              | load needs at least one --request METHOD PATH",
            "load --port 80 --rate 5 --duration-ms 9 --request GET | --request needs a method and a path (request 0)",
            "load --port 80 --rate 5 --duration-ms 9 --request get / | request method must be upper-case letters, not 'get'",
            "load --port 80 --rate 5 --duration-ms 9 --request GET items | request path must start with '/', not 'items'",
            "load --port 80 --rate 5 --duration-ms 9 --request GET / --header Host:x | header 'Host' is set by the driver",
            "load --port 80 --rate 5 --duration-ms 9 --request GET / --header novalue | --header must be NAME:VALUE, not 'novalue'",
            "load --port 80 --rate 5 --duration-ms 9 --request GET / --bogus 1 | unexpected argument '--bogus' in request 0",
            "load --port 80 --rate 5 --duration-ms 9 --request GET / --request GET / --body | --body needs a value (request 1)",
            "load --port 80 --rate 5 --connections 0 --duration-ms 9 --request GET / | --connections must be between 1",
    })
    void rejectsBadArguments(String commandLine, String expectedMessagePart) {
        String[] args = commandLine.isBlank() ? new String[0] : commandLine.trim().split("\\s+");
        var error = assertThrows(UsageException.class, () -> AgentArgs.parse(args));
        assertTrue(error.getMessage().contains(expectedMessagePart),
                () -> "message '" + error.getMessage() + "' lacks '" + expectedMessagePart + "'");
    }
}
