package dev.limitlab.cli;

import dev.limitlab.exit.ExitCode;

import dev.limitlab.regression.History;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * check against the real engine, run in-process as users run the CLI, with short trials: three checks
 * against a baseline of a fourth run pass; halving cpus, and lowering memory until OOM kills appear, exit 4.
 */
class RegressionCheckIT {
    // Defaults but for throughput and throttling: this engine is shared with other measurements, and a single
    // thread at exactly its limit is throttled only by the JVM's own threads, so that ratio is noise here.
    private static final String CPU = """
            name: regression-it-cpu
            regression:
              throughput: -25% or 3cv
              throttled-ratio: off
            experiments:
              - name: cpu
                workload: {kind: cpu, threads: 1, load: 100}
                limits: {cpus: LIMIT}
                duration: 3s
                repeat: 2
            """;
    private static final String MEMORY = """
            name: regression-it-memory
            experiments:
              - name: memory
                workload: {kind: memory, target: 150m, rate: 150m/s, hold: 1s}
                limits: {memory: LIMIT, memory-swap: same}
                duration: 4s
            """;

    @TempDir
    static Path dir;
    private static Path results;
    private static Path cpuBaseline;

    private static CliRun limitlab(String... args) {
        CliRun run = CliRun.of(args);
        System.out.printf("$ limitlab %s -> exit %d%n%s%s%n", String.join(" ", args), run.exit(), run.out(), run.err());
        return run;
    }

    private static Path scenario(String name, String template, String value) throws Exception {
        return Files.writeString(dir.resolve(name + ".yaml"), template.replace("LIMIT", value));
    }

    private static CliRun check(Path scenario, Path baseline, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("check", scenario.toString(), "--baseline", baseline.toString(),
                "--results", results.toString()));
        args.addAll(List.of(more));
        return limitlab(args.toArray(String[]::new));
    }

    @BeforeAll
    static void saveABaselineOfOneRun() throws Exception {
        results = dir.resolve("results");
        CliRun run = limitlab("run", scenario("cpu-1", CPU, "1.0").toString(), "--results", results.toString());
        assertEquals(ExitCode.OK.code(), run.exit(), run.err());
        cpuBaseline = dir.resolve("cpu.baseline.json");
        CliRun saved = limitlab("baseline", "save", results.resolve("regression-it-cpu").toString(), "-o", cpuBaseline.toString());
        assertEquals(ExitCode.OK.code(), saved.exit(), saved.err());
    }

    @Test
    void threeChecksOfTheSameScenarioAgainstTheBaselineAllPass() throws Exception {
        Path scenario = scenario("cpu-1", CPU, "1.0");
        for (int i = 1; i <= 3; i++) {
            CliRun check = check(scenario, cpuBaseline);
            assertEquals(ExitCode.OK.code(), check.exit(), "check " + i + " cried wolf:\n" + check.out() + check.err());
            assertTrue(check.out().contains("0 of 4 checks failed (4 passed"), check.out());
        }
        Map<String, List<History.Point>> history = History.read(results.resolve("regression-it-cpu").resolve(History.FILE_NAME));
        List<History.Point> throughput = history.get(History.seriesKey("cpu", "cpus=1", "throughput"));
        assertTrue(throughput.size() >= 3 && throughput.stream().allMatch(p -> p.value() > 0), String.valueOf(throughput));
    }

    @Test
    void halvingCpusFailsOnThroughputOnStdoutAndInJunitXml() throws Exception {
        Path junit = dir.resolve("ci/junit.xml");
        CliRun check = check(scenario("cpu-half", CPU, "0.5"), cpuBaseline, "--junit", junit.toString(),
                "--summary", dir.resolve("ci/summary.md").toString());

        assertEquals(ExitCode.REGRESSION.code(), check.exit(), check.out() + check.err());
        assertTrue(check.out().lines().anyMatch(line -> line.contains("FAIL") && line.contains("cpus=0.5: throughput")), check.out());
        NodeList failures = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile()).getElementsByTagName("failure");
        boolean named = false;
        for (int i = 0; i < failures.getLength(); i++) {
            Element testcase = (Element) failures.item(i).getParentNode();
            named |= testcase.getAttribute("name").equals("cpus=0.5 throughput")
                    && testcase.getAttribute("classname").equals("regression-it-cpu.cpu");
        }
        assertTrue(named, Files.readString(junit));
        assertTrue(Files.readString(dir.resolve("ci/summary.md")).contains("| ❌ fail | cpu | cpus=0.5 (baseline: cpus=1) | throughput |"));
    }

    @Test
    void lessMemoryUntilOomKillsAppearFailsOnOomKills() throws Exception {
        CliRun run = limitlab("run", scenario("memory-256", MEMORY, "256m").toString(), "--results", results.toString());
        assertEquals(ExitCode.OK.code(), run.exit(), run.err());
        Path baseline = dir.resolve("memory.baseline.json");
        assertEquals(ExitCode.OK.code(), limitlab("baseline", "save", results.resolve("regression-it-memory").toString(), "-o", baseline.toString()).exit());

        CliRun check = check(scenario("memory-128", MEMORY, "128m"), baseline);

        assertEquals(ExitCode.REGRESSION.code(), check.exit(), check.out() + check.err());
        assertTrue(check.out().lines().anyMatch(line -> line.contains("FAIL") && line.contains("memory=128m: oom-kills ")
                && line.contains(" vs baseline 0 ")), check.out());
    }
}
