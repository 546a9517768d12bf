package dev.limitlab.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.limitlab.metrics.WorkloadReport;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the agent's JSON lines; lines that are not the agent's (a user's program, JVM warnings) are skipped. */
public final class AgentOutput {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private AgentOutput() {
    }

    public static List<WorkloadReport> parse(List<String> lines) {
        List<WorkloadReport> reports = new ArrayList<>();
        for (String line : lines) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("{")) {
                continue;
            }
            try {
                Map<String, Object> fields = JSON.readValue(trimmed, OBJECT);
                if (fields.get("type") instanceof String type && fields.get("t") instanceof Number time) {
                    fields.remove("type");
                    fields.remove("t");
                    reports.add(new WorkloadReport(Instant.ofEpochMilli(time.longValue()), type, fields));
                }
            } catch (JsonProcessingException notJson) {
                // a torn line at a kill, or output that is not the agent's
            }
        }
        return reports;
    }
}
