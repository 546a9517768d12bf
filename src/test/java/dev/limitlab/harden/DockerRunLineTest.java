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
    void flagsSpellEverySettingAsTheDockerCliDoes() {
        Hardening hardening = Hardening.DEFAULT.withCapAdd(List.of("cap_chown", "NET_BIND_SERVICE"))
                .withSecurityOpts(List.of("seccomp=unconfined"));
        assertEquals(List.of("--cap-drop", "ALL", "--cap-add", "CHOWN", "--cap-add", "NET_BIND_SERVICE",
                "--security-opt", "no-new-privileges", "--security-opt", "seccomp=unconfined", "--read-only",
                "--user", "65534:65534", "--network", "none"), DockerRunLine.flags(hardening));
    }
}
