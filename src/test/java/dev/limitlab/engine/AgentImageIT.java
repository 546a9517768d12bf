package dev.limitlab.engine;

import dev.limitlab.docker.DockerGateway;
import dev.limitlab.docker.ImageInfo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentImageIT {
    @Test
    void buildsAScratchImageLabelledWithTheAgentDigestAndSkipsAnUpToDateRebuild() {
        try (DockerGateway gateway = EngineFixture.gateway()) {
            AgentImage image = new AgentImage(gateway, EngineFixture.VERSION);
            image.build(message -> { });

            ImageInfo built = gateway.image(image.tag()).orElseThrow();
            assertEquals(AgentImage.digest(AgentImage.agentFiles()), built.labels().get(AgentImage.DIGEST_LABEL));
            assertTrue(built.sizeBytes() <= 60L << 20, "image is " + (built.sizeBytes() >> 20) + " MiB, over 60 MiB");

            List<String> progress = new ArrayList<>();
            image.ensure(progress::add);
            assertEquals(List.of(), progress, "an image with the current digest is not built again");
            assertEquals(built.id(), gateway.image(image.tag()).orElseThrow().id());
        }
    }
}
