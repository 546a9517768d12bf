package dev.limitlab.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void readsTheRawFilesByTrialAndNotesATornLastLine() throws IOException {
        RunDirectory run = RunDirectory.load(ReportWritersTest.SMALL_RUN);

        assertEquals(5, run.samplesOf(5).size(), "four readings and an empty frame");
        assertEquals(6, run.samplesOf(6).size());
        assertEquals(3, run.eventsOf(5).size());
        assertEquals(java.util.List.of("samples.jsonl: 1 unreadable line(s) skipped"), run.notes());
        assertTrue(run.recommendation().isEmpty(), "an older run.json without a recommendation has none, and none is made");
    }

    @Test
    void aScenarioResultsDirectoryMeansItsLatestRun() throws IOException {
        for (String stamp : new String[]{"20250301T100000Z", "20250302T090000Z"}) {
            Files.createDirectories(dir.resolve(stamp));
            Files.copy(ReportWritersTest.SMALL_RUN.resolve("run.json"), dir.resolve(stamp).resolve("run.json"));
        }

        assertEquals(dir.resolve("20250302T090000Z/run.json"), RunDirectory.locate(dir));
    }

    @Test
    void aPathWithNoRunIsBadInputInOneLine() throws IOException {
        Files.writeString(dir.resolve("run.json"), "{ not json");

        assertEquals(dir.resolve("nope") + ": no such file or directory",
                assertThrows(RunInputException.class, () -> RunDirectory.load(dir.resolve("nope"))).getMessage());
        Files.createDirectories(dir.resolve("empty"));
        assertEquals(dir.resolve("empty") + ": no run.json in it or in its run directories",
                assertThrows(RunInputException.class, () -> RunDirectory.load(dir.resolve("empty"))).getMessage());
        String malformed = assertThrows(RunInputException.class, () -> RunDirectory.load(dir)).getMessage();
        assertEquals(1, malformed.lines().count(), malformed);
    }
}
