package dev.limitlab.agent;

import java.util.List;

/** For tests outside the agent's package: parses an agent command line as the agent does, and names its workload. */
public final class AgentArgsProbe {
    private AgentArgsProbe() {
    }

    public static String parse(List<String> args) {
        return AgentArgs.parse(args.toArray(String[]::new)).name();
    }
}
