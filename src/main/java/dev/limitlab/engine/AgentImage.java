package dev.limitlab.engine;

import dev.limitlab.docker.DockerGateway;

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
 * the shared libraries that runtime links against, and the agent's classes. Built locally, since there
 * may be no registry; rebuilt when the agent's digest (label {@value #DIGEST_LABEL}) changes.
 */
public final class AgentImage {
    public static final String NAME = "limitlab-agent";
    public static final String DIGEST_LABEL = "limitlab.agent.digest";
    static final String JAVA = "/opt/java/bin/java";
    static final String AGENT_JAR = "/opt/limitlab/agent.jar";
    static final String AGENT_MAIN = "dev.limitlab.agent.Agent";
    private static final String AGENT_PACKAGE_PATH = "dev/limitlab/agent/";
    private static final String MODULES = "java.base,java.management,jdk.management";
    private static final Pattern LDD_LIBRARY = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x");
    private static final String DOCKERFILE = """
            FROM scratch
            COPY rootfs/ /
            ENTRYPOINT ["%s"]
            """.formatted(JAVA);

    private final DockerGateway gateway;
    private final String tag;

    public AgentImage(DockerGateway gateway, String version) {
        this.gateway = gateway;
        this.tag = NAME + ":" + version;
    }

    public String tag() {
        return tag;
    }

    /** Builds the image unless one with the current agent digest is already on the engine. */
    public String ensure(Consumer<String> progress) {
        Map<String, byte[]> classes = agentClasses();
        String digest = digest(classes);
        boolean current = gateway.image(tag).map(image -> digest.equals(image.labels().get(DIGEST_LABEL))).orElse(false);
        if (!current) {
            progress.accept("building image " + tag + " (agent digest " + digest.substring(0, 12) + ")");
            build(classes, digest);
        }
        return tag;
    }

    /** Builds the image now, whatever is on the engine. */
    public void build(Consumer<String> progress) {
        Map<String, byte[]> classes = agentClasses();
        String digest = digest(classes);
        progress.accept("building image " + tag + " (agent digest " + digest.substring(0, 12) + ")");
        build(classes, digest);
    }

    private void build(Map<String, byte[]> classes, String digest) {
        Path context = null;
        try {
            context = Files.createTempDirectory("limitlab-image");
            Path rootfs = context.resolve("rootfs");
            Path runtime = rootfs.resolve("opt/java");
            Files.createDirectories(runtime.getParent());
            jlink(runtime);
            copySharedLibraries(runtime, rootfs);
            writeAgentJar(classes, rootfs.resolve(AGENT_JAR.substring(1)));
            Files.writeString(context.resolve("Dockerfile"), DOCKERFILE);
            gateway.buildImage(context, tag, Map.of(DIGEST_LABEL, digest, "limitlab.image", "agent"));
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

    private static void writeAgentJar(Map<String, byte[]> classes, Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
    }

    /** The agent's class files, by path, from the jar or class directory limitlab itself runs from. */
    static Map<String, byte[]> agentClasses() {
        Map<String, byte[]> classes = new TreeMap<>();
        try {
            Path source = Path.of(AgentImage.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(source)) {
                Path root = source.resolve(AGENT_PACKAGE_PATH);
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        classes.put(source.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
                    }
                }
            } else {
                try (JarFile jar = new JarFile(source.toFile())) {
                    for (JarEntry entry : jar.stream().filter(e -> e.getName().startsWith(AGENT_PACKAGE_PATH) && !e.isDirectory()).toList()) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            classes.put(entry.getName(), in.readAllBytes());
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot read the agent's classes: " + e.getMessage(), e);
        }
        if (classes.isEmpty()) {
            throw new IllegalStateException("the agent's classes are missing from limitlab's own jar");
        }
        return classes;
    }

    // What makes two builds interchangeable: the agent's bytes, the runtime's version, the image layout.
    static String digest(Map<String, byte[]> classes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
                sha.update(entry.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update(entry.getValue());
            }
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
