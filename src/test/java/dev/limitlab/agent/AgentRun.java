package dev.limitlab.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * Runs the agent in-process with captured stdout/stderr and a recording exit function. Lines are parsed with a
 * real JSON parser (test scope only) so malformed output fails the tests.
 */
record AgentRun(List<JsonNode> lines, String stderr, List<Integer> exitCodes) {

    static final Clock FIXED_CLOCK = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    static AgentRun of(String... args) {
        return of(Clock.systemUTC(), args);
    }

    static AgentRun of(Clock clock, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        List<Integer> exitCodes = new ArrayList<>();
        Agent.run(args, new AgentEnv(utf8(out), utf8(err), clock, exitCodes::add));
        return new AgentRun(parseLines(out.toString(StandardCharsets.UTF_8)), err.toString(StandardCharsets.UTF_8), exitCodes);
    }

    /** Runs a workload object directly (for injected chunk stores / RSS readers), capturing its lines. */
    static AgentRun ofWorkload(String workload, ToIntFunction<Reporter> workloadRun) {
        var out = new ByteArrayOutputStream();
        List<Integer> exitCodes = new ArrayList<>();
        var env = new AgentEnv(utf8(out), utf8(new ByteArrayOutputStream()), Clock.systemUTC(), exitCodes::add);
        exitCodes.add(workloadRun.applyAsInt(new Reporter(env, workload)));
        return new AgentRun(parseLines(out.toString(StandardCharsets.UTF_8)), "", exitCodes);
    }

    static List<JsonNode> parseLines(String stdout) {
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (line.isBlank()) continue;
            try {
                parsed.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException("not a JSON line: " + line, e);
            }
        }
        return parsed;
    }

    List<JsonNode> ofType(String type) {
        return lines.stream().filter(l -> l.path("type").asText().equals(type)).collect(Collectors.toList());
    }

    JsonNode only(String type) {
        List<JsonNode> found = ofType(type);
        if (found.size() != 1) throw new AssertionError("expected one '" + type + "' line, got " + found + " in " + lines);
        return found.get(0);
    }

    JsonNode last() {
        return lines.get(lines.size() - 1);
    }

    private static PrintStream utf8(ByteArrayOutputStream sink) {
        return new PrintStream(sink, true, StandardCharsets.UTF_8);
    }
}
