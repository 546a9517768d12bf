package dev.limitlab.scenario;

import dev.limitlab.scenario.YamlReader.Fields;
import org.yaml.snakeyaml.nodes.Node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads a {@code kind: service} workload: the service, when it is ready, and the load a driver sends it. */
final class ServiceReader {
    static final List<String> SERVICE_KEYS = List.of("kind", "image", "command", "port", "ready", "tmpfs", "env", "load",
            "work", "hold", "threads");
    static final List<String> READY_KEYS = List.of("http", "tcp", "log", "timeout");
    static final List<String> LOAD_KEYS = List.of("rate", "connections", "requests", "warmup", "timeout");
    static final List<String> REQUEST_KEYS = List.of("method", "path", "body", "headers");
    /** Keys that configure the agent's built-in service, which a user's image does not have. */
    private static final List<String> BUILT_IN_KEYS = List.of("work", "hold", "threads");
    static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(60);
    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(2);
    static final int BUILT_IN_PORT = 8080;
    static final int BUILT_IN_THREADS = 8;

    private static final String READY_EXPECTED = "expected one of {http: /healthz}, {tcp: true} or {log: \"Started .* in\"}, with an optional timeout";
    private static final String LOAD_EXPECTED = "expected a mapping such as {rate: 200/s, requests: [{path: /}]} or {connections: 16, requests: [{path: /}]}";
    private static final String REQUESTS_EXPECTED = "expected a non-empty list of requests such as [{path: /api/items}, {method: POST, path: /api/items, body: '{}'}]";
    private static final String REQUEST_EXPECTED = "expected a mapping such as {method: GET, path: /api/items}";
    private static final String TMPFS_EXPECTED = "expected a list of absolute paths such as [/tmp, /var/cache/app]";
    private static final String ENV_EXPECTED = "expected a mapping of names to values such as {JAVA_TOOL_OPTIONS: \"-XX:+UseSerialGC\"}";
    private static final String HEADERS_EXPECTED = "expected a mapping of header names to values such as {Content-Type: application/json}";
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** The driver frames and keeps its connections itself: these are its to set. */
    private static final List<String> DRIVER_HEADERS = List.of("connection", "content-length", "expect", "host", "upgrade",
            "transfer-encoding");

    static final ValueType<Integer> PORT = new ValueType<>("expected a port from 1 to 65535, e.g. 8080", text -> {
        long port;
        try {
            port = Long.parseLong(text);
        } catch (NumberFormatException notWhole) {
            throw new IllegalArgumentException("is not a port");
        }
        if (port < 1 || port > 65535) throw new IllegalArgumentException("is not a port");
        return (int) port;
    });
    static final ValueType<Long> REQUEST_RATE = new ValueType<>("expected requests per second of at least 1, e.g. 200/s", text -> {
        String number = text.endsWith("/s") ? text.substring(0, text.length() - 2).strip() : text;
        long rate;
        try {
            rate = Long.parseLong(number);
        } catch (NumberFormatException notWhole) {
            throw new IllegalArgumentException("is not a rate");
        }
        if (rate < 1) throw new IllegalArgumentException("must be at least 1/s");
        if (rate > 1_000_000) throw new IllegalArgumentException("is more than one driver sends (1000000/s)");
        return rate;
    });
    static final ValueType<Integer> CONNECTIONS = ScenarioLoader.wholeNumber(1, 10_000, "16");
    static final ValueType<String> ABSOLUTE_PATH = new ValueType<>("expected an absolute path such as /tmp", text -> {
        if (!text.startsWith("/") || text.contains("..") || text.contains(",") || text.contains(":")) {
            throw new IllegalArgumentException("is not an absolute path");
        }
        return text;
    });
    static final ValueType<String> URL_PATH = new ValueType<>("expected a path such as /healthz or /api/items?id=1", text -> {
        if (!text.startsWith("/") || text.chars().anyMatch(c -> c <= ' ' || c == 127)) {
            throw new IllegalArgumentException("is not a request path");
        }
        return text;
    });
    static final ValueType<String> METHOD = new ValueType<>("expected an HTTP method such as GET or POST", text -> {
        if (!text.matches("[A-Z]{1,16}")) throw new IllegalArgumentException("is not an HTTP method");
        return text;
    });
    static final ValueType<String> LOG_PATTERN = new ValueType<>("expected a regular expression such as \"Started .* in\"", text -> {
        try {
            Pattern.compile(text);
            return text;
        } catch (PatternSyntaxException bad) {
            throw new IllegalArgumentException("is not a regular expression");
        }
    });
    static final ValueType<Boolean> TRUE = new ValueType<>("expected true (tcp: true waits until the port accepts connections)", text -> {
        if (!text.equals("true")) throw new IllegalArgumentException("is not true");
        return true;
    });

    private final YamlReader yaml;

    ServiceReader(YamlReader yaml) {
        this.yaml = yaml;
    }

