package dev.limitlab.agent;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Whether the service the driver shares a network namespace with is ready: it accepts a TCP connection on its port,
 * or answers an HTTP GET of a path with a status below 400. The driver checks from inside the namespace, since a
 * service on {@code --network none} is reachable nowhere else.
 */
final class Readiness {
    /** How often a check that failed is tried again. */
    static final long RETRY_MS = 100;

    private Readiness() {
    }

    /**
     * Tries {@code check} every {@value #RETRY_MS} ms until it succeeds or {@code timeoutMs} has passed; prints one
     * {@code ready} line ({@code waitedMs}) or one {@code not-ready} line ({@code waitedMs}, {@code lastError}).
     *
     * @return true when the service is ready
     */
    static boolean await(WorkloadSpec.ReadyCheck check, int port, Reporter reporter) {
        InetSocketAddress address = new InetSocketAddress(LoadWorkload.LOOPBACK, port);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(check.timeoutMs());
        String lastError = "never tried";
        while (true) {
            long attemptDeadline = Math.min(deadline, System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
            try {
                if (passes(check, address, attemptDeadline)) {
                    reporter.emit(reporter.line("ready").put("waitedMs", elapsedMs(start)));
                    return true;
                }
                lastError = "not a success status";
            } catch (IOException | RuntimeException e) {
                lastError = LoadWorkload.errorKind(e) + ": " + e.getMessage();
            }
            if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETRY_MS) >= deadline) {
                reporter.emit(reporter.line("not-ready").put("waitedMs", elapsedMs(start)).put("lastError", lastError));
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(RETRY_MS));
        }
    }

    private static boolean passes(WorkloadSpec.ReadyCheck check, InetSocketAddress address, long deadlineNanos)
            throws IOException {
        if (check.httpPath() == null) {
            try (Socket socket = new Socket()) {
                socket.connect(address, (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
                return true;
            }
        }
        HttpConnection connection = new HttpConnection(address);
        try {
            byte[] request = HttpConnection.requestBytes(
                    new WorkloadSpec.LoadRequest("GET", check.httpPath(), "", java.util.Map.of()),
                    address.getHostString() + ":" + address.getPort());
            return connection.exchange(request, false, deadlineNanos) < 400;
        } finally {
            connection.close();
        }
    }

    private static long elapsedMs(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
