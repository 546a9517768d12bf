package dev.limitlab.engine;

import dev.limitlab.docker.Images;
import joptsimple.OptionParser;
import org.HdrHistogram.Histogram;
import org.apache.commons.math3.util.FastMath;
import org.openjdk.jmh.runner.Runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * The image workload containers run: {@code FROM scratch} with a jlink runtime of the JDK running limitlab,
 * the shared libraries that runtime links against, and the agent jar: the agent's classes, the jmh workload's
 * generated benchmark list, and JMH's runtime. Built locally, since there may be no registry; rebuilt when the
 * agent's digest (label {@value #DIGEST_LABEL}) changes.
 */
public final class AgentImage {
    public static final String NAME = "limitlab-agent";
    public static final String DIGEST_LABEL = "limitlab.agent.digest";
    static final String JAVA = "/opt/java/bin/java";
    static final String AGENT_JAR = "/opt/limitlab/agent.jar";
    static final String AGENT_MAIN = "dev.limitlab.agent.Agent";
    /**
     * What the agent jar holds, by entry-name prefix: the agent, the built-in benchmark's list and compiler hints
     * (written by JMH's annotation processor), JMH with its two dependencies, and HdrHistogram (the load driver).
     */
    private static final List<String> AGENT_CONTENT = List.of(
            "dev/limitlab/agent/", "META-INF/BenchmarkList", "META-INF/CompilerHints",
            "org/openjdk/jmh/", "jmh.properties", "joptsimple/", "org/apache/commons/math3/", "org/HdrHistogram/");
    /**
     * A class from each jar or class directory the agent content comes from: limitlab's own (all of it, when
     * limitlab runs from its shaded jar), and JMH's, jopt-simple's, commons-math3's and HdrHistogram's when it runs
     * from classes.
     */
    private static final List<Class<?>> AGENT_SOURCES = List.of(
            AgentImage.class, Runner.class, OptionParser.class, FastMath.class, Histogram.class);
    // JMH needs java.logging (its output drainer) and jdk.unsupported (sun.misc.Unsafe); the serve workload
    // jdk.httpserver. The load driver speaks HTTP over java.base's sockets: no java.net.http.
    private static final String MODULES =
            "java.base,java.logging,java.management,jdk.management,jdk.unsupported,jdk.httpserver";
    // Fixed entry times: the jar's bytes are a function of the digested content only.
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);
    private static final Pattern LDD_LIBRARY = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x");
    private static final String DOCKERFILE = """
            FROM scratch
            COPY rootfs/ /
            COPY --chown=65534:65534 state/ %s/
            ENTRYPOINT ["%s"]
            """.formatted(WorkloadContainer.AGENT_STATE, JAVA);

    private final Images images;
    private final String tag;

    public AgentImage(Images images, String version) {
        this.images = images;
        this.tag = NAME + ":" + version;
    }

    public String tag() {
        return tag;
    }

    /** Builds the image unless one with the current agent digest is already on the engine. */
    public String ensure(Consumer<String> progress) {
        Map<String, byte[]> files = agentFiles();
        String digest = digest(files);
        boolean current = images.image(tag).map(image -> digest.equals(image.labels().get(DIGEST_LABEL))).orElse(false);
        if (!current) {
            progress.accept("building image " + tag + " (agent digest " + digest.substring(0, 12) + ")");
            build(files, digest);
        }
        return tag;
    }

    /** Builds the image now, whatever is on the engine. */
    public void build(Consumer<String> progress) {
        Map<String, byte[]> files = agentFiles();
        String digest = digest(files);
        progress.accept("building image " + tag + " (agent digest " + digest.substring(0, 12) + ")");
        build(files, digest);
    }

    private void build(Map<String, byte[]> files, String digest) {
        Path context = null;
        try {
            context = Files.createTempDirectory("limitlab-image");
            Path rootfs = context.resolve("rootfs");
            Path runtime = rootfs.resolve("opt/java");
            Files.createDirectories(runtime.getParent());
            jlink(runtime);
            copySharedLibraries(runtime, rootfs);
            writeAgentJar(files, rootfs.resolve(AGENT_JAR.substring(1)));
            // The agent's state directory, owned by the non-root user, so that an anonymous volume mounted
            // there starts as a copy of it that the workload can write.
            Files.writeString(Files.createDirectories(context.resolve("state")).resolve(".keep"), "");
            Files.writeString(context.resolve("Dockerfile"), DOCKERFILE);
            images.buildImage(context, tag, Map.of(DIGEST_LABEL, digest, "limitlab.image", "agent"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the agent image: " + e.getMessage(), e);
        } finally {
            deleteRecursively(context);
        }
    }

    private static void jlink(Path output) {
        ToolProvider jlink = ToolProvider.findFirst("jlink").orElseThrow(() ->
                new IllegalStateException("jlink is missing: limitlab must run on a JDK (17+), not a JRE"));
        var log = new java.io.StringWriter();
        int status = jlink.run(new java.io.PrintWriter(log), new java.io.PrintWriter(log),
                "--add-modules", MODULES, "--strip-debug", "--no-header-files", "--no-man-pages",
                "--compress=2", "--output", output.toString());
        if (status != 0) {
            throw new IllegalStateException("jlink failed: " + log.toString().strip());
        }
    }

    // A FROM-scratch image has no libc: copy what ldd says the runtime's binaries and libraries need,
    // at the same absolute paths the dynamic loader will look in.
    private static void copySharedLibraries(Path runtime, Path rootfs) throws IOException {
        Set<Path> needed = new LinkedHashSet<>();
        List<Path> binaries = new ArrayList<>();
        binaries.add(runtime.resolve("bin/java"));
        try (Stream<Path> files = Files.walk(runtime.resolve("lib"))) {
            files.filter(f -> f.getFileName().toString().endsWith(".so")).forEach(binaries::add);
        }
        for (Path binary : binaries) {
            for (String line : ldd(binary)) {
                Matcher m = LDD_LIBRARY.matcher(line);
                if (m.find()) {
                    Path library = Path.of(m.group(1));
                    if (!library.startsWith(runtime)) {
                        needed.add(library);
                    }
                }
            }
        }
        for (Path library : needed) {
            Path target = rootfs.resolve(library.toString().substring(1));
            Files.createDirectories(target.getParent());
            Files.copy(library, target); // follows symlinks: the image gets the real file under the linked name
        }
    }

    private static List<String> ldd(Path binary) throws IOException {
        Process process = new ProcessBuilder("ldd", binary.toString()).redirectErrorStream(true).start();
        try (InputStream out = process.getInputStream()) {
            String text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return text.lines().toList();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running ldd", interrupted);
        }
    }

    private static void writeAgentJar(Map<String, byte[]> files, Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Map.Entry<String, byte[]> entry : files.entrySet()) {
                JarEntry jarEntry = new JarEntry(entry.getKey());
                jarEntry.setTimeLocal(ENTRY_TIME);
                out.putNextEntry(jarEntry);
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
    }

    /** The agent jar's files, by entry name, from the jars or class directories limitlab itself runs from. */
    static Map<String, byte[]> agentFiles() {
        Map<String, byte[]> files = new TreeMap<>();
        Set<Path> sources = new LinkedHashSet<>();
        try {
            for (Class<?> anchor : AGENT_SOURCES) {
                sources.add(Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI()));
            }
            for (Path source : sources) {
                if (Files.isDirectory(source)) {
                    try (Stream<Path> walk = Files.walk(source)) {
                        for (Path f : walk.filter(Files::isRegularFile).toList()) {
                            String name = source.relativize(f).toString().replace('\\', '/');
                            if (isAgentContent(name)) files.put(name, Files.readAllBytes(f));
                        }
                    }
                } else {
                    try (JarFile jar = new JarFile(source.toFile())) {
                        for (JarEntry entry : jar.stream().filter(e -> !e.isDirectory() && isAgentContent(e.getName())).toList()) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                files.put(entry.getName(), in.readAllBytes());
                            }
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot read the agent's files: " + e.getMessage(), e);
        }
        for (String required : List.of(AGENT_MAIN.replace('.', '/') + ".class", "META-INF/BenchmarkList",
                "org/openjdk/jmh/runner/Runner.class")) {
            if (!files.containsKey(required)) {
                throw new IllegalStateException(required + " is missing from " + sources
                        + ": the agent jar would not run (was limitlab compiled with JMH's annotation processor?)");
            }
        }
        return files;
    }

    private static boolean isAgentContent(String name) {
        return AGENT_CONTENT.stream().anyMatch(name::startsWith);
    }

    // What makes two builds interchangeable: the agent jar's content, the runtime's version, the image layout.
    static String digest(Map<String, byte[]> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> entry : files.entrySet()) {
                sha.update(entry.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update(entry.getValue());
            }
            sha.update(ENTRY_TIME.toString().getBytes(StandardCharsets.UTF_8));
            sha.update(Runtime.version().toString().getBytes(StandardCharsets.UTF_8));
            sha.update(MODULES.getBytes(StandardCharsets.UTF_8));
            sha.update(DOCKERFILE.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static void deleteRecursively(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is harmless
        }
    }
}
