package dev.limitlab.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The built-in service: the JDK's HTTP server on loopback (all a container on network {@code none}, or a driver
 * sharing its namespace, can reach). {@code /healthz} answers at once, {@code /noop} does no work (the driver's own
 * overhead), and every other path spends the set CPU time of its handler thread and holds the set memory. A fixed
 * pool of handler threads serves; requests beyond it wait in the server's queue, as in a real service.
 *
 * <p>Lines: {@code listening} once the port is bound ({@code port}, {@code threads}, {@code workMicros},
 * {@code holdBytes}, {@code retain}); a {@code sample} every report period ({@code requests} in it,
 * {@code totalRequests}, {@code retainedBytes}); {@code end} ({@code totalRequests}).
 */
final class ServeWorkload implements AgentWorkload {

    static final String HEALTH_PATH = "/healthz";
    static final String NOOP_PATH = "/noop";
    /** Handler threads are named so, which lets a test sum their CPU time. */
    static final String THREAD_PREFIX = "serve-handler-";
    /** Connections waiting to be accepted; the JDK's default of 50 drops connections under a burst of load. */
    private static final int BACKLOG = 1024;
    private static final byte[] OK = "ok\n".getBytes(StandardCharsets.US_ASCII);

    private final WorkloadSpec.Serve spec;

    ServeWorkload(WorkloadSpec.Serve spec) {
        this.spec = spec;
    }

    /**
     * Sets TCP_NODELAY on the JDK server's connections, before its first server reads the setting (once per JVM).
     * Without it the server writes headers and body apart, and Nagle's algorithm against the client's delayed ACK
     * adds ~40 ms to every response with a body.
     */
    static void configureJdkServer() {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    @Override
    public int run(Reporter reporter, long stopAtNanos) {
        long start = reporter.startNanos();
        long deadline = Math.min(stopAtNanos,
                spec.durationMs() > 0 ? start + TimeUnit.MILLISECONDS.toNanos(spec.durationMs()) : Long.MAX_VALUE);
        try (Service service = Service.start(spec)) {
            reporter.emit(reporter.line("listening").put("port", service.port()).put("threads", spec.threads())
                    .put("workMicros", spec.workMicros()).put("holdBytes", spec.holdBytes()).put("retain", spec.retain()));
            long[] lastTotal = {0};
            Reporter.tickUntil(start, TimeUnit.MILLISECONDS.toNanos(spec.reportMs()), deadline, now -> {
                long total = service.requests();
                reporter.emit(reporter.sample(now).put("requests", total - lastTotal[0]).put("totalRequests", total)
                        .put("retainedBytes", service.retainedBytes()));
                lastTotal[0] = total;
            });
            reporter.emit(reporter.line("end").put("totalRequests", service.requests()));
        } catch (UncheckedIOException e) {
            reporter.emit(reporter.line("error").put("message", "cannot listen on port " + spec.port() + ": " + e.getCause().getMessage()));
            return 1;
        }
        return 0;
    }

    /** A running server; closing it stops the server and its handler threads. */
    static final class Service implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService handlers;
        private final WorkloadSpec.Serve spec;
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final LongAdder requests = new LongAdder();
        /** Memory kept for good with {@code retain}: a leak that grows with the requests served. */
        private final ChunkStore retained = new ChunkStore.HeapChunks();
        private long retainedBytes;
        private volatile long sink;

        private Service(WorkloadSpec.Serve spec) throws IOException {
            this.spec = spec;
            configureJdkServer();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), spec.port()), BACKLOG);
            AtomicInteger count = new AtomicInteger();
            handlers = Executors.newFixedThreadPool(spec.threads(), task -> {
                Thread thread = new Thread(task, THREAD_PREFIX + count.getAndIncrement());
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(handlers);
            server.createContext(HEALTH_PATH, exchange -> respond(exchange, 200, OK));
            server.createContext(NOOP_PATH, counted(exchange -> respond(exchange, 200, OK)));
            server.createContext("/", counted(this::work));
        }

        /** Binds and starts serving; {@code spec.port() == 0} takes a free port (see {@link #port()}). */
        static Service start(WorkloadSpec.Serve spec) {
            try {
                Service service = new Service(spec);
                service.server.start();
                return service;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        int port() {
            return server.getAddress().getPort();
        }

        long requests() {
            return requests.sum();
        }

        synchronized long retainedBytes() {
            return retainedBytes;
        }

        private HttpHandler counted(HttpHandler handler) {
            return exchange -> {
                requests.increment(); // on arrival, so a client that has its answer sees it counted
                handler.handle(exchange);
            };
        }

        private void work(HttpExchange exchange) throws IOException {
            drain(exchange.getRequestBody());
            try {
                ChunkStore held = new ChunkStore.HeapChunks();
                if (spec.holdBytes() > 0 && spec.retain()) retain();
                else if (spec.holdBytes() > 0) held.allocate(spec.holdBytes());
                sink = CpuWorkload.spendCpu(threads, TimeUnit.MICROSECONDS.toNanos(spec.workMicros()), sink | 1);
                held.release(); // reachable until the work is done: held for the request's life
            } catch (OutOfMemoryError e) {
                // The heap is full: the service answers as a real one would, and keeps serving what it can.
                respond(exchange, 503, "out of memory\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            respond(exchange, 200, OK);
        }

        private synchronized void retain() {
            retained.allocate(spec.holdBytes());
            retainedBytes += spec.holdBytes();
        }

        @Override
        public void close() {
            server.stop(0);
            handlers.shutdownNow();
        }
    }

    private static void drain(InputStream body) throws IOException {
        try (body) {
            body.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        try (exchange) {
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
    }
}
