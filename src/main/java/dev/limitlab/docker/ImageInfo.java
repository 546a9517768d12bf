package dev.limitlab.docker;

import java.util.Map;

/** An image on the engine: its id, size in bytes and labels. */
public record ImageInfo(String id, long sizeBytes, Map<String, String> labels) {
    public ImageInfo {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
