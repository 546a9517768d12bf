package dev.limitlab.engine;

import dev.limitlab.agent.AgentArgsProbe;
import dev.limitlab.scenario.Scenario;
import dev.limitlab.scenario.ScenarioLoader;
import dev.limitlab.scenario.Workload;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The commands limitlab gives the agent are ones the agent takes: each is parsed back by the agent's own parser. */
class AgentCommandTest {
    private static Workload.Service service(String workload) throws Exception {
        Scenario scenario = ScenarioLoader.load("s.yaml", new StringReader("name: s\nexperiments:\n  - name: web\n    workload: "
                + workload + "\n"), 2);
        return (Workload.Service) scenario.experiments().get(0).workload();
    }

    /** The agent's arguments: what follows its main class. */
    private static List<String> agentArguments(List<String> command) {
        return command.subList(command.indexOf(AgentImage.AGENT_MAIN) + 1, command.size());
    }

    @Test
    void aRereadOfItsOwnIsWrittenOnTheStateVolumeAndAnImageFileIsReadWhereItIs() {
        Workload.Memory own = new Workload.Memory(100L << 20, 100L << 20, Duration.ofSeconds(7), "native", false,
                Workload.Reread.written(64L << 20));
        WorkloadContainer container = WorkloadContainer.of(own, "limitlab-agent:test");
        List<String> args = agentArguments(container.command());
        assertEquals(List.of(WorkloadContainer.AGENT_STATE), container.mounts().volumes(), "disk-backed, writable under a read-only root");
        assertEquals(List.of("--reread", WorkloadContainer.OWN_REREAD_FILE, "--reread-write-bytes", Long.toString(64L << 20)),
                args.subList(args.indexOf("--reread"), args.indexOf("--reread") + 4));
        assertEquals("memory", AgentArgsProbe.parse(args), "the agent takes it");

        Workload.Memory image = new Workload.Memory(100L << 20, 100L << 20, Duration.ofSeconds(7), "native", false,
                Workload.Reread.ofImageFile("/opt/java/lib/modules"));
        WorkloadContainer reading = WorkloadContainer.of(image, "limitlab-agent:test");
        assertEquals(List.of(), reading.mounts().volumes());
        assertFalse(reading.command().contains("--reread-write-bytes"));
    }

    @Test
    void theDriverWaitsForTheServiceThenSendsEachRequestForTheTrialsDuration() throws Exception {
        Workload.Service web = service("{kind: service, image: app, port: 9000, ready: {http: /up, timeout: 20s}, load: {rate: 300/s,"
                + " connections: 8, warmup: 2s, timeout: 1s, requests: [{path: /a}, {method: POST, path: /b, body: x,"
                + " headers: {Content-Type: text/plain}}]}}");
        List<String> args = agentArguments(AgentCommand.forLoad(web, Duration.ofSeconds(10)));
        assertEquals(List.of("load", "--port", "9000", "--rate", "300", "--connections", "8", "--warmup-ms", "2000",
                "--duration-ms", "8000", "--timeout-ms", "1000", "--report-ms", "1000", "--ready-http", "/up",
                "--ready-timeout-ms", "20000", "--request", "GET", "/a", "--request", "POST", "/b", "--body", "x",
                "--header", "Content-Type:text/plain"), args);
        assertEquals("load", AgentArgsProbe.parse(args));
    }

    @Test
    void aLogReadinessIsWatchedByLimitlabNotByTheDriver() throws Exception {
        Workload.Service web = service("{kind: service, image: app, port: 80, ready: {log: Started}, load: {connections: 4,"
                + " requests: [{path: /}]}}");
        List<String> args = agentArguments(AgentCommand.forLoad(web, Duration.ofSeconds(5)));
        for (String readinessOption : List.of("--ready-http", "--ready-tcp", "--ready-timeout-ms")) {
            assertFalse(args.contains(readinessOption), readinessOption + " in " + args);
        }
        assertEquals("load", AgentArgsProbe.parse(args));
    }

    @Test
    void theBuiltInServiceSpendsItsWorkInMicroseconds() throws Exception {
        Workload.Service web = service("{kind: service, work: 2ms, hold: 1k, threads: 4, load: {rate: 10, requests: [{path: /}]}}");
        List<String> args = agentArguments(AgentCommand.forService(web));
        assertEquals(List.of("serve", "--port", "8080", "--threads", "4", "--work-us", "2000", "--hold-bytes", "1024",
                "--report-ms", "1000"), args);
        assertEquals("serve", AgentArgsProbe.parse(args));
    }
}
