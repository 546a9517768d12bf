package dev.limitlab.metrics;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line the workload agent printed on stdout: its {@code type} (start, sample, reached, end, exit,
 * error, refused, score) and its other fields as the agent wrote them (numbers, strings, booleans).
 */
public record WorkloadReport(Instant time, String type, Map<String, Object> fields) {
    public WorkloadReport {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public Double number(String key) {
        return fields.get(key) instanceof Number n ? n.doubleValue() : null;
    }

    public Long whole(String key) {
        return fields.get(key) instanceof Number n ? n.longValue() : null;
    }

    public String text(String key) {
        Object value = fields.get(key);
        return value == null ? null : value.toString();
    }

    public boolean is(String name) {
        return type.equals(name);
    }
}
