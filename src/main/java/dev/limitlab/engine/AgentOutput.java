package dev.limitlab.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.limitlab.metrics.WorkloadReport;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads the agent's JSON lines; lines that are not the agent's (a user's program, JVM warnings) are skipped. */
final class AgentOutput {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AgentOutput() {
    }

    static List<WorkloadReport> parse(List<String> lines) {
        List<WorkloadReport> reports = new ArrayList<>();
        for (String line : lines) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("{")) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(trimmed);
                if (node.hasNonNull("type")) {
                    reports.add(new WorkloadReport(
                            Instant.ofEpochMilli(node.path("t").asLong(0)),
                            node.get("type").asText(),
                            node.hasNonNull("opsPerSec") ? node.get("opsPerSec").asDouble() : null,
                            node.hasNonNull("ops") ? node.get("ops").asLong() : null,
                            node.hasNonNull("rssBytes") ? node.get("rssBytes").asLong() : null));
                }
            } catch (JsonProcessingException notJson) {
                // a torn line at a kill, or output that is not the agent's
            }
        }
        return reports;
    }
}
