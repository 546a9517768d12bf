package dev.limitlab.agent;

import java.io.PrintStream;
import java.time.Clock;
import java.util.function.IntConsumer;

/**
 * Everything the agent touches outside itself, injected so tests can capture output, fix the wall clock
 * and observe the exit code without the JVM going away.
 *
 * @param out  where the JSON lines go (stdout in production)
 * @param err  where the one-line usage error goes
 * @param wallClock source of the {@code "t"} epoch-millisecond stamps (elapsed times use System.nanoTime)
 * @param exit receives the process exit code once the agent is done
 */
public record AgentEnv(PrintStream out, PrintStream err, Clock wallClock, IntConsumer exit) {

    /** The real process: stdout/stderr, the system clock, and System.exit. */
    public static AgentEnv system() {
        return new AgentEnv(System.out, System.err, Clock.systemUTC(), System::exit);
    }
}
