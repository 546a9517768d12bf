package dev.limitlab.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** What runs inside a workload container. */
public sealed interface Workload permits Workload.Cpu, Workload.Memory, Workload.Crash, Workload.Pids, Workload.Command,
        Workload.Phases, Workload.Jmh, Workload.Service, Workload.ForkBomb {
    /** The {@code kind} as the scenario spells it, e.g. {@code cpu}. */
    String kind();

    /** {@code threads} busy threads, each busy {@code loadPercent} % of every {@code slice} (a duty cycle). */
    record Cpu(int threads, int loadPercent, Duration slice) implements Workload {
        public Cpu {
            if (threads < 1) throw new IllegalArgumentException("threads must be >= 1");
            if (loadPercent < 1 || loadPercent > 100) throw new IllegalArgumentException("load must be 1..100");
        }
        public String kind() { return "cpu"; }
    }

    /**
     * Grow the container's resident memory (the agent's own baseline counted) to {@code target} bytes at
     * {@code rateBytesPerSecond}, then hold it for {@code hold}; with {@code leak}, grow until killed.
     */
    /** @param reread what the agent reads page by page, over and over, once it holds its memory; null: nothing */
    record Memory(long target, long rateBytesPerSecond, Duration hold, String mode, boolean leak, Reread reread) implements Workload {
        public Memory {
            if (!mode.equals("native") && !mode.equals("heap")) throw new IllegalArgumentException("mode must be native or heap");
        }
        /** Holding its memory and nothing else. */
        public Memory(long target, long rateBytesPerSecond, Duration hold, String mode, boolean leak) {
            this(target, rateBytesPerSecond, hold, mode, leak, null);
        }
        public String kind() { return "memory"; }
    }

    /**
     * The file-backed pages a memory workload keeps in play: a file of the image ({@code imageFile}), or a file of
     * {@code writtenBytes} the workload writes first on a volume of its own (0: none). Only the second is sure to
     * press the container's limit: the kernel charges a page to the cgroup that first read it in, and an image's
     * files are often in the host's page cache already, charged elsewhere.
     */
    record Reread(String imageFile, long writtenBytes) {
        public Reread {
            if ((imageFile == null) == (writtenBytes <= 0)) {
                throw new IllegalArgumentException("a reread is an image file or a size to write, exactly one");
            }
        }
        public static Reread ofImageFile(String path) { return new Reread(path, 0); }
        public static Reread written(long bytes) { return new Reread(null, bytes); }
    }

    /**
     * Run for {@code runFor}, then exit with {@code exitCode}; at most one of the two variations is set (null otherwise).
     *
     * @param succeedAfter    the runs after this many failed ones exit 0 (counted across the container's restarts)
     * @param exitProbability each run exits with {@code exitCode} with this probability, otherwise 0
     */
    record Crash(Duration runFor, int exitCode, Integer succeedAfter, Double exitProbability) implements Workload {
        public Crash {
            Objects.requireNonNull(runFor, "runFor");
            if (succeedAfter != null && exitProbability != null) {
                throw new IllegalArgumentException("succeed-after and exit-probability exclude each other");
            }
            if (succeedAfter != null && succeedAfter < 1) throw new IllegalArgumentException("succeed-after must be >= 1");
            if (exitProbability != null && !(exitProbability >= 0 && exitProbability <= 1)) {
                throw new IllegalArgumentException("exit-probability must be in [0, 1]");
            }
        }
        public String kind() { return "crash"; }
    }

    /** Start up to {@code threads} threads one by one and keep them for {@code hold}; {@link Duration#ZERO} holds until the trial ends. */
    record Pids(int threads, Duration hold) implements Workload {
        public Pids {
            if (threads < 1) throw new IllegalArgumentException("threads must be >= 1");
            Objects.requireNonNull(hold, "hold");
        }
        public String kind() { return "pids"; }
    }

    /** An aggressor only: spinning threads started as fast as the kernel accepts them, each refusal counted and retried. */
    record ForkBomb() implements Workload {
        public String kind() { return "fork-bomb"; }
    }

    /** Any local image running its own {@code command} (no agent, so only what the engine sees is measured). */
    record Command(String image, List<String> command) implements Workload {
        public Command {
            if (image == null || image.isBlank()) throw new IllegalArgumentException("image must be set");
            command = List.copyOf(command);
            if (command.isEmpty()) throw new IllegalArgumentException("command must not be empty");
        }
        public String kind() { return "command"; }
    }

    /** {@code phases} run one after another in one container; each phase's workload is a cpu, memory or pids workload. */
    record Phases(List<Phase> phases) implements Workload {
        public Phases {
            phases = List.copyOf(phases);
            if (phases.isEmpty()) throw new IllegalArgumentException("phases must not be empty");
        }
        public String kind() { return "phases"; }

        /** The sum of the phases' durations. */
        public Duration total() {
            return phases.stream().map(Phase::duration).reduce(Duration.ZERO, Duration::plus);
        }
    }

    /**
     * One step of {@link Phases}: {@code workload} runs for {@code duration}, then stops and frees what it held. A phase's
     * workload has no hold of its own (the loader refuses one; its record keeps the kind's default, to be ignored).
     */
    record Phase(Duration duration, Workload workload) {
        public Phase {
            if (duration == null || duration.isZero() || duration.isNegative()) throw new IllegalArgumentException("duration must be > 0");
            if (!(workload instanceof Cpu || workload instanceof Memory || workload instanceof Pids)) {
                throw new IllegalArgumentException("a phase runs a cpu, memory or pids workload, not " + workload);
            }
        }
    }

    /**
     * JMH benchmarks: those of the jar at {@code jar} (an absolute path) whose name matches {@code include}, or the
     * built-in CPU kernel when {@code jar} is null.
     */
    record Jmh(String jar, String include, int warmupIterations, int iterations, Duration iterationTime, int threads)
            implements Workload {
        public Jmh {
            Objects.requireNonNull(include, "include");
            if (warmupIterations < 0) throw new IllegalArgumentException("warmup-iterations must be >= 0");
            if (iterations < 1) throw new IllegalArgumentException("iterations must be >= 1");
            if (iterationTime == null || iterationTime.isZero() || iterationTime.isNegative()) {
                throw new IllegalArgumentException("iteration-time must be > 0");
            }
            if (threads < 1) throw new IllegalArgumentException("threads must be >= 1");
        }
        public String kind() { return "jmh"; }

        /** The shortest time all iterations take: (warm-up + measured iterations) x iteration time. */
        public Duration minimumRunTime() {
            return iterationTime.multipliedBy((long) warmupIterations + iterations);
        }
    }

    /**
     * A service under HTTP load: {@code image} (a local image; null runs the agent's built-in service with
     * {@code builtIn}'s work per request) listens on {@code port} inside its container; once {@code ready} says so, a
     * load driver in the same network namespace sends it {@code load}.
     *
     * @param command empty: the image's own command
     * @param tmpfs   writable paths under the read-only root, writable by the workload's user
     */
    record Service(String image, List<String> command, int port, Readiness ready, List<String> tmpfs,
                   java.util.Map<String, String> env, Load load, BuiltInService builtIn) implements Workload {
        public Service {
            if (port < 1 || port > 65535) throw new IllegalArgumentException("port must be 1..65535");
            Objects.requireNonNull(ready, "ready");
            Objects.requireNonNull(load, "load");
            command = List.copyOf(command);
            tmpfs = List.copyOf(tmpfs);
            env = java.util.Map.copyOf(env);
            if ((image == null) == (builtIn == null)) throw new IllegalArgumentException("either an image or the built-in service");
        }
        public String kind() { return "service"; }

        /** The agent's own service ({@code serve}): each request spends {@code work} of CPU time and holds {@code holdBytes}. */
        public boolean isBuiltIn() {
            return image == null;
        }
    }

    /** The agent's built-in service: CPU time per request, bytes held per request, handler threads. */
    record BuiltInService(Duration work, long holdBytes, int threads) {
        public BuiltInService {
            Objects.requireNonNull(work, "work");
            if (holdBytes < 0) throw new IllegalArgumentException("hold must be >= 0");
            if (threads < 1) throw new IllegalArgumentException("threads must be >= 1");
        }
    }

    /**
     * When a service is ready: it answers {@code GET httpPath} below 400, or accepts a TCP connection ({@code tcp}),
     * or has printed a line matching {@code logPattern}; exactly one of the three is set.
     */
    record Readiness(String httpPath, boolean tcp, String logPattern, Duration timeout) {
        public Readiness {
            int forms = (httpPath != null ? 1 : 0) + (tcp ? 1 : 0) + (logPattern != null ? 1 : 0);
            if (forms != 1) throw new IllegalArgumentException("exactly one of http, tcp or log");
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    /**
     * The load a driver sends: {@code ratePerSec} requests started per second (open model; on {@code connections}
     * connections, or the driver's default), or with no rate {@code connections} requests always in flight (closed).
     */
    record Load(Long ratePerSec, Integer connections, List<Request> requests, Duration warmup, Duration timeout) {
        public Load {
            if (ratePerSec == null && connections == null) throw new IllegalArgumentException("a rate or connections");
            if (ratePerSec != null && ratePerSec < 1) throw new IllegalArgumentException("rate must be >= 1/s");
            requests = List.copyOf(requests);
            if (requests.isEmpty()) throw new IllegalArgumentException("at least one request");
            Objects.requireNonNull(warmup, "warmup");
            Objects.requireNonNull(timeout, "timeout");
        }

        public boolean open() {
            return ratePerSec != null;
        }
    }

    /** One request of a load, sent in turn with the others. */
    record Request(String method, String path, String body, java.util.Map<String, String> headers) {
        public Request {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            body = body == null ? "" : body;
            headers = java.util.Map.copyOf(headers);
        }
    }
}
