package dev.limitlab.agent;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load driver: sends HTTP/1.1 requests to {@code 127.0.0.1:port} (it runs in the service's network namespace,
 * so loopback is the service's; it never reaches another address) on keep-alive connections, one driver thread
 * each ({@link HttpConnection}), and measures them with {@link LoadRecorder}.
 *
 * <ul>
 * <li>Open model ({@code --rate R [--connections C]}): request i is due at start + i/R, whatever the service does; a
 * scheduler thread queues it on time, and the next free connection sends it. When all C are busy it waits in the
 * queue, and its latency still counts from when it was due.</li>
 * <li>Closed model ({@code --connections N} alone): each connection sends its next request as soon as the last one
 * ended; latency counts from the send (a closed loop has no schedule, so it does not see what a stall withholds).</li>
 * </ul>
 *
 * <p>Why not the JDK's HttpClient: measured here (2 shared cores), it spent about 1 ms of CPU per request and fell
 * behind its schedule at 1000 requests/s, while these blocking loopback connections cost a fraction of that.
 *
 * <p>With {@code --ready-http PATH} or {@code --ready-tcp}, it first waits for the service ({@link Readiness}): one
 * {@code ready} line, then the load; or one {@code not-ready} line and no load.
 *
 * <p>Lines: a {@code sample} every report period ({@code elapsedMs}, {@code warmup}, {@code inFlight}, {@code sent},
 * {@code completed}, {@code errors} by kind, {@code latencyMs} {p50, p90, p99, p999, max} of the requests that ended
 * in it, and in the open model {@code driverLagMaxMs}); {@value HistogramLogLines#TYPE} lines carrying the HdrHistogram
 * log of the measured window; then one {@code summary} of the measured window (see {@link #summary}).
 *
 * <p>The driver is behind its schedule when the scheduler queued the window's requests with a p99 lag above
 * {@value #DRIVER_BEHIND_BOUND_MS} ms: then the latency is partly the driver's, and {@code driverBehind} is true.
 */
final class LoadWorkload implements AgentWorkload {

    static final String LOOPBACK = "127.0.0.1";
    static final long DRIVER_BEHIND_BOUND_MS = 10;
    /** After the window, how much longer than one timeout the driver waits for its last requests. */
    private static final long DRAIN_GRACE_MS = 1000;
    /** How often an idle connection looks whether the run is over, and the drain whether all have ended. */
    private static final long POLL_MS = 20;
    private static final long NANOS_PER_SEC = 1_000_000_000L;

    private final WorkloadSpec.Load spec;
    private final InetSocketAddress address;
    private final List<Prepared> requests;
    private final long timeoutNanos;
    private final AtomicLong sequence = new AtomicLong();
    private final BlockingQueue<Pending> due = new LinkedBlockingQueue<>();
    /** Requests queued or being sent; the drain waits on {@link #lock} for it to reach 0. */
    private final AtomicLong outstanding = new AtomicLong();
    private final Object lock = new Object();
    private LoadRecorder recorder;
    private volatile long sendingEnd;
    private volatile boolean stopped;

    /** A request the driver owes, with the time it was due. */
    private record Pending(long intendedNanos) {
    }

    /** A request's bytes, ready to write; a HEAD response has no body whatever its headers say. */
    private record Prepared(byte[] bytes, boolean head) {
    }

    LoadWorkload(WorkloadSpec.Load spec) {
        this.spec = spec;
        this.address = new InetSocketAddress(LOOPBACK, spec.port());
        String host = LOOPBACK + ":" + spec.port();
        this.requests = spec.requests().stream()
                .map(r -> new Prepared(HttpConnection.requestBytes(r, host), r.method().equals("HEAD"))).toList();
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(spec.timeoutMs());
    }

    @Override
    public int run(Reporter reporter, long stopAtNanos) {
        if (spec.ready() != null && !Readiness.await(spec.ready(), spec.port(), reporter)) {
            return 0; // a service that never got ready is a result, said in the not-ready line
        }
        // The schedule starts once the service is ready (the samples' elapsedMs count from the agent's start).
        long start = spec.ready() == null ? reporter.startNanos() : System.nanoTime();
        long measureEnd = Math.min(stopAtNanos, start + TimeUnit.MILLISECONDS.toNanos(spec.warmupMs() + spec.durationMs()));
        long measureStart = Math.min(measureEnd, start + TimeUnit.MILLISECONDS.toNanos(spec.warmupMs()));
        long cpuAtStart = processCpuNanos();
        recorder = new LoadRecorder(measureStart, measureEnd);
        sendingEnd = measureEnd;
        // The log's base is the window's start on the wall clock the histograms' own timestamps use.
        var log = new HistogramLogLines(reporter,
                System.currentTimeMillis() + TimeUnit.NANOSECONDS.toMillis(measureStart - System.nanoTime()));
        boolean open = spec.model() instanceof WorkloadSpec.OpenModel;

        for (int i = 0; i < connections(); i++) {
            startDaemon("load-connection-" + i, Thread.NORM_PRIORITY, () -> sendOnOneConnection(open));
        }
        Thread scheduler = spec.model() instanceof WorkloadSpec.OpenModel model
                ? startDaemon("load-scheduler", Thread.MAX_PRIORITY, () -> schedule(start, model.ratePerSec()))
                : null;
        Reporter.tickUntil(start, TimeUnit.MILLISECONDS.toNanos(spec.reportMs()), measureEnd, now -> {
            emitInterval(reporter, now, measureStart, open);
            var window = recorder.takeWindowInterval(); // taken (empty) in the warm-up too: logged intervals start at the window
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

    private int connections() {
        return spec.model() instanceof WorkloadSpec.OpenModel open ? open.connections()
                : ((WorkloadSpec.ClosedModel) spec.model()).connections();
    }

    private static Thread startDaemon(String name, int priority, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true); // the run's end never waits for a connection stuck in a read
        thread.setPriority(priority);
        thread.start();
        return thread;
    }

    private void emitInterval(Reporter reporter, long now, long measureStart, boolean open) {
        reporter.emit(recorder.takeInterval(reporter.sample(now).put("warmup", now <= measureStart)
                .put("inFlight", outstanding.get()), open));
    }

    /** The open model's schedule: request i due at start + i/rate, queued late (never skipped) when the driver lags. */
    private void schedule(long start, long ratePerSec) {
        for (long i = 0; ; i++) {
            long intended = start + i * NANOS_PER_SEC / ratePerSec;
            if (intended >= sendingEnd) return;
            Reporter.sleepUntil(intended);
            recorder.scheduled(intended, System.nanoTime() - intended);
            recorder.started(intended);
            outstanding.incrementAndGet();
            due.add(new Pending(intended));
        }
    }

    /** One connection's thread: the open model's due requests, or its own closed loop, until the run stops. */
    private void sendOnOneConnection(boolean open) {
        try (var connection = new HttpConnection(address)) {
            while (!stopped) {
                Pending request;
                if (open) {
                    request = due.poll(POLL_MS, TimeUnit.MILLISECONDS);
                    if (request == null) continue;
                } else {
                    long now = System.nanoTime();
                    if (now >= sendingEnd) return;
                    request = new Pending(now);
                    recorder.started(now);
                    outstanding.incrementAndGet();
                }
                send(connection, request);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(HttpConnection connection, Pending request) {
        Prepared http = requests.get((int) Math.floorMod(sequence.getAndIncrement(), (long) requests.size()));
        long sentAt = System.nanoTime();
        recorder.sent();
        try {
            int status = connection.exchange(http.bytes(), http.head(), sentAt + timeoutNanos);
            recorder.finished(request.intendedNanos(), sentAt, System.nanoTime(), status, null);
        } catch (IOException | RuntimeException e) {
            recorder.finished(request.intendedNanos(), sentAt, System.nanoTime(), 0, errorKind(e));
        }
        if (outstanding.decrementAndGet() == 0) {
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }

    /** Waits until every request has ended, or until {@code deadlineNanos}. */
    private void awaitOutstanding(long deadlineNanos) {
        synchronized (lock) {
            for (long left = deadlineNanos - System.nanoTime(); outstanding.get() > 0 && left > 0; left = deadlineNanos - System.nanoTime()) {
                try {
                    lock.wait(Math.max(1, Math.min(POLL_MS, TimeUnit.NANOSECONDS.toMillis(left))));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** No more sends; what is still queued is dropped and the recorder closes the window. */
    private void stop() {
        stopped = true;
        due.clear();
        recorder.close();
    }

    /**
     * The measured window: {@code model}, its {@code rate} (open model) and {@code connections},
     * {@code warmupMs}, {@code durationMs}, {@code requests}, {@code responses}, {@code errors} by kind,
     * {@code offeredRate}, {@code achievedRate}, {@code errorRatio}, {@code latencyMs} and {@code serviceTimeMs}
     * {p50, p90, p99, p999, max}, {@code throughputPerSec}, {@code driverBehind}, {@code driverLagMs} {p50 ... max}
     * (open model; null in the closed one), {@code driverBehindBoundMs}, {@code driverCpuMs} (the whole run's, warm-up
     * included) and {@code driverResidentBytes}.
     */
    private JsonLine summary(JsonLine line, LoadRecorder.Window window, long cpuNanos) {
        boolean open = spec.model() instanceof WorkloadSpec.OpenModel;
        line.put("model", open ? "open" : "closed");
        if (spec.model() instanceof WorkloadSpec.OpenModel model) line.put("rate", model.ratePerSec());
        line.put("connections", connections());
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

    /** The failure's kind: timeout (connecting included), connection refused, or any other failure (a reset, a bad response). */
    static String errorKind(Exception error) {
        if (error instanceof SocketTimeoutException) return LoadRecorder.TIMEOUT;
        if (error instanceof ConnectException) return LoadRecorder.REFUSED;
        return LoadRecorder.IO;
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
