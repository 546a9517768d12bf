package dev.limitlab.recommend;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.limitlab.metrics.TrialSecurity;
import dev.limitlab.format.Notation;
import dev.limitlab.metrics.RecommendTargets;
import dev.limitlab.metrics.Recommendation;
import dev.limitlab.settings.SecuritySettings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.limitlab.recommend.TrialBuilder.MIB;
import static dev.limitlab.recommend.TrialBuilder.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every snippet is YAML that a strict parser reads back to the recommended values, each key once. */
class DeploymentSnippetsTest {
    // a repeated key is an error here, as it is to Compose
    private static final YAMLMapper STRICT = YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    private static final SecuritySettings CHOWN_AND_KILL = SecuritySettings.of(
            new TrialSecurity(true, true, "none", true, "65534:65534", false, List.of("CHOWN", "KILL")));

    private static Recommendation recommendation(Double cpus, Double cpuRequest, Long memory, Integer maxRam, Long pids,
                                                 SecuritySettings security) {
        Recommendation numbers = new Recommendation(cpus, cpuRequest, null, memory, memory, maxRam, "on-failure:2", null,
                pids, null, null, null, null, null, null, null, null);
        return DeploymentSnippets.withSnippets(numbers, security);
    }

    private static List<Recommendation> recommendations() {
        List<Recommendation> all = new ArrayList<>(List.of(
                recommendation(0.75, 0.6, 192 * MIB, 42, 64L, CHOWN_AND_KILL),
                recommendation(null, null, 192 * MIB, null, 64L, CHOWN_AND_KILL),
                recommendation(1.5, 1.0, null, null, null, SecuritySettings.of(TrialBuilder.HARDENED)),
                recommendation(null, null, null, null, null, SecuritySettings.NONE),
                recommendation(2.0, null, 1L << 30, 37, 32L, new SecuritySettings(false, List.of("NET_BIND_SERVICE"), true,
                        List.of("seccomp=unconfined"), false, "1000:50", "bridge"))));
        all.add(Recommender.recommend(TrialBuilder.run(List.of(trial("cpu", "cpu").cpus(1.0).cpuUsed(0.6, 0.63)
                .throughput(1000).workingSet(20 * MIB).pids(17))), RecommendTargets.DEFAULTS));
        return all;
    }

    @Test
    void everyComposeSnippetReadsBackStrictlyToTheRecommendedValues() throws Exception {
        for (Recommendation r : recommendations()) {
            JsonNode app = STRICT.readTree(r.compose()).path("services").path("app");
            JsonNode limits = app.path("deploy").path("resources").path("limits");

            assertEquals(r.restart(), app.path("restart").asText(), r.compose());
            assertEquals(r.cpus() == null ? null : Notation.plain(r.cpus()), text(limits, "cpus"), r.compose());
            assertTrue(!limits.has("cpus") || limits.get("cpus").isTextual(), "cpus is a string: " + r.compose());
            assertEquals(r.memoryBytes() == null ? null : Notation.exactSize(r.memoryBytes()), text(limits, "memory"), r.compose());
            assertEquals(r.memoryBytes() == null ? null : Notation.exactSize(r.memorySwapBytes()), text(app, "memswap_limit"), r.compose());
            assertEquals(r.pidsLimit(), limits.has("pids") ? limits.get("pids").asLong() : null, r.compose());
            assertEquals(r.maxRamPercentage() == null ? null : "-XX:MaxRAMPercentage=" + r.maxRamPercentage(),
                    text(app.path("environment"), "JAVA_TOOL_OPTIONS"), r.compose());
            assertEquals(r.dockerRunFlags().contains("--read-only"), app.path("read_only").asBoolean(), r.compose());
            assertFalse(r.compose().startsWith("---"), r.compose());
        }
    }

    @Test
    void afterARunOnSwarmComposeHasSwarmsRestartPolicyBesideTheLimits() throws Exception {
        Recommendation numbers = new Recommendation(0.5, null, null, 128 * MIB, 128 * MIB, null, "on-failure:4", 3.1,
                null, null, null, null, null, null, null, null, null);
        Recommendation onSwarm = DeploymentSnippets.withSnippets(numbers, SecuritySettings.NONE, 100L);
        JsonNode deploy = STRICT.readTree(onSwarm.compose()).path("services").path("app").path("deploy");

        assertEquals("on-failure", deploy.path("restart_policy").path("condition").asText(), onSwarm.compose());
        assertEquals(4, deploy.path("restart_policy").path("max_attempts").asInt());
        assertEquals("100ms", deploy.path("restart_policy").path("delay").asText());
        assertEquals("0s", deploy.path("restart_policy").path("window").asText());
        assertEquals("0.5", deploy.path("resources").path("limits").path("cpus").asText(), "the limits stay beside it");
        assertFalse(DeploymentSnippets.withSnippets(numbers, SecuritySettings.NONE).compose().contains("restart_policy"),
                "a local run's Compose snippet has none");
    }

