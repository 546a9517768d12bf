package dev.limitlab.docker;

import com.github.dockerjava.api.exception.ConflictException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EngineMessageTest {
    // docker-java puts "Status 409: " before the response body, as seen with a volume in use
    @Test
    void aRefusalIsToldInTheEnginesOwnWords() {
        assertEquals("remove vol-1: volume is in use - [fa02fe45]", DockerJavaGateway.engineMessage(
                new ConflictException("{\"message\":\"remove vol-1: volume is in use - [fa02fe45]\"}\n")));
        assertEquals("Status 409: not JSON", DockerJavaGateway.engineMessage(new ConflictException("not JSON")));
    }
}
