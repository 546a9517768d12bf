package dev.limitlab.agent;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the load driver measures, recorded from many threads at once: per report interval (everything) and over the
 * measured window (requests whose <em>intended</em> start falls in [measureStart, measureEnd): the schedule's time in
 * the open model, the send time in the closed one). Latency runs from the intended start to the end of the response,
 * so a service that stalls cannot hide the requests it kept waiting (coordinated omission); the service time, from
 * the actual send, is kept beside it for comparison. Responses (any status) and timeouts have a latency; refused and
 * other I/O failures end too early to have one.
 */
final class LoadRecorder {

    static final String TIMEOUT = "timeout";
    static final String REFUSED = "refused";
    static final String IO = "io";
    /** Requests of the window still unanswered when the driver gave up waiting for them. */
    static final String UNFINISHED = "unfinished";
    private static final int SIGNIFICANT_DIGITS = 3;
    private static final double NANOS_PER_MS = 1e6;

    private final long measureStart;
    private final long measureEnd;
    private volatile boolean closed;

    private final AtomicReference<Interval> interval = new AtomicReference<>(new Interval());
    private final Recorder intervalLatency = new Recorder(SIGNIFICANT_DIGITS);
    private final AtomicLong intervalMaxLag = new AtomicLong();

    private final Recorder windowLatency = new Recorder(SIGNIFICANT_DIGITS);
    private final Histogram windowLatencyTotal = new Histogram(SIGNIFICANT_DIGITS);
    private final Recorder windowServiceTime = new Recorder(SIGNIFICANT_DIGITS);
    /** Written by the scheduler thread only, read after it ended. */
    private final Histogram windowLag = new Histogram(SIGNIFICANT_DIGITS);
    private final LongAdder windowRequests = new LongAdder();
    private final LongAdder windowResponses = new LongAdder();
    private final LongAdder windowSuccesses = new LongAdder();
    private final Map<String, LongAdder> windowErrors = new ConcurrentHashMap<>();

    LoadRecorder(long measureStartNanos, long measureEndNanos) {
        this.measureStart = measureStartNanos;
        this.measureEnd = measureEndNanos;
    }

    boolean inWindow(long intendedNanos) {
        return intendedNanos >= measureStart && intendedNanos < measureEnd;
    }

    /** The scheduler issued a request {@code lagNanos} after its intended time (open model, scheduler thread). */
    void scheduled(long intendedNanos, long lagNanos) {
        intervalMaxLag.accumulateAndGet(lagNanos, Math::max);
        if (inWindow(intendedNanos)) windowLag.recordValue(Math.max(0, lagNanos));
    }

    /** A request intended at {@code intendedNanos} is now the driver's to send (queued or sent). */
    void started(long intendedNanos) {
        if (inWindow(intendedNanos)) windowRequests.increment();
    }

    void sent() {
        interval.get().sent.increment();
    }

    /**
     * A request ended at {@code endNanos}: with a response ({@code status > 0}) or with the failure {@code error}
     * (then status is 0).
     */
    void finished(long intendedNanos, long sentNanos, long endNanos, int status, String error) {
        if (closed) return;
        String kind = status >= 400 ? "http-" + status : error;
        boolean measured = status > 0 || TIMEOUT.equals(error);
        long latency = Math.max(0, endNanos - intendedNanos);
        Interval current = interval.get();
        current.completed.increment();
        if (kind != null) current.errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        if (measured) intervalLatency.recordValue(latency);
        if (!inWindow(intendedNanos)) return;
        if (status > 0) windowResponses.increment();
        if (kind == null) windowSuccesses.increment();
        else windowErrors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        if (measured) {
            windowLatency.recordValue(latency);
            windowServiceTime.recordValue(Math.max(0, endNanos - sentNanos));
        }
    }