    @Test
    void twoAddedCapabilitiesAreOneCapAddList() throws Exception {
        JsonNode app = STRICT.readTree(recommendation(0.75, 0.6, 192 * MIB, 42, 64L, CHOWN_AND_KILL).compose())
                .path("services").path("app");

        assertEquals(List.of("CHOWN", "KILL"), strings(app.path("cap_add")));
        assertEquals(List.of("ALL"), strings(app.path("cap_drop")));
        assertEquals(List.of("no-new-privileges:true"), strings(app.path("security_opt")));
        assertEquals("65534:65534", app.path("user").asText());
        assertEquals("none", app.path("network_mode").asText());
    }

    @Test
    void securityOptionsUserAndNetworkAreTheFlagsOnes() throws Exception {
        Recommendation r = recommendation(2.0, null, 1L << 30, 37, 32L, new SecuritySettings(false, List.of("NET_BIND_SERVICE"),
                true, List.of("seccomp=unconfined"), false, "1000:50", "bridge"));
        JsonNode app = STRICT.readTree(r.compose()).path("services").path("app");

        assertEquals(List.of("--cap-add NET_BIND_SERVICE", "--security-opt no-new-privileges", "--security-opt seccomp=unconfined",
                "--user 1000:50", "--network bridge"), r.securityOptions());
        assertEquals(List.of("no-new-privileges:true", "seccomp=unconfined"), strings(app.path("security_opt")));
        assertTrue(app.path("user").isTextual() && app.path("user").asText().equals("1000:50"), "a string, not base 60: " + r.compose());
        assertEquals("bridge", app.path("network_mode").asText());
        assertFalse(app.has("cap_drop") || app.has("read_only"), r.compose());
    }

    @Test
    void aRecommendationWithoutSecurityOrNumbersHasOnlyTheRestart() throws Exception {
        Recommendation r = recommendation(null, null, null, null, null, SecuritySettings.NONE);

        assertEquals(List.of("restart"), fieldNames(STRICT.readTree(r.compose()).path("services").path("app")));
        assertEquals("--restart on-failure:2", r.dockerRunFlags());
        assertEquals(List.of(), r.securityOptions());
    }

    @Test
    void everyKubernetesSnippetReadsBackStrictlyToTheRecommendedValues() throws Exception {
        for (Recommendation r : recommendations()) {
            JsonNode resources = STRICT.readTree(r.kubernetes()).path("resources");

            assertTrue(STRICT.readTree(r.kubernetes()).has("resources"), r.kubernetes());
            assertEquals(r.cpus() == null ? null : Math.round(r.cpus() * 1000) + "m", text(resources.path("limits"), "cpu"), r.kubernetes());
            assertEquals(r.cpuRequest() == null ? null : Math.round(r.cpuRequest() * 1000) + "m",
                    text(resources.path("requests"), "cpu"), r.kubernetes());
            String memory = r.memoryBytes() == null ? null
                    : r.memoryBytes() % (1L << 30) == 0 ? r.memoryBytes() / (1L << 30) + "Gi" : r.memoryBytes() / MIB + "Mi";
            assertEquals(memory, text(resources.path("limits"), "memory"), r.kubernetes());
            assertEquals(memory, text(resources.path("requests"), "memory"), r.kubernetes());
            assertEquals(r.pidsLimit() != null, r.kubernetes().contains("# pids: no per-container field; the kubelet's podPidsLimit ("
                    + r.pidsLimit() + " or more)"), r.kubernetes());
            assertTrue(r.kubernetes().endsWith("(" + r.restart() + " under docker)\n"), r.kubernetes());
        }
    }

    private static String text(JsonNode node, String field) {
        return node.has(field) ? node.get(field).asText() : null;
    }

    private static List<String> strings(JsonNode array) {
        assertTrue(array.isArray(), array + " is a list");
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
