package dev.limitlab.metrics;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the load driver measured of a service over its window after the warm-up: run.json's {@code metrics.load}.
 * Latency counts from each request's intended send time in the open model (coordinated omission corrected).
 *
 * @param model               {@code open} (a fixed rate) or {@code closed} (connections always in flight)
 * @param offeredRate         requests per second the schedule asked for (open) or started (closed)
 * @param achievedRate        responses of any status per second
 * @param errorRatio          requests that failed (HTTP status >= 400, timeout, refused, reset) over requests, 0..1
 * @param throughputPerSec    successful responses (status below 400) per second
 * @param latencyMs           latency percentiles of the window, in ms
 * @param serviceTimeMs       the same measured from the actual send (what a closed loop sees), for comparison
 * @param errors              failed requests by kind: {@code http-503}, {@code timeout}, {@code refused}, {@code io}, ...
 * @param driverBehind        true when the driver itself could not keep its schedule: the latency is then partly its own
 * @param driverLagP99Ms      the scheduler's lag behind its schedule, p99 (open model)
 * @param driverCpuSeconds    the driver container's own CPU time, never counted as the service's
 * @param driverResidentBytes the driver's resident memory at its end
 * @param histogramLog        the HdrHistogram log of the window, a file beside run.json
 */
public record LoadMetrics(String model, Integer connections, Double offeredRate, Double achievedRate, Double errorRatio,
                          Double throughputPerSec, long requests, Latency latencyMs, Latency serviceTimeMs,
                          Map<String, Long> errors, Boolean driverBehind, Double driverLagP99Ms, Double driverCpuSeconds,
                          Long driverResidentBytes, String histogramLog) {
    /** The {@code type} of the driver's last line, which holds these figures. */
    public static final String SUMMARY = "summary";

    public LoadMetrics {
        errors = errors == null ? Map.of() : new TreeMap<>(errors);
    }

    /** Latency percentiles in milliseconds; a null one was not measured (no response in the window). */
    public record Latency(Double p50, Double p90, Double p99, Double p999, Double max) {
        /** The latency at one percentile. */
        public Double at(Percentile percentile) {
            return switch (percentile) {
                case P50 -> p50;
                case P90 -> p90;
                case P99 -> p99;
                case P999 -> p999;
            };
        }

        /** The percentiles of a driver line's {@code latencyMs} field; null when the line has none. */
        public static Latency of(Object fields) {
            if (!(fields instanceof Map<?, ?> map)) {
                return null;
            }
            return new Latency(number(map.get("p50")), number(map.get("p90")), number(map.get("p99")), number(map.get("p999")),
                    number(map.get("max")));
        }
    }

    /** The figures of the driver's {@code summary} line; null when it printed none (it never got to load the service). */
    public static LoadMetrics of(List<WorkloadReport> driverLines, String histogramLog) {
        WorkloadReport summary = driverLines.stream().filter(r -> r.is(SUMMARY)).reduce((a, b) -> b).orElse(null);
        if (summary == null) {
            return null;
        }
        Map<String, Long> errors = new TreeMap<>();
        if (summary.fields().get("errors") instanceof Map<?, ?> byKind) {
            byKind.forEach((kind, count) -> {
                if (count instanceof Number n) {
                    errors.put(kind.toString(), n.longValue());
                }
            });
        }
        Double lagP99 = summary.fields().get("driverLagMs") instanceof Map<?, ?> lag ? number(lag.get("p99")) : null;
        Double cpuMs = summary.number("driverCpuMs");
        Long requests = summary.whole("requests");
        Long connections = summary.whole("connections");
        return new LoadMetrics(summary.text("model"), connections == null ? null : connections.intValue(),
                summary.number("offeredRate"), summary.number("achievedRate"), summary.number("errorRatio"),
                summary.number("throughputPerSec"), requests == null ? 0 : requests, Latency.of(summary.fields().get("latencyMs")),
                Latency.of(summary.fields().get("serviceTimeMs")), errors,
                summary.fields().get("driverBehind") instanceof Boolean behind ? behind : null, lagP99,
                cpuMs == null ? null : cpuMs / 1000, summary.whole("driverResidentBytes"), histogramLog);
    }

    /** The latency at one of the percentiles a {@code recommend:} or {@code regression:} block names. */
    public Double latency(Percentile percentile) {
        return latencyMs == null ? null : latencyMs.at(percentile);
    }

    /** The latency percentiles an objective or a regression check may name ({@code latency-p99}). */
    public enum Percentile {
        P50("p50"), P90("p90"), P99("p99"), P999("p999");

        private final String key;

        Percentile(String key) {
            this.key = key;
        }

        /** {@code p99}: the part after {@code latency-} in a key. */
        public String key() {
            return key;
        }
    }

    private static Double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }
}
