package dev.limitlab.agent;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 keep-alive connection of the load driver, used by one thread: writes a ready-made request, reads the
 * status and skips the body (Content-Length, chunked, or up to the close), reconnecting when the server closed or a
 * request failed. Blocking sockets on loopback cost a fraction of the JDK HttpClient's CPU per request (measured:
 * see LoadWorkload), and the driver must not be the bottleneck of what it measures.
 */
final class HttpConnection implements AutoCloseable {

    private static final int BUFFER_BYTES = 16 * 1024;
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final InetSocketAddress address;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int position;
    private int limit;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    HttpConnection(InetSocketAddress address) {
        this.address = address;
    }

    /** {@code METHOD path HTTP/1.1} with Host, the headers, Content-Length when there is a body or could be one. */
    static byte[] requestBytes(WorkloadSpec.LoadRequest request, String host) {
        byte[] body = request.body().getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder().append(request.method()).append(' ').append(request.path())
                .append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n");
        request.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body.length > 0 || !request.method().equals("GET") && !request.method().equals("HEAD")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, bytes, 0, headBytes.length);
        System.arraycopy(body, 0, bytes, headBytes.length, body.length);
        return bytes;
    }

    /**
     * Sends {@code request} and reads its response to the end by {@code deadlineNanos} (System.nanoTime).
     *
     * @return the response's status code
     * @throws SocketTimeoutException past the deadline; then, as after any IOException, the connection is closed
     */
    int exchange(byte[] request, boolean head, long deadlineNanos) throws IOException {
        try {
            if (socket == null) connect(deadlineNanos);
            out.write(request);
            out.flush();
            return readResponse(head, deadlineNanos);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void connect(long deadlineNanos) throws IOException {
        Socket opened = new Socket();
        opened.setTcpNoDelay(true); // a request is one write; never wait for an ACK before sending it
        opened.connect(address, remainingMillis(deadlineNanos));
        socket = opened;
        in = opened.getInputStream();
        out = opened.getOutputStream();
        position = 0;
        limit = 0;
    }

    private int readResponse(boolean head, long deadlineNanos) throws IOException {
        String statusLine = readLine(deadlineNanos);
        // "HTTP/1.1 200 OK": the code is the three digits after the first space
        int space = statusLine.indexOf(' ');
        if (!statusLine.startsWith("HTTP/") || space < 0 || statusLine.length() < space + 4) {
            throw new ProtocolException("not an HTTP status line: '" + statusLine + "'");
        }
        int status = Integer.parseInt(statusLine, space + 1, space + 4, 10);
        long contentLength = -1;
        boolean chunked = false;
        boolean close = statusLine.startsWith("HTTP/1.0");
        for (String line = readLine(deadlineNanos); !line.isEmpty(); line = readLine(deadlineNanos)) {
            int colon = line.indexOf(':');
            if (colon <= 0) continue;
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> contentLength = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.contains("chunked");
                case "connection" -> close = value.contains("close") || close && !value.contains("keep-alive");
                default -> { }
            }
        }
        boolean noBody = head || status / 100 == 1 || status == 204 || status == 304;
        if (noBody) {
            // nothing to skip
        } else if (chunked) {
            skipChunks(deadlineNanos);
        } else if (contentLength >= 0) {
            skip(contentLength, deadlineNanos);
        } else {
            while (fill(deadlineNanos)) position = limit; // the body runs to the close
            close = true;
        }
        if (close) close();
        return status;
    }

    private void skipChunks(long deadlineNanos) throws IOException {
        while (true) {
            String sizeLine = readLine(deadlineNanos);
            int end = sizeLine.indexOf(';');
            long size = Long.parseLong((end < 0 ? sizeLine : sizeLine.substring(0, end)).trim(), 16);
            if (size == 0) break;
            skip(size + 2, deadlineNanos); // the chunk and its CRLF
        }
        while (!readLine(deadlineNanos).isEmpty()) {
            // trailers
        }
    }

    private void skip(long bytes, long deadlineNanos) throws IOException {
        for (long left = bytes; left > 0; ) {
            if (position == limit && !fill(deadlineNanos)) throw new EOFException("connection closed in a response body");
            int step = (int) Math.min(left, limit - position);
            position += step;
            left -= step;
        }
    }

    /** One line without its CRLF (or LF), in ISO-8859-1 as HTTP's header bytes are. */
    private String readLine(long deadlineNanos) throws IOException {
        StringBuilder line = null;
        while (true) {
            for (int i = position; i < limit; i++) {
                if (buffer[i] == LF) {
                    int end = i > position && buffer[i - 1] == CR ? i - 1 : i;
                    String part = new String(buffer, position, end - position, StandardCharsets.ISO_8859_1);
                    position = i + 1;
                    return line == null ? part : line.append(part).toString();
                }
            }
            if (line == null) line = new StringBuilder();
            line.append(new String(buffer, position, limit - position, StandardCharsets.ISO_8859_1));
            position = limit;
            if (!fill(deadlineNanos)) throw new EOFException("connection closed before the response ended");
        }
    }

    /** Reads more into the buffer by the deadline; false at the end of the stream. */
    private boolean fill(long deadlineNanos) throws IOException {
        socket.setSoTimeout(remainingMillis(deadlineNanos));
        int read = in.read(buffer, 0, buffer.length);
        if (read < 0) return false;
        position = 0;
        limit = read;
        return true;
    }

    private static int remainingMillis(long deadlineNanos) throws SocketTimeoutException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) throw new SocketTimeoutException("the request's time is up");
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000));
    }

    @Override
    public void close() {
        if (socket == null) return;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that was wanted
        }
        socket = null;
    }
}
