package dev.limitlab.harden;

import dev.limitlab.scenario.Hardening;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DockerRunLineTest {
    @Test
    void quotesOnlyWhatAShellWouldSplitOrExpand() {
        DockerRunLine line = new DockerRunLine(List.of("docker", "run", "img", "sh", "-c", "a && b", "", "it's", "$HOME",
                "--user=1000:1000", "/etc/x"), 1, true);
        assertEquals("docker run img sh -c 'a && b' '' 'it'\\''s' '$HOME' --user=1000:1000 /etc/x", line.toShell());
    }

    @Test
    void theLineCarriesTheSettingsAHardenRunIsMadeWithItsPidsLimitToo() {
        Hardening hardening = Hardening.DEFAULT.withCapAdd(List.of("cap_chown"));

        List<String> line = DockerRunLine.dockerRun(hardening, HardenRequest.of("img", List.of("echo", "hi")));

        assertEquals(List.of("docker", "run", "--rm", "--pids-limit", "1024", "--cap-drop", "ALL", "--cap-add", "CHOWN",
                "--security-opt", "no-new-privileges", "--read-only", "--user", "65534:65534", "--network", "none",
                "img", "echo", "hi"), line);
    }
}
