package dev.limitlab.agent;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** A parsed command line: which workload to run and with which settings. */
public sealed interface WorkloadSpec {

    /** The workload name as it appears on the command line and in every JSON line. */
    String name();

    /** {@code threads} threads each busy {@code loadPercent} % of every {@code sliceMs} slice; 0 duration = forever. */
    record Cpu(int threads, int loadPercent, long sliceMs, long reportMs, long durationMs) implements WorkloadSpec {
        public String name() { return "cpu"; }
    }

    /**
     * Grow resident memory to {@code targetBytes} at {@code rateBytesPerSec}; hold -1 = forever; leak = ignore target;
     * {@code reread}: a file read page by page, over and over, while holding (null: none), first written with
     * {@code rereadWriteBytes} bytes when that is above 0.
     */
    record Memory(long targetBytes, long rateBytesPerSec, long holdMs, MemoryMode mode, boolean leak, long reportMs,
                  String reread, long rereadWriteBytes) implements WorkloadSpec {
        Memory(long targetBytes, long rateBytesPerSec, long holdMs, MemoryMode mode, boolean leak, long reportMs) {
            this(targetBytes, rateBytesPerSec, holdMs, mode, leak, reportMs, null, 0);
        }
        public String name() { return "memory"; }
    }

    /**
     * Wait {@code runForMs}, then exit with {@code exitCode}, or with 0 when {@code succeedAfter} runs have already failed
     * (counted in {@code stateDir}) or, with {@code exitProbability}, by chance. Null fields are unset.
     *
     * @param seed of the chance; null = the clock's nanoseconds
     */
    record Crash(long runForMs, int exitCode, long reportMs, Integer succeedAfter, Double exitProbability, Long seed, Path stateDir)
            implements WorkloadSpec {
        public String name() { return "crash"; }
    }

    /** Start up to {@code threads} parked threads, then keep them {@code holdMs} (-1 = until killed or stopped). */
    record Pids(int threads, long holdMs, long reportMs) implements WorkloadSpec {
        public String name() { return "pids"; }
    }

    /** Start spinning threads as fast as the kernel accepts, retrying each refusal, up to {@code maxThreads}, until stopped. */
    record ForkBomb(int maxThreads, long reportMs) implements WorkloadSpec {
        public String name() { return "fork-bomb"; }
    }

    /** Workloads run one after another, each for its phase's duration. */
    record Phases(List<Phase> phases) implements WorkloadSpec {
        public Phases {
            phases = List.copyOf(phases);
        }
        public String name() { return "phases"; }
    }

    /** One phase: a cpu, memory or pids workload that runs for {@code durationMs}, however it was told to end. */
    record Phase(long durationMs, WorkloadSpec workload) {
    }

    /**
     * An HTTP service on loopback {@code port} (0 = any free one) with {@code threads} handler threads. Each request
     * to a work path spends {@code workMicros} of its thread's CPU time and holds {@code holdBytes} of heap while it
     * runs, or for good when {@code retain}; 0 duration = until stopped.
     */
    record Serve(int port, int threads, long workMicros, int holdBytes, boolean retain, long reportMs, long durationMs)
            implements WorkloadSpec {
        public String name() { return "serve"; }
    }

    /**
     * HTTP load on {@code 127.0.0.1:port}: {@code requests} in turn, {@code warmupMs} not measured, then
     * {@code durationMs} measured; each request gives up after {@code timeoutMs}.
     */
    /**
     * @param ready what to wait for before the schedule starts (null: start at once); the driver's duration counts
     *              from the moment the service is ready
     */
    record Load(int port, LoadModel model, List<LoadRequest> requests, long warmupMs, long durationMs, long timeoutMs,
                long reportMs, ReadyCheck ready) implements WorkloadSpec {
        public Load {
            requests = List.copyOf(requests);
            if (requests.isEmpty()) throw new UsageException("load needs at least one --request METHOD PATH");
        }
        public String name() { return "load"; }
    }

    /** How the load driver decides when to send. */
    sealed interface LoadModel {
    }

    /**
     * Requests are due on a fixed schedule of {@code ratePerSec}, whatever the service does, and go out on
     * {@code connections} keep-alive connections; one due while all are busy waits in the driver, its latency still
     * counted from its schedule.
     */
    record OpenModel(long ratePerSec, int connections) implements LoadModel {
    }

    /** The service is ready when it answers {@code GET httpPath} below 400, or (null path) accepts a TCP connection. */
    record ReadyCheck(String httpPath, long timeoutMs) {
    }

    /** {@code connections} requests always in flight: each one's end starts the next. */
    record ClosedModel(int connections) implements LoadModel {
    }

    /** One request the load driver sends; header names are as given, values after the first {@code :}. */
    record LoadRequest(String method, String path, String body, Map<String, String> headers) {
        private static final Pattern METHOD = Pattern.compile("[A-Z]+");
        private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
        /** Headers that say how the driver frames and keeps its connections: its own to set. */
        private static final Set<String> DRIVER_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade",
                "transfer-encoding");

        public LoadRequest {
            if (!METHOD.matcher(method).matches()) throw new UsageException("request method must be upper-case letters, not '" + method + "'");
            if (!path.startsWith("/")) throw new UsageException("request path must start with '/', not '" + path + "'");
            try {
                java.net.URI.create("http://127.0.0.1" + path);
            } catch (IllegalArgumentException e) {
                throw new UsageException("request path '" + path + "' is not a URI path (spaces and such must be %-encoded)");
            }
            headers = Map.copyOf(headers);
            for (String name : headers.keySet()) {
                if (!HEADER_NAME.matcher(name).matches()) throw new UsageException("header name '" + name + "' is not a token");
                if (DRIVER_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    throw new UsageException("header '" + name + "' is set by the driver itself");
                }
            }
        }
    }

    /** Where the memory workload puts its bytes. */
    enum MemoryMode { NATIVE, HEAP }
}