    /** The report line's figures since the last call: sent, completed, errors by kind, latency, the scheduler's lag. */
    JsonLine takeInterval(JsonLine line, boolean withLag) {
        Interval ended = interval.getAndSet(new Interval());
        line.put("sent", ended.sent.sum()).put("completed", ended.completed.sum())
                .put("errors", asJson(counts(ended.errors))).put("latencyMs", percentilesMs(intervalLatency.getIntervalHistogram()));
        long lag = intervalMaxLag.getAndSet(0);
        return withLag ? line.put("driverLagMaxMs", ms(lag)) : line;
    }

    /** The window's latencies since the last call (for the histogram log), also added to the window's total. */
    Histogram takeWindowInterval() {
        Histogram histogram = windowLatency.getIntervalHistogram();
        windowLatencyTotal.add(histogram);
        return histogram;
    }

    /** Stops recording: what ends later is ignored, and the window's unanswered requests count as unfinished. */
    void close() {
        closed = true;
        long unanswered = windowRequests.sum() - windowResponses.sum() - failuresWithoutResponse();
        if (unanswered > 0) windowErrors.computeIfAbsent(UNFINISHED, k -> new LongAdder()).add(unanswered);
    }

    private long failuresWithoutResponse() {
        return windowErrors.entrySet().stream().filter(e -> !e.getKey().startsWith("http-"))
                .mapToLong(e -> e.getValue().sum()).sum();
    }

    /** The window's figures; call after {@link #close()} and after the last {@link #takeWindowInterval()}. */
    Window window() {
        double seconds = (measureEnd - measureStart) / 1e9;
        long requests = windowRequests.sum();
        long successes = windowSuccesses.sum();
        return new Window(requests, windowResponses.sum(), successes, counts(windowErrors),
                requests / seconds, windowResponses.sum() / seconds, successes / seconds,
                requests == 0 ? 0 : (double) (requests - successes) / requests,
                windowLatencyTotal.copy(), windowServiceTime.getIntervalHistogram(), windowLag.copy());
    }

    /**
     * The measured window's totals.
     *
     * @param offeredRate  requests the driver started per second (the schedule's rate in the open model)
     * @param achievedRate responses (any status) per second
     * @param throughput   successful responses (status below 400) per second
     * @param errorRatio   share of the window's requests that did not succeed, unfinished ones included
     */
    record Window(long requests, long responses, long successes, Map<String, Long> errors, double offeredRate,
                  double achievedRate, double throughput, double errorRatio, Histogram latency, Histogram serviceTime,
                  Histogram lag) {
    }

    /** Kinds with their counts, in name order; only the kinds that occurred. */
    private static Map<String, Long> counts(Map<String, LongAdder> errors) {
        Map<String, Long> counts = new TreeMap<>();
        errors.forEach((kind, count) -> counts.put(kind, count.sum()));
        return Collections.unmodifiableMap(counts);
    }

    static JsonLine asJson(Map<String, Long> counts) {
        JsonLine line = new JsonLine();
        counts.forEach(line::put);
        return line;
    }

    /** p50, p90, p99, p99.9 and max in ms; null values when nothing was recorded. */
    static JsonLine percentilesMs(Histogram histogram) {
        boolean empty = histogram.getTotalCount() == 0;
        return new JsonLine()
                .put("p50", empty ? null : ms(histogram.getValueAtPercentile(50)))
                .put("p90", empty ? null : ms(histogram.getValueAtPercentile(90)))
                .put("p99", empty ? null : ms(histogram.getValueAtPercentile(99)))
                .put("p999", empty ? null : ms(histogram.getValueAtPercentile(99.9)))
                .put("max", empty ? null : ms(histogram.getMaxValue()));
    }

    /** Nanoseconds as milliseconds to the microsecond. */
    static double ms(long nanos) {
        return Math.round(nanos / (NANOS_PER_MS / 1000)) / 1000.0;
    }

    private static final class Interval {
        final LongAdder sent = new LongAdder();
        final LongAdder completed = new LongAdder();
        final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    }
}
