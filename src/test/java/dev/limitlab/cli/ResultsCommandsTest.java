package dev.limitlab.cli;

import dev.limitlab.exit.ExitCode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** recommend, report and compare as users meet them: read a run from disk, no engine needed. */
class ResultsCommandsTest {
    private static final Path SMALL_RUN = Path.of("src/test/resources/runs/small");

    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.create(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private Path copyOfSmallRun(String name) throws Exception {
        Path run = Files.createDirectories(dir.resolve(name));
        for (String file : new String[]{"run.json", "samples.jsonl", "events.jsonl"}) {
            Files.copy(SMALL_RUN.resolve(file), run.resolve(file));
        }
        return run;
    }

    @Test
    void recommendPrintsTheNumbersWithTheirEvidence() {
        assertEquals(ExitCode.OK.code(), run("recommend", SMALL_RUN.toString()), err.toString());

        String text = out.toString();
        assertTrue(text.contains("made now with the default targets"), text);
        assertTrue(text.contains("--memory 192m (--memory-swap 192m)\n    - memory memory=128m: OOM kill in 1 of 1"), text);
        assertTrue(text.contains("docker run --cpus 1 --memory 192m"), text);
    }

    @Test
    void recommendOnAPathWithNoRunIsBadInputInOneLine() {
        assertEquals(ExitCode.BAD_INPUT.code(), run("recommend", dir.resolve("missing").toString()));
        assertEquals("error: " + dir.resolve("missing") + ": no such file or directory", err.toString().strip());
    }

    @Test
    void reportWritesTheThreeFilesIntoTheRunDirectory() throws Exception {
        Path runDir = copyOfSmallRun("run");

        assertEquals(ExitCode.OK.code(), run("report", runDir.toString()), err.toString());

        assertTrue(Files.size(runDir.resolve("report.html")) > 10_000);
        assertTrue(Files.readString(runDir.resolve("report.md")).startsWith("# limitlab report: small"));
        assertTrue(Files.readString(runDir.resolve("summary.csv")).startsWith("trial,experiment,"));
        assertTrue(out.toString().contains("note: samples.jsonl: 1 unreadable line(s) skipped"), out.toString());
    }

    @Test
    void compareShowsTwoRunsSideBySide() throws Exception {
        Path a = copyOfSmallRun("a");
        Path b = copyOfSmallRun("b");
        ObjectMapper json = new ObjectMapper();
        ObjectNode tree = (ObjectNode) json.readTree(b.resolve("run.json").toFile());
        ((ObjectNode) tree.get("trials").get(0).get("metrics")).put("throughputOpsPerSec", 60000.0);
        json.writeValue(b.resolve("run.json").toFile(), tree);

        assertEquals(ExitCode.OK.code(), run("compare", a.toString(), b.toString()), err.toString());

        String text = out.toString();
        assertTrue(text.startsWith("A = " + a + " (run 20250301T100000Z-small)\nB = " + b), text);
        assertTrue(text.contains("cpu  cpus=0.5\n"), text);
        assertTrue(text.replaceAll(" +", " ").contains(" ops/s 5.00e+04 6.00e+04 +20.0 %\n"), text);
    }

    @Test
    void compareNeedsTwoRunsOrConfigurations() {
        assertEquals(ExitCode.BAD_INPUT.code(), run("compare", SMALL_RUN.toString()));
        assertEquals("error: compare needs two or more runs, or one run with --configs", err.toString().strip());
    }

    @Test
    void compareConfigurationsWithinOneRun() {
        assertEquals(ExitCode.OK.code(), run("compare", SMALL_RUN.toString(), "--configs", "cpus=0.5,cpus=1"), err.toString());
        assertTrue(out.toString().replaceAll(" +", " ").contains(" metric cpus=0.5 cpus=1 change\n"), out.toString());
    }
}
