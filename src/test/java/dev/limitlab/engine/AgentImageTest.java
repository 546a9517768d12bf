package dev.limitlab.engine;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentImageTest {

    @Test
    void agentJarHoldsTheAgentTheBuiltInBenchmarkListAndJmhsRuntime() {
        Map<String, byte[]> files = AgentImage.agentFiles();

        for (String expected : new String[] {
                "dev/limitlab/agent/Agent.class",
                "dev/limitlab/agent/jmh/JmhWorkload.class",
                "dev/limitlab/agent/jmh/jmh_generated/CpuKernel_hashLoop_jmhTest.class",
                "META-INF/BenchmarkList", "META-INF/CompilerHints", "jmh.properties",
                "org/openjdk/jmh/runner/Runner.class", "joptsimple/OptionParser.class",
                "org/apache/commons/math3/util/FastMath.class"}) {
            assertTrue(files.containsKey(expected), expected + " is missing");
        }
        assertTrue(new String(files.get("META-INF/BenchmarkList"), StandardCharsets.UTF_8)
                .contains("dev.limitlab.agent.jmh.CpuKernel"));
        assertTrue(files.keySet().stream().noneMatch(name -> name.startsWith("dev/limitlab/engine/")
                || name.startsWith("com/") || name.equals("META-INF/MANIFEST.MF")), "only the agent's own files");
    }

    @Test
    void digestFollowsEveryByteOfTheJarsContent() {
        Map<String, byte[]> files = new TreeMap<>(AgentImage.agentFiles());
        String digest = AgentImage.digest(files);
        assertEquals(digest, AgentImage.digest(new TreeMap<>(files)));

        byte[] list = files.get("META-INF/BenchmarkList").clone();
        list[list.length - 1] ^= 1;
        files.put("META-INF/BenchmarkList", list);
        assertNotEquals(digest, AgentImage.digest(files));
    }
}
