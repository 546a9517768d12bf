package dev.limitlab.agent.jmh;

import dev.limitlab.agent.Agent;
import dev.limitlab.agent.AgentEnv;
import dev.limitlab.agent.Reporter;
import dev.limitlab.agent.UsageException;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.annotations.Mode;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

/**
 * The jmh workload: runs JMH benchmarks (the built-in {@link CpuKernel}, or those of a user's jar) through JMH's
 * Java API and prints the agent's JSON lines: one {@code sample} per finished iteration, warm-up included, then one
 * {@code score} per benchmark. Every score is throughput in ops/s, so runs under different limits compare directly.
 *
 * <pre>
 * JmhWorkload --include REGEX --warmup-iterations N --iterations N --iteration-ms MS --threads N [--forks 0|1] [--jar PATH]
 * </pre>
 *
 * <p>{@code --forks 1} (the default) runs each benchmark in a fresh JVM started from this one's {@code java.home},
 * class path and JVM options, as JMH intends (compiler blackholes and hints are only applied at a JVM's launch);
 * JMH keeps that JVM's output in temporary files, so it needs a writable {@code java.io.tmpdir}: in a read-only
 * container running as 65534, a tmpfs on {@code /tmp} (an anonymous volume there would be root's, mode 755).
 * {@code --forks 0} runs in this JVM and needs no file at all.
 */
public final class JmhWorkload {

    public static final String NAME = "jmh";
    /** The workload could not run its benchmarks; an error line says why. */
    public static final int EXIT_FAILED = 3;
    private static final String BENCHMARK_LIST = BenchmarkList.BENCHMARK_LIST.substring(1);

    private JmhWorkload() {
    }

