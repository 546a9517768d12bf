package dev.limitlab.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(20)
class HttpConnectionTest {

    private static final long SECOND = 1_000_000_000L;
    private static final byte[] GET = HttpConnection.requestBytes(
            new WorkloadSpec.LoadRequest("GET", "/", "", Map.of()), "127.0.0.1");

    @Test
    void readsFixedLengthChunkedAndEmptyBodiesOnOneKeptConnection() throws IOException {
        Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
        byte[] body = new byte[40_000]; // more than the connection's buffer
        try (var server = LoopbackHttp.server(1, exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            switch (exchange.getRequestURI().getPath()) {
                case "/chunked" -> exchange.sendResponseHeaders(200, 0);
                case "/fixed" -> exchange.sendResponseHeaders(200, body.length);
                default -> exchange.sendResponseHeaders(204, -1);
            }
            if (!exchange.getRequestURI().getPath().equals("/empty")) exchange.getResponseBody().write(body);
            exchange.close();
        }); var connection = new HttpConnection(new InetSocketAddress("127.0.0.1", server.port()))) {
            for (String path : List.of("/chunked", "/fixed", "/empty", "/chunked", "/fixed")) {
                byte[] request = HttpConnection.requestBytes(new WorkloadSpec.LoadRequest("GET", path, "", Map.of()), "127.0.0.1");
                assertEquals(path.equals("/empty") ? 204 : 200, connection.exchange(request, false, System.nanoTime() + 5 * SECOND), path);
            }
        }
        assertEquals(1, clientPorts.size(), "one kept-alive connection: " + clientPorts);
    }

    @Test
    void sendsTheBodyWithItsLengthAndTheHeaders() throws IOException {
        var received = new StringBuilder();
        try (var server = LoopbackHttp.server(1, exchange -> {
            received.append(exchange.getRequestMethod()).append(' ')
                    .append(exchange.getRequestHeaders().getFirst("Content-Type")).append(' ')
                    .append(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        }); var connection = new HttpConnection(new InetSocketAddress("127.0.0.1", server.port()))) {
            byte[] post = HttpConnection.requestBytes(new WorkloadSpec.LoadRequest("POST", "/items", "{\"a\":1}",
                    Map.of("Content-Type", "application/json")), "127.0.0.1");
            assertEquals(201, connection.exchange(post, false, System.nanoTime() + 5 * SECOND));
        }
        assertEquals("POST application/json {\"a\":1}", received.toString());
    }

    /** HTTP/1.0 without a length: the body runs to the close, and the next request opens a new connection. */
    @Test
    void readsABodyThatEndsAtTheCloseThenReconnects() throws Exception {
        try (var server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> {
                for (int i = 0; i < 2; i++) {
                    try (Socket client = server.accept()) {
                        readRequestHead(client.getInputStream());
                        client.getOutputStream().write("HTTP/1.0 404 Not Found\r\n\r\nno such page".getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            answering.setDaemon(true);
            answering.start();
            try (var connection = new HttpConnection(new InetSocketAddress("127.0.0.1", server.getLocalPort()))) {
                assertEquals(404, connection.exchange(GET, false, System.nanoTime() + 5 * SECOND));
                assertEquals(404, connection.exchange(GET, false, System.nanoTime() + 5 * SECOND));
            }
            answering.join(5000);
        }
    }

    @Test
    void givesUpAtTheDeadline() throws Exception {
        try (var server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
             var connection = new HttpConnection(new InetSocketAddress("127.0.0.1", server.getLocalPort()))) {
            long start = System.nanoTime();
            // accepted by the kernel's backlog, never answered
            assertThrows(SocketTimeoutException.class, () -> connection.exchange(GET, false, start + SECOND / 5));
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals(200, tookMs, 150, "took " + tookMs + " ms");
        }
    }

    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) return;
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
    }
}
