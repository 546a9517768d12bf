package dev.limitlab.docker;

import org.awaitility.Awaitility;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A dockerd of a test's own, beside the shared engine: its own socket, data root, exec root, pid file and cgroup
 * parent, no bridge and no iptables rules. A test may stop, kill, restart or re-mode it (swarm) without touching the
 * shared engine. It answers in about 2 s here; images come from the shared engine by {@code docker save | docker load}.
 */
public final class PrivateDockerd implements AutoCloseable {
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final String cgroupParent;
    private final String netns;
    private Process daemon;

    private PrivateDockerd(Path dir, String cgroupParent, String netns) {
        this.dir = dir;
        this.cgroupParent = cgroupParent;
        this.netns = netns;
    }

    /** Starts a private engine named {@code name} (it names the cgroup parent) and waits until it answers. */
    public static PrivateDockerd start(String name) throws IOException {
        return start(name, null);
    }

    /**
     * As {@link #start(String)}, in the network namespace {@code netns} ({@code ip netns add}) when not null: only its
     * network, so that the cgroup filesystem stays the host's ({@code ip netns exec} would remount /sys).
     */
    public static PrivateDockerd start(String name, String netns) throws IOException {
        Path dir = Files.createTempDirectory("limitlab-dockerd-" + name + "-");
        PrivateDockerd dockerd = new PrivateDockerd(dir, "/limitlab-test-" + name + "-" + ProcessHandle.current().pid(), netns);
        dockerd.startDaemon();
        return dockerd;
    }

    /** The engine's socket, for a gateway or for {@code DOCKER_HOST}. */
    public URI host() {
        return URI.create("unix://" + dir.resolve("docker.sock"));
    }

    /** The environment that points the docker CLI (or limitlab in a child process) at this engine. */
    public Map<String, String> env() {
        return Map.of("DOCKER_HOST", host().toString());
    }

    /** A gateway to this engine; the caller closes it. */
    public DockerGateway gateway() {
        return new DockerJavaGateway(new DockerEndpoint(host(), "private dockerd", List.of("private dockerd " + host())));
    }

    /** The cgroup parent its containers' cgroups sit under (e.g. {@code /sys/fs/cgroup/cpu/<parent>/<id>} on v1). */
    public String cgroupParent() {
        return cgroupParent;
    }

