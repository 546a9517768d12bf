package dev.limitlab.regression;

import dev.limitlab.metrics.RunJson;
import dev.limitlab.metrics.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static dev.limitlab.regression.Runs.MIB;
import static dev.limitlab.regression.Runs.cpus;
import static dev.limitlab.regression.Runs.memory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BaselineJsonTest {
    @TempDir
    Path dir;

    private static Baseline baseline() throws BaselineException {
        return Baseline.of(Runs.run("20261128T170428Z-1a2b")
                .cpu(cpus(1.0), 125_816.32222222221, 0.99, 0.9963389265584159, 16_818_176)
                .cpu(cpus(1.0), 126_499.55555555556, 1.0, 1.005740013493128, 16_838_656)
                .memory(memory(128 * MIB), 120_356_864, 1)
                .build());
    }

    @Test
    void keysAreSortedConfigurationsInRunOrderAndNumbersPlain() throws Exception {
        assertEquals("""
                {
                  "configurations" : [
                    {
                      "configuration" : "cpus=1",
                      "experiment" : "cpu",
                      "metrics" : {
                        "cpu-used" : {
                          "cv" : 0.00664067,
                          "max" : 1.00574,
                          "mean" : 1.00104,
                          "min" : 0.996339,
                          "n" : 2
                        },
                        "memory-peak" : {
                          "cv" : 0.000860541,
                          "max" : 16838700,
                          "mean" : 16828400,
                          "min" : 16818200,
                          "n" : 2
                        },
                        "oom-kills" : {
                          "cv" : null,
                          "max" : 0,
                          "mean" : 0,
                          "min" : 0,
                          "n" : 2
                        },
                        "pids-peak" : {
                          "cv" : 0,
                          "max" : 20,
                          "mean" : 20,
                          "min" : 20,
                          "n" : 2
                        },
                        "restarts" : {
                          "cv" : null,
                          "max" : 0,
                          "mean" : 0,
                          "min" : 0,
                          "n" : 2
                        },
                        "throttled-ratio" : {
                          "cv" : 0.0071066,
                          "max" : 1,
                          "mean" : 0.995,
                          "min" : 0.99,
                          "n" : 2
                        },
                        "throughput" : {
                          "cv" : 0.00382948,
                          "max" : 126500,
                          "mean" : 126158,
                          "min" : 125816,
                          "n" : 2
                        },
                        "working-set" : {
                          "cv" : 0.000860541,
                          "max" : 16838700,
                          "mean" : 16828400,
                          "min" : 16818200,
                          "n" : 2
                        }
                      },
                      "repeats" : 2,
                      "workload" : "cpu"
                    },
                    {
                      "configuration" : "memory=128m",
                      "experiment" : "memory",
                      "metrics" : {
                        "cpu-used" : {
                          "cv" : null,
                          "max" : 0.1,
                          "mean" : 0.1,
                          "min" : 0.1,
                          "n" : 1
                        },
                        "memory-peak" : {
                          "cv" : null,
                          "max" : 120357000,
                          "mean" : 120357000,
                          "min" : 120357000,
                          "n" : 1
                        },
                        "oom-kills" : {
                          "cv" : null,
                          "max" : 1,
                          "mean" : 1,
                          "min" : 1,
                          "n" : 1
                        },
                        "pids-peak" : {
                          "cv" : null,
                          "max" : 20,
                          "mean" : 20,
                          "min" : 20,
                          "n" : 1
                        },
                        "restarts" : {
                          "cv" : null,
                          "max" : 0,
                          "mean" : 0,
                          "min" : 0,
                          "n" : 1
                        },
                        "working-set" : {
                          "cv" : null,
                          "max" : 120357000,
                          "mean" : 120357000,
                          "min" : 120357000,
                          "n" : 1
                        }
                      },
                      "repeats" : 1,
                      "workload" : "memory"
                    }
                  ],
                  "limitlabVersion" : "test",
                  "measuredAt" : "2026-11-28T17:04:28Z",
                  "runId" : "20261128T170428Z-1a2b",
                  "scenario" : "nightly",
                  "schemaVersion" : 1
                }
                """, BaselineJson.render(baseline()));
    }

    @Test
    void writingWhatWasReadGivesTheSameBytes() throws Exception {
        Path file = dir.resolve("nightly.baseline.json");
        BaselineJson.write(baseline(), file);
        byte[] first = Files.readAllBytes(file);
        Baseline read = BaselineJson.read(file);
        BaselineJson.write(read, file);
        assertEquals(new String(first), Files.readString(file));
        assertEquals(baseline().configurations().get(0).configuration(), read.configurations().get(0).configuration());
        assertEquals(126_158, read.configurations().get(0).metrics().get("throughput").mean(), 1e-9);
    }

    @Test
    void aBaselineComesFromACompleteRunWithoutFailedTrials() throws Exception {
        RunJson.write(Runs.run("r1").cpu(cpus(1.0), 1, 1, 1, MIB).build(RunStatus.INTERRUPTED), dir);
        BaselineException interrupted = assertThrows(BaselineException.class, () -> BaselineJson.fromRun(dir.resolve("run.json")));
        assertEquals("run r1 is interrupted (expected a complete run to save as a baseline)", interrupted.getMessage());

        RunJson.write(Runs.run("r2").cpu(cpus(1.0), 1, 1, 1, MIB).failed("cpu", "cpu", cpus(1.0)).build(), dir);
        BaselineException failed = assertThrows(BaselineException.class, () -> BaselineJson.fromRun(dir.resolve("run.json")));
        assertEquals("run r2 has 1 trial(s) the engine could not run, e.g. trial 2: engine went away (expected a run without failed trials)",
                failed.getMessage());

        RunJson.write(Runs.run("r3").cpu(cpus(1.0), 1, 1, 1, MIB).build(), dir);
        assertEquals("r3", BaselineJson.fromRun(dir.resolve("run.json")).runId());
    }

    @Test
    void whatIsNotABaselineIsNamedWithItsLocation() throws Exception {
        Path notJson = dir.resolve("x.json");
        Files.writeString(notJson, "{\n  \"scenario\": nope\n}\n");
        BaselineException bad = assertThrows(BaselineException.class, () -> BaselineJson.read(notJson));
        assertTrue(bad.getMessage().startsWith(notJson + ":2:"), bad.getMessage());
        assertTrue(bad.getMessage().contains("not a limitlab baseline") && bad.getMessage().endsWith("(expected a file written by limitlab baseline save)"),
                bad.getMessage());

        Path future = dir.resolve("future.json");
        Files.writeString(future, BaselineJson.render(baseline()).replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 2"));
        assertEquals(future + ": baseline schema version 2 (expected 1; save the baseline again with this limitlab)",
                assertThrows(BaselineException.class, () -> BaselineJson.read(future)).getMessage());

        assertThrows(NoSuchFileException.class, () -> BaselineJson.read(dir.resolve("missing.json")));
    }
}