    Workload.Service service(Fields fields, List<String> command) throws ScenarioException {
        String image = fields.read("image", ScenarioLoader.IMAGE).orElse(null);
        Workload.BuiltInService builtIn = null;
        if (image != null) {
            for (String key : BUILT_IN_KEYS) {
                if (fields.get(key).isPresent()) {
                    throw yaml.error(fields.get(key).get(), fields.path(key) + " configures the built-in service, not the image "
                            + YamlReader.quote(image) + " (expected no image for the built-in service, or no " + key + ")");
                }
            }
        } else {
            if (!command.isEmpty()) {
                throw yaml.error(fields.get("command").orElseThrow(), fields.path("command")
                        + " needs an image: the built-in service has its own (expected an image, or no command)");
            }
            builtIn = new Workload.BuiltInService(fields.read("work", ScenarioLoader.DURATION, Duration.ofMillis(1)),
                    fields.read("hold", ScenarioLoader.SIZE, 0L), fields.read("threads", ScenarioLoader.THREADS, BUILT_IN_THREADS));
        }
        int port = image == null ? fields.read("port", PORT, BUILT_IN_PORT) : fields.require("port", PORT);
        Workload.Readiness ready = image == null && fields.get("ready").isEmpty()
                ? new Workload.Readiness("/healthz", false, null, DEFAULT_READY_TIMEOUT)
                : readiness(fields.require("ready", READY_EXPECTED), fields.path("ready"));
        return new Workload.Service(image, command, port, ready, tmpfs(fields), env(fields),
                load(fields.require("load", LOAD_EXPECTED), fields.path("load")), builtIn);
    }

    private Workload.Readiness readiness(Node node, String path) throws ScenarioException {
        Fields fields = yaml.mapping(node, path, path, READY_EXPECTED).allowOnly(READY_KEYS, path);
        int forms = (int) List.of("http", "tcp", "log").stream().filter(key -> fields.get(key).isPresent()).count();
        if (forms != 1) {
            throw yaml.error(node, path + (forms == 0 ? " names no way to tell the service is ready" : " names more than one way to tell")
                    + " (" + READY_EXPECTED + ")");
        }
        return new Workload.Readiness(fields.read("http", URL_PATH).orElse(null), fields.read("tcp", TRUE).orElse(false),
                fields.read("log", LOG_PATTERN).orElse(null),
                fields.read("timeout", ScenarioLoader.POSITIVE_DURATION, DEFAULT_READY_TIMEOUT));
    }

    private Workload.Load load(Node node, String path) throws ScenarioException {
        Fields fields = yaml.mapping(node, path, path, LOAD_EXPECTED).allowOnly(LOAD_KEYS, path);
        Long rate = fields.read("rate", REQUEST_RATE).orElse(null);
        Integer connections = fields.read("connections", CONNECTIONS).orElse(null);
        if (rate == null && connections == null) {
            throw yaml.error(node, path + " has neither rate nor connections (expected rate: 200/s for requests started at"
                    + " a fixed rate, or connections: 16 alone for that many requests always in flight)");
        }
        List<Workload.Request> requests = new ArrayList<>();
        List<Node> items = yaml.list(fields.require("requests", REQUESTS_EXPECTED), fields.path("requests"), REQUESTS_EXPECTED);
        if (items.isEmpty()) throw yaml.error(fields.get("requests").get(), fields.path("requests") + " is empty (" + REQUESTS_EXPECTED + ")");
        for (int i = 0; i < items.size(); i++) {
            requests.add(request(items.get(i), fields.path("requests") + "[" + i + "]"));
        }
        return new Workload.Load(rate, connections, requests, fields.read("warmup", ScenarioLoader.DURATION, Duration.ZERO),
                fields.read("timeout", ScenarioLoader.POSITIVE_DURATION, DEFAULT_REQUEST_TIMEOUT));
    }

    private Workload.Request request(Node node, String path) throws ScenarioException {
        Fields fields = yaml.mapping(node, path, path, REQUEST_EXPECTED).allowOnly(REQUEST_KEYS, "request");
        Map<String, String> headers = new LinkedHashMap<>();
        if (fields.get("headers").isPresent()) {
            Fields given = yaml.mapping(fields.get("headers").get(), fields.path("headers"), fields.path("headers"), HEADERS_EXPECTED);
            for (Map.Entry<String, Node> header : given.values().entrySet()) {
                String name = header.getKey();
                if (!HEADER_NAME.matcher(name).matches() || DRIVER_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    throw yaml.error(header.getValue(), given.path(name) + " is not a header a request may set (expected a header"
                            + " name such as Content-Type; the driver sets " + String.join(", ", DRIVER_HEADERS) + " itself)");
                }
                headers.put(name, yaml.read(header.getValue(), given.path(name), ScenarioLoader.TEXT));
            }
        }
        return new Workload.Request(fields.read("method", METHOD, "GET"), fields.require("path", URL_PATH),
                fields.read("body", ScenarioLoader.TEXT, ""), headers);
    }

    private List<String> tmpfs(Fields fields) throws ScenarioException {
        if (fields.get("tmpfs").isEmpty()) return List.of();
        List<String> paths = new ArrayList<>();
        List<Node> items = yaml.list(fields.get("tmpfs").get(), fields.path("tmpfs"), TMPFS_EXPECTED);
        for (int i = 0; i < items.size(); i++) {
            String tmpfsPath = yaml.read(items.get(i), fields.path("tmpfs") + "[" + i + "]", ABSOLUTE_PATH);
            if (paths.contains(tmpfsPath)) throw yaml.error(items.get(i), fields.path("tmpfs") + " lists " + tmpfsPath + " twice (expected distinct paths)");
            paths.add(tmpfsPath);
        }
        return paths;
    }

    private Map<String, String> env(Fields fields) throws ScenarioException {
        if (fields.get("env").isEmpty()) return Map.of();
        Fields given = yaml.mapping(fields.get("env").get(), fields.path("env"), fields.path("env"), ENV_EXPECTED);
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, Node> entry : given.values().entrySet()) {
            if (!ENV_NAME.matcher(entry.getKey()).matches()) {
                throw yaml.error(entry.getValue(), given.path(entry.getKey()) + " is not an environment variable name"
                        + " (expected letters, digits and _, not starting with a digit)");
            }
            env.put(entry.getKey(), yaml.read(entry.getValue(), given.path(entry.getKey()), ScenarioLoader.TEXT));
        }
        return env;
    }
}
