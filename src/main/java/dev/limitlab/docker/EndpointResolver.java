package dev.limitlab.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Finds the engine the way the docker CLI does: {@code DOCKER_HOST}, then the current context
 * ({@code DOCKER_CONTEXT} or {@code currentContext} in {@code config.json}), then the default socket.
 */
public final class EndpointResolver {
    static final String DEFAULT_SOCKET = "unix:///var/run/docker.sock";

    private final Map<String, String> env;
    private final Path dockerConfigDir;

    public EndpointResolver(Map<String, String> env, Path home) {
        this.env = env;
        this.dockerConfigDir = env.containsKey("DOCKER_CONFIG") ? Path.of(env.get("DOCKER_CONFIG")) : home.resolve(".docker");
    }

    public static EndpointResolver fromSystem() {
        return new EndpointResolver(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    public DockerEndpoint resolve() {
        List<String> tried = new ArrayList<>();
        String dockerHost = env.get("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            return new DockerEndpoint(URI.create(dockerHost), "DOCKER_HOST", List.of("DOCKER_HOST=" + dockerHost));
        }
        tried.add("DOCKER_HOST unset");
        String context = currentContext();
        if (context != null && !context.equals("default")) {
            String host = contextHost(context);
            if (host != null) {
                tried.add("context " + context + " -> " + host);
                return new DockerEndpoint(URI.create(host), "context " + context, tried);
            }
            tried.add("context " + context + " has no docker endpoint in " + dockerConfigDir.resolve("contexts"));
        } else {
            tried.add("context default");
        }
        tried.add("default socket " + DEFAULT_SOCKET);
        return new DockerEndpoint(URI.create(DEFAULT_SOCKET), "default socket", tried);
    }

    private String currentContext() {
        String fromEnv = env.get("DOCKER_CONTEXT");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        JsonNode config = readJson(dockerConfigDir.resolve("config.json"));
        return config == null ? null : config.path("currentContext").asText(null);
    }

    // The CLI stores a context's metadata under contexts/meta/<sha256 of its name>/meta.json.
    private String contextHost(String context) {
        Path meta = dockerConfigDir.resolve("contexts").resolve("meta").resolve(sha256(context)).resolve("meta.json");
        JsonNode node = readJson(meta);
        return node == null ? null : node.path("Endpoints").path("docker").path("Host").asText(null);
    }

    private static JsonNode readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException unreadable) {
            return null;
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