    /** For running the workload on its own: {@code java -cp agent.jar dev.limitlab.agent.jmh.JmhWorkload ...}. */
    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out));
    }

    /** Runs the benchmarks to their end; returns 0, {@value #EXIT_FAILED} after an error line, or 2 on bad usage. */
    public static int run(List<String> args, PrintStream out) {
        return run(args, new AgentEnv(out, System.err, Clock.systemUTC(), code -> { }));
    }

    /** As {@link #run(List, PrintStream)}, with stderr and the wall clock injected (the exit consumer is unused). */
    public static int run(List<String> args, AgentEnv env) {
        return run(args, env, true);
    }

    // The entry into a copy of this class loaded with the user's jar: only JDK types cross the class loaders.
    private static int runWithJarLoaded(List<String> args, PrintStream out, PrintStream err, Clock wallClock) {
        return run(args, new AgentEnv(out, err, wallClock, code -> { }), false);
    }

    private static int run(List<String> args, AgentEnv env, boolean loadJar) {
        JmhArgs spec;
        try {
            spec = JmhArgs.parse(args);
        } catch (UsageException e) {
            env.err().println("agent: " + NAME + ": " + e.getMessage());
            env.err().flush();
            return Agent.EXIT_USAGE;
        }
        var reporter = new Reporter(env, NAME);
        try {
            prepareTempDir(spec);
            if (loadJar && spec.jar().isPresent()) {
                return runWithJar(spec.jar().get(), args, env);
            }
            measure(spec, reporter, env.err());
            return 0;
        } catch (RunnerException | IOException | RuntimeException e) {
            Throwable problem = rootProblem(e);
            reporter.emit(reporter.line("error").put("error", problem.getClass().getSimpleName())
                    .put("message", String.valueOf(problem.getMessage() != null ? problem.getMessage() : problem)));
            return EXIT_FAILED;
        }
    }

    private static void measure(JmhArgs spec, Reporter reporter, PrintStream log) throws RunnerException {
        var builder = new OptionsBuilder();
        if (spec.jar().isPresent()) {
            builder.exclude("^" + Pattern.quote(CpuKernel.class.getName() + ".")); // the jar's benchmarks only
        }
        Options options = builder
                .include(spec.include())
                .mode(Mode.Throughput)
                .timeUnit(TimeUnit.SECONDS)
                .warmupIterations(spec.warmupIterations())
                .warmupTime(TimeValue.milliseconds(spec.iterationMs()))
                .measurementIterations(spec.iterations())
                .measurementTime(TimeValue.milliseconds(spec.iterationMs()))
                .threads(spec.threads())
                .forks(spec.forks())
                .shouldFailOnError(true)
                .build();
        var format = new SampleLinesFormat(OutputFormatFactory.createFormatInstance(log, VerboseMode.NORMAL), reporter);
        // In-process benchmarks share this JVM's System.out: whatever they print goes to the log, not between lines.
        PrintStream stdout = System.out;
        if (spec.forks() == 0) System.setOut(log);
        Collection<RunResult> results;
        try {
            results = new Runner(options, format).run();
        } finally {
            System.setOut(stdout);
        }
        for (RunResult result : results) {
            Result<?> primary = result.getPrimaryResult();
            reporter.emit(reporter.line("score")
                    .put("benchmark", result.getParams().getBenchmark())
                    .put("score", primary.getScore())
                    .put("scoreError", primary.getScoreError())
                    .put("scoreUnit", primary.getScoreUnit()));
        }
    }

    /**
     * JMH takes a host-wide lock file in java.io.tmpdir before it runs, and a forked run keeps the forked JVM's
     * output there. Without a writable tmpdir (a read-only container with nothing mounted on /tmp) only an
     * in-process run can work, and the lock is moot: no other JMH shares the container.
     */
    private static void prepareTempDir(JmhArgs spec) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        if (Files.isDirectory(tmp) && Files.isWritable(tmp)) {
            return;
        }
        if (spec.forks() > 0) {
            throw new IllegalStateException("a forked run needs a writable java.io.tmpdir, and " + tmp
                    + " is not: mount a volume or tmpfs there, or pass --forks 0");
        }
        System.setProperty("jmh.ignoreLock", "true"); // read when JMH's Runner class initialises, i.e. later
    }

    /**
     * JMH reads META-INF/BenchmarkList through the class loader of its own classes, so the user's jar and a copy
     * of JMH (and of this workload) are loaded together by one class loader; a forked JVM gets the jar through
     * java.class.path, which JMH hands to it.
     */
    private static int runWithJar(Path jar, List<String> args, AgentEnv env) throws IOException {
        if (!Files.isRegularFile(jar) || !Files.isReadable(jar)) {
            throw new IOException("--jar " + jar + " is not a readable file");
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            if (file.getEntry(BENCHMARK_LIST) == null) {
                throw new IOException("--jar " + jar + " has no " + BENCHMARK_LIST
                        + ": compile its benchmarks with JMH's annotation processor (jmh-generator-annprocess 1.37)");
            }
        }
        String classPath = System.getProperty("java.class.path");
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isEmpty()) urls.add(url(Path.of(entry)));
        }
        urls.add(url(jar));
        Thread thread = Thread.currentThread();
        ClassLoader contextLoader = thread.getContextClassLoader();
        System.setProperty("java.class.path", classPath + File.pathSeparator + jar.toAbsolutePath());
        try (var loader = new URLClassLoader("jmh-benchmarks", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            thread.setContextClassLoader(loader);
            Method entry = Class.forName(JmhWorkload.class.getName(), true, loader).getDeclaredMethod(
                    "runWithJarLoaded", List.class, PrintStream.class, PrintStream.class, Clock.class);
            entry.setAccessible(true); // a private method of the same class, from its other copy
            return (int) entry.invoke(null, args, env.out(), env.err(), env.wallClock());
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load the jmh workload beside " + jar + ": " + e, e);
        } finally {
            thread.setContextClassLoader(contextLoader);
            System.setProperty("java.class.path", classPath);
        }
    }

    private static URL url(Path path) {
        try {
            return path.toAbsolutePath().toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a class path entry: " + path, e);
        }
    }

    /**
     * What actually went wrong: JMH wraps a benchmark's failure (an exception, or a forked JVM's exit code)
     * as suppressed exceptions of a cause-less BenchmarkException inside a RunnerException.
     */
    static Throwable rootProblem(Throwable thrown) {
        Throwable problem = thrown;
        while (true) {
            if (problem.getCause() != null && problem.getCause() != problem) {
                problem = problem.getCause();
            } else if (problem.getSuppressed().length > 0) {
                problem = problem.getSuppressed()[0];
            } else {
                return problem;
            }
        }
    }
}
