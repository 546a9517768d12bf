package dev.limitlab.docker;

import java.net.URI;
import java.util.List;

/**
 * Where the engine is, and how it was found, e.g. {@code unix:///var/run/docker.sock} from "default socket".
 *
 * @param tried what discovery looked at, in order, for messages when the engine does not answer
 */
public record DockerEndpoint(URI host, String source, List<String> tried) {
    public DockerEndpoint {
        tried = List.copyOf(tried);
    }

    /** True when the engine shares this host's kernel, so its cgroup files can be read directly. */
    public boolean isLocal() {
        return "unix".equals(host.getScheme()) || "npipe".equals(host.getScheme());
    }
}