    /** Copies {@code image} from the shared engine into this one. */
    public void load(String image) throws IOException, InterruptedException {
        ProcessBuilder copy = new ProcessBuilder("sh", "-c", "docker save \"$1\" | DOCKER_HOST=\"$2\" docker load -q",
                "load", image, host().toString()).redirectErrorStream(true);
        Process process = copy.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("could not load " + image + " into the private engine: " + output.strip());
        }
    }

    /**
     * Makes this engine a single-node swarm's manager ({@code docker swarm init --advertise-addr 127.0.0.1}), listening on
     * a free loopback port rather than 2377, so that it never meets another swarm on this host: only this engine changes
     * mode; {@link #close} leaves the swarm again.
     */
    public void swarmInit() throws IOException, InterruptedException {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        swarmInit("127.0.0.1:" + port);
    }

    /** Makes this engine a swarm's manager listening and advertised at {@code address} (host:port). */
    public void swarmInit(String address) throws IOException, InterruptedException {
        docker("swarm", "init", "--advertise-addr", address, "--listen-addr", address);
    }

    /** Joins {@code manager}'s swarm (at {@code managerAddress}) as a worker listening at {@code address}. */
    public void swarmJoin(PrivateDockerd manager, String managerAddress, String address) throws IOException, InterruptedException {
        String token = manager.docker("swarm", "join-token", "-q", "worker").strip();
        docker("swarm", "join", "--token", token, "--advertise-addr", address, "--listen-addr", address, managerAddress);
    }

    /** Runs the docker CLI against this engine; its output, or IOException with it when the command fails. */
    public String docker(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed on the private engine: " + output.strip());
        }
        return output;
    }

    /** Whether the daemon process is alive (it may be, and not answer yet). */
    public boolean running() {
        return daemon != null && daemon.isAlive();
    }

    /** Stops the daemon as an operator would (SIGTERM): without live-restore it stops its containers first. */
    public void stop() {
        signal(ProcessHandle::destroy);
    }

    /** Kills the daemon outright (SIGKILL): a crash. Its containerd and the containers' shims may live on. */
    public void kill() {
        signal(ProcessHandle::destroyForcibly);
    }

    /** Starts the daemon again on the same directories, and waits until it answers. */
    public void restart() throws IOException {
        if (running()) {
            throw new IllegalStateException("the private dockerd is still running");
        }
        startDaemon();
    }

    /** The daemon's log so far, for a failing test's message. */
    public String log() {
        try {
            return Files.readString(dir.resolve("dockerd.log"));
        } catch (IOException unreadable) {
            return "(no log: " + unreadable.getMessage() + ")";
        }
    }

    /**
     * Removes every container on this engine, leaves a swarm if it joined one, stops the daemon and whatever it
     * started (containerd, shims), and deletes its directories and cgroups.
     */
    @Override
    public void close() {
        if (running()) {
            dockerCli("sh", "-c", "s=$(docker service ls -q 2>/dev/null); [ -z \"$s\" ] || docker service rm $s >/dev/null 2>&1; docker swarm leave --force >/dev/null 2>&1; ids=$(docker ps -aq); [ -z \"$ids\" ] || docker rm -f $ids >/dev/null");
            stop();
        }
        // What the daemon started and left behind: only processes whose command line names this engine's directory.
        descendantsOfDir().forEach(ProcessHandle::destroyForcibly);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> descendantsOfDir().isEmpty());
        dockerCli("sh", "-c", "grep \" $1\" /proc/mounts | cut -d' ' -f2 | sort -r | xargs -r -n1 umount -l", "umount", dir.toString());
        removeCgroups();
        deleteTree(dir);
    }

    private void startDaemon() throws IOException {
        Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(dir.resolve("exec"));
        Path log = dir.resolve("dockerd.log");
        List<String> command = new ArrayList<>();
        if (netns != null) {
            command.addAll(List.of("nsenter", "--net=/var/run/netns/" + netns)); // execs dockerd: the daemon is this process
        }
        command.addAll(List.of("dockerd",
                "--data-root", dir.resolve("data").toString(),
                "--exec-root", dir.resolve("exec").toString(),
                "-H", host().toString(),
                "--pidfile", dir.resolve("docker.pid").toString(),
                "--cgroup-parent", cgroupParent,
                "--bridge=none", "--iptables=false"));
        daemon = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        try (DockerGateway gateway = gateway()) {
            Awaitility.await().atMost(ANSWER_TIMEOUT).pollInterval(Duration.ofMillis(100))
                    .failFast("the private dockerd exited; its log:\n" + tail(log()), () -> !daemon.isAlive())
                    .ignoreExceptions()
                    .until(() -> {
                        gateway.ping();
                        return true;
                    });
        }
    }

    private void signal(java.util.function.Consumer<ProcessHandle> how) {
        if (daemon == null) {
            return;
        }
        how.accept(daemon.toHandle());
        try {
            if (!daemon.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private List<ProcessHandle> descendantsOfDir() {
        String marker = dir.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(line -> line.contains(marker)).orElse(false))
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .toList();
    }

    private void dockerCli(String... command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env());
        try {
            Process process = builder.start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException failed) {
            if (failed instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // The daemon made one group per controller for its containers; empty groups are removed with rmdir, deepest first.
    private void removeCgroups() {
        Path root = Path.of("/sys/fs/cgroup");
        List<Path> groups = new ArrayList<>();
        try (Stream<Path> controllers = Files.list(root)) {
            controllers.map(controller -> controller.resolve(cgroupParent.substring(1))).filter(Files::isDirectory)
                    .forEach(parent -> {
                        try (Stream<Path> tree = Files.walk(parent)) {
                            tree.filter(Files::isDirectory).forEach(groups::add);
                        } catch (IOException gone) {
                            // removed meanwhile
                        }
                    });
        } catch (IOException noCgroups) {
            return;
        }
        groups.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        groups.forEach(group -> group.toFile().delete());
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> tree = Files.walk(dir)) {
            tree.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException gone) {
            // already removed
        }
    }

    private static String tail(String text) {
        String[] lines = text.split("\n");
        return String.join("\n", java.util.Arrays.asList(lines).subList(Math.max(0, lines.length - 20), lines.length));
    }
}
