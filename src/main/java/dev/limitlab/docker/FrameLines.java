package dev.limitlab.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.function.Consumer;

/**
 * A log stream's frames (a container's or a service's) cut into lines per stream: a line is handed on where its line
 * break arrives, whatever frames it came in; {@link #flush} hands on what is left without one.
 */
final class FrameLines extends ResultCallback.Adapter<Frame> {
    private final Consumer<LogLine> onLine;
    private final EnumMap<LogLine.Stream, ByteArrayOutputStream> partial = new EnumMap<>(LogLine.Stream.class);

    FrameLines(Consumer<LogLine> onLine) {
        this.onLine = onLine;
    }

    @Override
    public void onNext(Frame frame) {
        LogLine.Stream stream = frame.getStreamType() == StreamType.STDERR ? LogLine.Stream.STDERR : LogLine.Stream.STDOUT;
        ByteArrayOutputStream buffer = partial.computeIfAbsent(stream, s -> new ByteArrayOutputStream());
        for (byte b : frame.getPayload()) {
            if (b == '\n') {
                onLine.accept(new LogLine(stream, buffer.toString(StandardCharsets.UTF_8)));
                buffer.reset();
            } else {
                buffer.write(b);
            }
        }
    }

    /** A last line without a line break. */
    void flush() {
        partial.forEach((stream, rest) -> {
            if (rest.size() > 0) {
                onLine.accept(new LogLine(stream, rest.toString(StandardCharsets.UTF_8)));
                rest.reset();
            }
        });
    }
}
