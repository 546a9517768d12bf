package dev.limitlab.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
    void crash() {
        assertEquals(new WorkloadSpec.Crash(1500, 137, 1000), AgentArgs.parse("crash", "--run-for-ms", "1500", "--exit-code", "137"));
        assertEquals(new WorkloadSpec.Crash(0, 0, 50), AgentArgs.parse("crash", "--exit-code", "0", "--run-for-ms", "0", "--report-ms", "50"));
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
    })
    void rejectsBadArguments(String commandLine, String expectedMessagePart) {
        String[] args = commandLine.isBlank() ? new String[0] : commandLine.trim().split("\\s+");
        var error = assertThrows(UsageException.class, () -> AgentArgs.parse(args));
        assertTrue(error.getMessage().contains(expectedMessagePart),
                () -> "message '" + error.getMessage() + "' lacks '" + expectedMessagePart + "'");
    }
}
