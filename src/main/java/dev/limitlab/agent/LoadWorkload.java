package dev.limitlab.agent;

import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load driver: sends HTTP requests to {@code 127.0.0.1:port} (it runs in the service's network namespace, so
 * loopback is the service's; it never reaches another address) with the JDK's asynchronous HttpClient, and
 * measures them with {@link LoadRecorder}.
 *
 * <ul>
 * <li>Open model ({@code --rate R}): request i is intended at start + i/R, whatever the service does; a slow
 * service gets more requests in flight, not fewer requests. With {@code --max-in-flight N} the ones beyond N wait in
 * the driver, their latency still counted from their intended time.</li>
 * <li>Closed model ({@code --connections N}): N requests always in flight, each one's end starts the next; its
 * latency counts from its send (a closed loop has no schedule, so it does not see what a stall withholds).</li>
 * </ul>
 *
 * <p>Lines: a {@code sample} every report period ({@code elapsedMs}, {@code warmup}, {@code sent}, {@code completed},
 * {@code inFlight}, {@code errors} by kind, {@code latencyMs} {p50, p90, p99, p999, max} of the requests that ended
 * in it, and in the open model {@code driverLagMaxMs}); {@value HistogramLogLines#TYPE} lines carrying the HdrHistogram
 * log of the measured window; then one {@code summary} of the measured window (see {@link #summary}).
 *
 * <p>The driver is behind its schedule when the scheduler issued the window's requests with a p99 lag above
 * {@value #DRIVER_BEHIND_BOUND_MS} ms: then the latency is partly the driver's, and {@code driverBehind} is true.
 */
final class LoadWorkload implements AgentWorkload {

    static final String LOOPBACK = "127.0.0.1";
    static final long DRIVER_BEHIND_BOUND_MS = 10;
    /** After the window, how much longer than one timeout the driver waits for its last requests. */
    private static final long DRAIN_GRACE_MS = 1000;
    private static final long NANOS_PER_SEC = 1_000_000_000L;

    private final WorkloadSpec.Load spec;
    private final List<HttpRequest> requests;
    private final int maxInFlight;
    private final AtomicLong sequence = new AtomicLong();
    private final HttpClient client;
    private LoadRecorder recorder;
    private volatile long sendingEnd;
    private volatile boolean stopped;

    /** Guards the in-flight bookkeeping below. */
    private final Object lock = new Object();
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private int inFlight;
    private long outstanding;

    /** A request the driver owes, with the time it was meant to start. */
    private record Pending(long intendedNanos) {
    }

    LoadWorkload(WorkloadSpec.Load spec) {
        this.spec = spec;
        Duration timeout = Duration.ofMillis(spec.timeoutMs());
        this.requests = spec.requests().stream().map(r -> httpRequest(spec.port(), timeout, r)).toList();
        this.maxInFlight = spec.model() instanceof WorkloadSpec.OpenModel open ? open.maxInFlight()
                : ((WorkloadSpec.ClosedModel) spec.model()).connections();
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade attempt on every new connection
                .proxy(HttpClient.Builder.NO_PROXY)   // loopback only, whatever the proxy properties say
                .connectTimeout(timeout)
                .build();
    }

    private static HttpRequest httpRequest(int port, Duration timeout, WorkloadSpec.LoadRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://" + LOOPBACK + ":" + port + request.path()))
                .timeout(timeout)
                .method(request.method(), request.body().isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(request.body()));
        request.headers().forEach(builder::header);
        return builder.build();
    }

    @Override
    public int run(Reporter reporter, long stopAtNanos) {
        long start = System.nanoTime();
        long measureEnd = Math.min(stopAtNanos, start + TimeUnit.MILLISECONDS.toNanos(spec.warmupMs() + spec.durationMs()));
        long measureStart = Math.min(measureEnd, start + TimeUnit.MILLISECONDS.toNanos(spec.warmupMs()));
        long cpuAtStart = processCpuNanos();
        recorder = new LoadRecorder(measureStart, measureEnd);
        sendingEnd = measureEnd;
        var log = new HistogramLogLines(reporter, System.currentTimeMillis() + spec.warmupMs());
        boolean open = spec.model() instanceof WorkloadSpec.OpenModel;

        Thread scheduler = null;
        if (spec.model() instanceof WorkloadSpec.OpenModel model) {
            scheduler = new Thread(() -> schedule(start, model.ratePerSec()), "load-scheduler");
            scheduler.setDaemon(true);
            scheduler.setPriority(Thread.MAX_PRIORITY);
            scheduler.start();
        } else {
            for (int i = 0; i < maxInFlight; i++) offer(new Pending(System.nanoTime()));
        }
        Reporter.tickUntil(start, TimeUnit.MILLISECONDS.toNanos(spec.reportMs()), measureEnd, now -> {
            emitInterval(reporter, now, measureStart, open);
            var window = recorder.takeWindowInterval();
            if (now > measureStart) log.write(window);
        });
        if (scheduler != null) CpuWorkload.joinQuietly(scheduler);
        awaitOutstanding(measureEnd + TimeUnit.MILLISECONDS.toNanos(spec.timeoutMs() + DRAIN_GRACE_MS));
        stop();
        emitInterval(reporter, System.nanoTime(), measureStart, open);
        log.write(recorder.takeWindowInterval());
        reporter.emit(summary(reporter.line("summary"), recorder.window(), processCpuNanos() - cpuAtStart));
        return 0;
    }

    private void emitInterval(Reporter reporter, long now, long measureStart, boolean open) {
        long inFlightNow;
        synchronized (lock) {
            inFlightNow = outstanding;
        }
        reporter.emit(recorder.takeInterval(reporter.sample(now).put("warmup", now <= measureStart).put("inFlight", inFlightNow), open));
    }

    /** The open model's schedule: request i at start + i/rate, issued late (never skipped) when the driver lags. */
    private void schedule(long start, long ratePerSec) {
        for (long i = 0; ; i++) {
            long intended = start + i * NANOS_PER_SEC / ratePerSec;
            if (intended >= sendingEnd) return;
            Reporter.sleepUntil(intended);
            recorder.scheduled(intended, System.nanoTime() - intended);
            offer(new Pending(intended));
        }
    }

    private void offer(Pending request) {
        recorder.started(request.intendedNanos());
        boolean sendNow;
        synchronized (lock) {
            outstanding++;
            sendNow = maxInFlight == 0 || inFlight < maxInFlight;
            if (sendNow) inFlight++;
            else waiting.add(request);
        }
        if (sendNow) send(request);
    }

    private void send(Pending request) {
        long sentAt = System.nanoTime();
        recorder.sent();
        HttpRequest http = requests.get((int) Math.floorMod(sequence.getAndIncrement(), (long) requests.size()));
        try {
            client.sendAsync(http, HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> finished(request, sentAt, response, error));
        } catch (RuntimeException refused) {
            finished(request, sentAt, null, refused);
        }
    }

    private void finished(Pending request, long sentAt, HttpResponse<?> response, Throwable error) {
        long end = System.nanoTime();
        recorder.finished(request.intendedNanos(), sentAt, end,
                response == null ? 0 : response.statusCode(), response == null ? errorKind(error) : null);
        Pending next;
        synchronized (lock) {
            outstanding--;
            next = stopped ? null : waiting.poll();
            if (next == null) inFlight--;
            if (outstanding == 0) lock.notifyAll();
        }
        if (next != null) {
            send(next);
        } else if (spec.model() instanceof WorkloadSpec.ClosedModel && !stopped && end < sendingEnd) {
            offer(new Pending(System.nanoTime()));
        }
    }

    /** Waits until every request has ended, or until {@code deadlineNanos}. */
    private void awaitOutstanding(long deadlineNanos) {
        synchronized (lock) {
            for (long left = deadlineNanos - System.nanoTime(); outstanding > 0 && left > 0; left = deadlineNanos - System.nanoTime()) {
                try {
                    lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** No more sends; what is still waiting is dropped and the recorder closes the window. */
    private void stop() {
        synchronized (lock) {
            stopped = true;
            waiting.clear();
        }
        recorder.close();
    }

    /**
     * The measured window: {@code model} and its {@code rate} (+ {@code maxInFlight}) or {@code connections},
     * {@code warmupMs}, {@code durationMs}, {@code requests}, {@code responses}, {@code errors} by kind,
     * {@code offeredRate}, {@code achievedRate}, {@code errorRatio}, {@code latencyMs} and {@code serviceTimeMs}
     * {p50, p90, p99, p999, max}, {@code throughputPerSec}, {@code driverBehind}, {@code driverLagMs} {p50 ... max}
     * (open model; null in the closed one), {@code driverBehindBoundMs}, {@code driverCpuMs} (the whole run's, warm-up
     * included) and {@code driverResidentBytes}.
     */
    private JsonLine summary(JsonLine line, LoadRecorder.Window window, long cpuNanos) {
        if (spec.model() instanceof WorkloadSpec.OpenModel open) {
            line.put("model", "open").put("rate", open.ratePerSec()).put("maxInFlight", open.maxInFlight());
        } else {
            line.put("model", "closed").put("connections", maxInFlight);
        }
        boolean open = spec.model() instanceof WorkloadSpec.OpenModel;
        long lagP99 = window.lag().getValueAtPercentile(99);
        return line.put("warmupMs", spec.warmupMs()).put("durationMs", spec.durationMs())
                .put("requests", window.requests()).put("responses", window.responses())
                .put("errors", LoadRecorder.asJson(window.errors()))
                .put("offeredRate", round(window.offeredRate(), 3))
                .put("achievedRate", round(window.achievedRate(), 3))
                .put("errorRatio", round(window.errorRatio(), 6))
                .put("latencyMs", LoadRecorder.percentilesMs(window.latency()))
                .put("serviceTimeMs", LoadRecorder.percentilesMs(window.serviceTime()))
                .put("throughputPerSec", round(window.throughput(), 3))
                .put("driverBehind", open && lagP99 > TimeUnit.MILLISECONDS.toNanos(DRIVER_BEHIND_BOUND_MS))
                .put("driverLagMs", open ? LoadRecorder.percentilesMs(window.lag()) : null)
                .put("driverBehindBoundMs", DRIVER_BEHIND_BOUND_MS)
                .put("driverCpuMs", LoadRecorder.ms(cpuNanos))
                .put("driverResidentBytes", ProcessMemory.residentBytes());
    }

    /** The failure's kind: timeout, connection refused, or any other I/O failure (a reset among them). */
    static String errorKind(Throwable error) {
        if (causedBy(error, HttpTimeoutException.class)) return LoadRecorder.TIMEOUT; // connect timeouts included
        if (causedBy(error, ConnectException.class)) return LoadRecorder.REFUSED;
        return LoadRecorder.IO;
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> kind) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (kind.isInstance(cause)) return true;
        }
        return false;
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
