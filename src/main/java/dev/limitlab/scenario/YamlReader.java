package dev.limitlab.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads SnakeYAML nodes of one file as typed values, turning every mismatch into a located one-line {@link ScenarioException}. */
final class YamlReader {
    private static final int MAX_QUOTED = 40;
    /** {@code privileged} however it is spelled: a user asking for it must hear why not, not "unknown key". */
    private static final Pattern PRIVILEGED = Pattern.compile("(?i)-{0,2}privileged");

    private final String file;

    YamlReader(String file) {
        this.file = file;
    }

    ScenarioException error(Mark mark, String problem) {
        // Marks are 0-based; editors and compilers count from 1.
        return mark == null ? error(1, 1, problem) : error(mark.getLine() + 1, mark.getColumn() + 1, problem);
    }

    ScenarioException error(int line, int column, String problem) {
        return new ScenarioException(file, line, column, problem);
    }

    ScenarioException error(Node at, String problem) {
        return error(at.getStartMark(), problem);
    }

    /** The one helper for "read a located scalar as X". */
    <T> T read(Node node, String path, ValueType<T> type) throws ScenarioException {
        if (!(node instanceof ScalarNode scalar) || isNull(node)) {
            throw error(node, path + " " + describe(node) + " (" + type.expected() + ")");
        }
        try {
            return type.parser().apply(scalar.getValue());
        } catch (IllegalArgumentException rejected) { // the parsers' way of saying "bad input", nothing else
            String hint = rejected instanceof ValueType.Invalid invalid ? invalid.hint : type.expected();
            throw error(node, path + " " + quote(scalar.getValue()) + " " + rejected.getMessage() + " (" + hint + ")");
        }
    }

    /** The entries of a mapping, which must have no duplicate and only scalar keys. */
    Fields mapping(Node node, String path, String label, String expected) throws ScenarioException {
        if (!(node instanceof MappingNode mapping)) throw error(node, label + " " + describe(node) + " (" + expected + ")");
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple entry : mapping.getValue()) {
            Node key = entry.getKeyNode();
            if (!(key instanceof ScalarNode scalar)) {
                throw error(key, "a key in " + label + " " + describe(key) + " (expected plain keys such as name)");
            }
            NodeTuple first = entries.putIfAbsent(scalar.getValue(), entry);
            if (first != null) {
                throw error(key, "duplicate key " + quote(scalar.getValue()) + " in " + label
                        + " (already set at line " + (first.getKeyNode().getStartMark().getLine() + 1) + ")");
            }
        }
        return new Fields(mapping, path, label, entries);
    }

    /** The items of a list, which must not be empty. */
    List<Node> list(Node node, String path, String expected) throws ScenarioException {
        if (!(node instanceof SequenceNode sequence)) throw error(node, path + " " + describe(node) + " (" + expected + ")");
        if (sequence.getValue().isEmpty()) throw error(node, path + " is an empty list (" + expected + ")");
        return sequence.getValue();
    }

    /** A value's text for a one-line message: quoted, escaped and shortened. */
    static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        text.codePoints().limit(MAX_QUOTED).forEach(c -> {
            switch (c) {
                case '"', '\\' -> quoted.append('\\').appendCodePoint(c);
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) quoted.append(String.format("\\u%04x", c));
                    else quoted.appendCodePoint(c);
                }
            }
        });
        if (text.codePointCount(0, text.length()) > MAX_QUOTED) quoted.append("...");
        return quoted.append('"').toString();
    }

    private static boolean isNull(Node node) {
        return node.getTag().equals(Tag.NULL);
    }

    /** What a node is, to follow its key path: "is a list", "is a mapping", "has no value" or "is \"text\"". */
    private static String describe(Node node) {
        if (node instanceof MappingNode) return "is a mapping";
        if (node instanceof SequenceNode) return "is a list";
        if (isNull(node)) return "has no value";
        return "is " + quote(((ScalarNode) node).getValue());
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** A mapping's entries by key, each value still carrying its location. */
    final class Fields {
        private final MappingNode node;
        private final String path;
        private final String label;
        private final Map<String, NodeTuple> entries;

        private Fields(MappingNode node, String path, String label, Map<String, NodeTuple> entries) {
            this.node = node;
            this.path = path;
            this.label = label;
            this.entries = entries;
        }

        /** Refuses the first key not in {@code allowed}, suggesting the nearest allowed one; {@code privileged} gets its own refusal. */
        Fields allowOnly(List<String> allowed, String where) throws ScenarioException {
            for (NodeTuple entry : entries.values()) {
                String key = ((ScalarNode) entry.getKeyNode()).getValue();
                if (PRIVILEGED.matcher(key).matches()) {
                    throw error(entry.getKeyNode(), path(key) + " is refused: limitlab never runs a container privileged"
                            + " (expected the one grant the workload needs instead, such as --cap-add of a single capability"
                            + " like SYS_PTRACE, or a --device mapping like /dev/fuse)");
                }
                if (!allowed.contains(key)) {
                    throw error(entry.getKeyNode(), "unknown key " + quote(key) + " in " + where
                            + " (" + Suggestions.hint(key, allowed, "valid keys") + ")");
                }
            }
            return this;
        }

        /** Keys in file order with their value nodes. */
        Map<String, Node> values() {
            Map<String, Node> values = new LinkedHashMap<>();
            entries.forEach((key, entry) -> values.put(key, entry.getValueNode()));
            return values;
        }

        Optional<Node> get(String key) {
            return Optional.ofNullable(entries.get(key)).map(NodeTuple::getValueNode);
        }

        Node require(String key, String expected) throws ScenarioException {
            Optional<Node> value = get(key);
            if (value.isEmpty()) throw error(node, label + " is missing required key " + quote(key) + " (" + expected + ")");
            return value.get();
        }

        <T> T require(String key, ValueType<T> type) throws ScenarioException {
            return YamlReader.this.read(require(key, type.expected()), path(key), type);
        }

        <T> Optional<T> read(String key, ValueType<T> type) throws ScenarioException {
            Optional<Node> value = get(key);
            return value.isEmpty() ? Optional.empty() : Optional.of(YamlReader.this.read(value.get(), path(key), type));
        }

        <T> T read(String key, ValueType<T> type, T fallback) throws ScenarioException {
            return read(key, type).orElse(fallback);
        }

        String path(String key) {
            return join(path, key);
        }
    }
}
