package dev.limitlab.docker;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The images on the engine. Nothing is ever pulled: there may be no registry. */
public interface Images {
    /** The image, or empty when it is not on the engine. */
    Optional<ImageInfo> image(String image);

    /** Builds an image from a directory holding a Dockerfile; returns its id. */
    String buildImage(Path contextDirectory, String tag, Map<String, String> labels);
}
