package dev.limitlab.agent.jmh;

import dev.limitlab.agent.UsageException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JmhArgsTest {

    private static final List<String> REQUIRED = List.of("--include", "CpuKernel", "--warmup-iterations", "1",
            "--iterations", "2", "--iteration-ms", "200", "--threads", "2");

    @Test
    void parsesEveryOptionAndForksOnceByDefault() {
        assertEquals(new JmhArgs("CpuKernel", 1, 2, 200, 2, 1, Optional.empty()), JmhArgs.parse(REQUIRED));
        assertEquals(new JmhArgs("CpuKernel", 1, 2, 200, 2, 0, Optional.of(Path.of("/bench/b.jar"))),
                JmhArgs.parse(with("--forks", "0", "--jar", "/bench/b.jar")));
    }

    @Test
    void rejectsMissingUnknownRepeatedAndOutOfRangeOptions() {
        assertUsage("--include is required", REQUIRED.subList(2, REQUIRED.size()));
        assertUsage("unexpected argument '--duration-ms'", with("--duration-ms", "5"));
        assertUsage("unexpected argument 'x'", with("x"));
        assertUsage("--threads given twice", with("--threads", "3"));
        assertUsage("--jar needs a value", with("--jar"));
        assertUsage("--iterations must be a whole number, not 'two'", replace("--iterations", "two"));
        assertUsage("--iterations must be between 1 and 10000, not 0", replace("--iterations", "0"));
        assertUsage("--forks must be between 0 and 1, not 2", with("--forks", "2"));
        assertUsage("--include '(' is not a regular expression", replace("--include", "("));
    }

    private static void assertUsage(String expected, List<String> args) {
        var e = assertThrows(UsageException.class, () -> JmhArgs.parse(args));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }

    private static List<String> with(String... more) {
        List<String> args = new ArrayList<>(REQUIRED);
        args.addAll(List.of(more));
        return args;
    }

    private static List<String> replace(String option, String value) {
        List<String> args = new ArrayList<>(REQUIRED);
        args.set(args.indexOf(option) + 1, value);
        return args;
    }
}
