package dev.limitlab.docker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces of a test's own, joined by a veth pair whose two addresses (a /30 of 10.213/16) exist only
 * inside them: a private network for engines started in them, and no address on the host's own network. Closing it
 * deletes both namespaces, and the veth pair with them.
 */
public final class NamespacePair implements AutoCloseable {
    private final String first;
    private final String second;
    private final String firstAddress;
    private final String secondAddress;

    private NamespacePair(String first, String second, String firstAddress, String secondAddress) {
        this.first = first;
        this.second = second;
        this.firstAddress = firstAddress;
        this.secondAddress = secondAddress;
    }

    /** Creates {@code ll-<name>-a} and {@code -b} (the pid keeps runs of the test apart) and the veth pair between them. */
    public static NamespacePair create(String name) throws IOException, InterruptedException {
        long pid = ProcessHandle.current().pid();
        String tag = name + "-" + pid;
        int subnet = (int) (pid % 60) * 4; // 10.213.0.<subnet>/30, one per test process
        NamespacePair pair = new NamespacePair("ll-" + tag + "-a", "ll-" + tag + "-b",
                "10.213.0." + (subnet + 1), "10.213.0." + (subnet + 2));
        try {
            String veth = "ll" + pid; // interface names are at most 15 characters
            ip("netns", "add", pair.first);
            ip("netns", "add", pair.second);
            ip("link", "add", veth + "a", "type", "veth", "peer", "name", veth + "b");
            ip("link", "set", veth + "a", "netns", pair.first);
            ip("link", "set", veth + "b", "netns", pair.second);
            ip("-n", pair.first, "addr", "add", pair.firstAddress + "/30", "dev", veth + "a");
            ip("-n", pair.second, "addr", "add", pair.secondAddress + "/30", "dev", veth + "b");
            for (String[] up : List.of(new String[]{pair.first, veth + "a"}, new String[]{pair.second, veth + "b"},
                    new String[]{pair.first, "lo"}, new String[]{pair.second, "lo"})) {
                ip("-n", up[0], "link", "set", up[1], "up");
            }
            return pair;
        } catch (IOException | InterruptedException | RuntimeException failed) {
            pair.close();
            throw failed;
        }
    }

    public String first() {
        return first;
    }

    public String second() {
        return second;
    }

    public String firstAddress() {
        return firstAddress;
    }

    public String secondAddress() {
        return secondAddress;
    }

    /** Whether a namespace of this name is there. */
    public static boolean exists(String netns) throws IOException, InterruptedException {
        return ip("netns", "list").lines().anyMatch(line -> line.split(" ")[0].equals(netns));
    }

    @Override
    public void close() {
        for (String netns : List.of(first, second)) {
            try {
                ip("netns", "delete", netns);
            } catch (IOException | InterruptedException notThere) {
                if (notThere instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static String ip(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + ": " + output.strip());
        }
        return output;
    }
}
