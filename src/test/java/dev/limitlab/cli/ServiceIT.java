package dev.limitlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service workload against the real engine (issue 12's done-when): the built-in service gets a --cpus from its
 * latency objective with a confirmation that meets it; Debian's nginx under a fixed rate is many times slower at a
 * sliver of a core, and its driver shares its network namespace; a user's command gets a --cpus from its demand.
 */
class ServiceIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path results;

    @BeforeAll
    static void images() throws Exception {
        for (String script : List.of("scripts/build-nginx-image.sh", "scripts/build-busybox-image.sh")) {
            Process build = new ProcessBuilder(script).inheritIO().start();
            assertEquals(0, build.waitFor(), script);
        }
    }

    /** The run's directory: the one run.json under the results. */
    private Path runDirectory() throws IOException {
        try (Stream<Path> files = Files.walk(results)) {
            return files.filter(f -> f.getFileName().toString().equals("run.json")).findFirst().orElseThrow().getParent();
        }
    }

    private JsonNode run(Path scenario, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("run", scenario.toString(), "--results", results.toString(), "--no-lock"));
        args.addAll(List.of(extra));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("report: "), run.out());
        return JSON.readTree(runDirectory().resolve("run.json").toFile());
    }

    private static JsonNode trialAt(JsonNode run, double cpus) {
        for (JsonNode trial : run.get("trials")) {
            if (trial.get("limits").get("cpus").asDouble() == cpus) {
                assertTrue(trial.get("metrics").hasNonNull("load"), "the driver's figures: " + trial);
                return trial;
            }
        }
        throw new AssertionError("no trial at cpus=" + cpus);
    }

    @Test
    void theBuiltInServiceGetsCpusFromItsObjectiveAndItsConfirmationMeetsIt() throws Exception {
        JsonNode run = run(Path.of("scenarios/service.yaml"));
        JsonNode starved = trialAt(run, 0.25).get("metrics").get("load");
        JsonNode ample = trialAt(run, 1.0).get("metrics").get("load");
        // 200 requests/s of 2 ms each need 0.4 cores: a quarter core cannot keep up, a whole one can
        assertTrue(starved.get("achievedRate").asDouble() < 0.99 * 200 || starved.get("latencyMs").get("p99").asDouble() > 50,
                starved.toString());
        assertTrue(ample.get("achievedRate").asDouble() >= 0.99 * 200, ample.toString());
        assertTrue(ample.get("latencyMs").get("p99").asDouble() <= 50, ample.toString());
        assertTrue(Files.size(runDirectory().resolve(ample.get("histogramLog").asText())) > 0,
                "the trial's HdrHistogram log is beside run.json");

        JsonNode recommendation = run.get("recommendation");
        assertNotNull(recommendation.get("cpus"), recommendation.get("evidence").get("cpus").toString());
        double cpus = recommendation.get("cpus").asDouble();
        // At least about the objective's knee; at most what the demand rule can give
        // from the ample trial: its CPU used is at most its limit of 1 core, + 15 % headroom, rounded up to 0.05.
        // This service runs close to one core at 200 req/s: 1.15 and 1.2 were seen here on a quiet host.
        assertTrue(cpus >= 0.45 && cpus <= 1.2, cpus + ": " + recommendation.get("evidence").get("cpus"));
        JsonNode confirmation = recommendation.get("confirmations").get(0);
        assertTrue(confirmation.get("passed").asBoolean(), confirmation.toString());
    }

    @Test
    void nginxAtASliverOfACoreIsManyTimesSlowerAndItsDriverSharesItsNetworkNamespace() throws Exception {
        Path scenario = Files.writeString(results.resolve("nginx.yaml"), """
                name: nginx
                experiments:
                  - name: nginx
                    workload:
                      kind: service
                      image: "limitlab-nginx:bookworm"
                      port: 8080
                      ready: {http: /healthz, timeout: 30s}
                      tmpfs: [/tmp]
                      load: {rate: 1000/s, requests: [{path: /}], warmup: 1s}
                    matrix: {cpus: [0.02, 1.0]}
                    limits: {memory: 128m}
                    duration: 6s
                """);
        List<String> networkModes = new CopyOnWriteArrayList<>();
        Thread watcher = new Thread(() -> watchDrivers(networkModes), "driver-watcher");
        watcher.setDaemon(true);
        watcher.start();
        JsonNode run;
        try {
            run = run(scenario, "--no-confirm");
        } finally {
            watcher.interrupt();
            watcher.join(5000);
        }
        JsonNode slow = trialAt(run, 0.02).get("metrics").get("load");
        JsonNode fast = trialAt(run, 1.0).get("metrics").get("load");
        assertTrue(slow.get("latencyMs").get("p99").asDouble() >= 3 * fast.get("latencyMs").get("p99").asDouble(),
                "p99 at 0.02 cpus vs 1.0: " + slow.get("latencyMs") + " vs " + fast.get("latencyMs"));
        assertTrue(fast.get("achievedRate").asDouble() >= 0.99 * fast.get("offeredRate").asDouble(), fast.toString());
        assertTrue(!networkModes.isEmpty() && networkModes.stream().allMatch(mode -> mode.startsWith("container:")),
                "docker inspect of the drivers: " + networkModes);
        assertEquals("", docker("ps", "-aq", "--filter", "label=limitlab.run=" + run.get("runId").asText()).strip(),
                "nothing of the run left behind");
    }

    @Test
    void aUsersCommandGetsCpusFromItsDemand() throws Exception {
        Path scenario = Files.writeString(results.resolve("yes.yaml"), """
                name: yes
                experiments:
                  - name: yes
                    workload: {kind: command, image: "limitlab-busybox:latest", command: [sh, -c, "yes > /dev/null"]}
                    matrix: {cpus: [0.25, 0.5, 1.0, 1.5]}
                    duration: 4s
                """);
        JsonNode recommendation = run(scenario, "--no-confirm").get("recommendation");
        // one busy thread: a whole core is its demand, + 15 % headroom
        assertNotNull(recommendation.get("cpus"), recommendation.get("evidence").get("cpus").toString());
        double cpus = recommendation.get("cpus").asDouble();
        assertTrue(cpus >= 1.05 && cpus <= 1.3, cpus + ": " + recommendation.get("evidence").get("cpus"));
    }

    /** The network mode of every load driver seen while the run goes, as {@code docker inspect} reports it. */
    private static void watchDrivers(List<String> modes) {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 1200 && !Thread.currentThread().isInterrupted(); i++) { // at most 2 minutes
            try {
                for (String id : docker("ps", "-q", "--filter", "label=limitlab.role=load").lines().toList()) {
                    if (!id.isBlank() && !seen.contains(id)) {
                        seen.add(id);
                        modes.add(docker("inspect", "-f", "{{.HostConfig.NetworkMode}}", id).strip());
                    }
                }
                Thread.sleep(100);
            } catch (InterruptedException stop) {
                return;
            } catch (IOException gone) {
                // the container went between ps and inspect
            }
        }
    }

    private static String docker(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) throw new IOException(out);
            return out;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }
}
