package dev.limitlab.docker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointResolverTest {
    @TempDir
    Path home;

    @Test
    void dockerHostWinsOverEverythingElse() throws Exception {
        writeContext("remote", "tcp://10.0.0.1:2376");
        DockerEndpoint endpoint = new EndpointResolver(Map.of("DOCKER_HOST", "unix:///run/user/1000/docker.sock"), home).resolve();
        assertEquals(URI.create("unix:///run/user/1000/docker.sock"), endpoint.host());
        assertEquals("DOCKER_HOST", endpoint.source());
    }

    @Test
    void theCurrentContextOfConfigJsonIsUsedWhenDockerHostIsUnset() throws Exception {
        writeContext("rootless", "unix:///run/user/1000/docker.sock");
        DockerEndpoint endpoint = new EndpointResolver(Map.of(), home).resolve();
        assertEquals(URI.create("unix:///run/user/1000/docker.sock"), endpoint.host());
        assertEquals("context rootless", endpoint.source());
    }

    @Test
    void dockerContextVariableOverridesConfigJson() throws Exception {
        writeContext("rootless", "unix:///run/user/1000/docker.sock");
        DockerEndpoint endpoint = new EndpointResolver(Map.of("DOCKER_CONTEXT", "default"), home).resolve();
        assertEquals(URI.create("unix:///var/run/docker.sock"), endpoint.host());
    }

    @Test
    void fallsBackToTheDefaultSocketAndSaysWhatItTried() {
        DockerEndpoint endpoint = new EndpointResolver(Map.of(), home).resolve();
        assertEquals(URI.create("unix:///var/run/docker.sock"), endpoint.host());
        assertTrue(endpoint.tried().contains("DOCKER_HOST unset"), endpoint.tried().toString());
        assertTrue(endpoint.isLocal());
    }

    // The docker CLI's own layout: config.json names the context; its metadata sits under the sha256 of the name.
    private void writeContext(String name, String host) throws Exception {
        Path docker = Files.createDirectories(home.resolve(".docker"));
        Files.writeString(docker.resolve("config.json"), "{\"currentContext\":\"" + name + "\"}");
        String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Path meta = Files.createDirectories(docker.resolve("contexts/meta/" + hash));
        Files.writeString(meta.resolve("meta.json"),
                "{\"Name\":\"" + name + "\",\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\"" + host + "\",\"SkipTLSVerify\":false}}}");
    }
}
