package dev.limitlab.harden;

import dev.limitlab.docker.LogLine;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.limitlab.docker.LogLine.stderr;
import static dev.limitlab.docker.LogLine.stdout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckScriptTest {
    @Test
    void withoutACheckTheCommandIsTheContainersCommand() {
        assertEquals(List.of("adduser", "--gecos", "", "x"), CheckScript.containerCommand(List.of("adduser", "--gecos", "", "x"), Optional.empty()));
    }

    @Test
    void aCheckWrapsTheCommandWhoseArgumentsPassUnquotedAsPositionalParameters() throws Exception {
        List<String> wrapped = CheckScript.containerCommand(List.of("printf", "%s|", "a b", "", "it's"), Optional.of("echo checked"));

        assertEquals(List.of("/bin/sh", "-c"), wrapped.subList(0, 2));
        Process shell = new ProcessBuilder(new ArrayList<>(wrapped)).start();
        String out = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(shell.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, shell.waitFor());
        assertEquals("a b||it's|" + CheckScript.MARKER + "\nchecked\n", out);
        assertEquals(CheckScript.MARKER + "\n", err);
    }

    @Test
    void aFailedCommandEndsTheScriptWithItsOwnExitCodeAndNoMarker() throws Exception {
        List<String> wrapped = CheckScript.containerCommand(List.of("sh", "-c", "echo failing >&2; exit 7"), Optional.of("echo never"));
        Process shell = new ProcessBuilder(wrapped).redirectErrorStream(true).start();
        String out = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(7, shell.waitFor());
        assertEquals("failing\n", out);
    }

    @Test
    void theMarkerOnEachStreamSplitsThatStreamsLines() {
        // the engine may log a late stderr line of the command after the stdout marker: each stream has its own
        List<LogLine> output = List.of(stdout("cmd out"), stdout(CheckScript.MARKER), stderr("cmd err"),
                stderr(CheckScript.MARKER), stdout("check out"), stderr("check err"));

        CheckScript.Split split = CheckScript.split(output);

        assertTrue(split.checkRan());
        assertEquals(List.of(stdout("cmd out"), stderr("cmd err")), split.command());
        assertEquals(List.of(stdout("check out"), stderr("check err")), split.check());
    }

    @Test
    void withoutAMarkerEverythingIsTheCommands() {
        CheckScript.Split split = CheckScript.split(List.of(stdout("a"), stderr("b")));
        assertFalse(split.checkRan());
        assertEquals(2, split.command().size());
        assertEquals(List.of(), split.check());
    }
}
