package dev.limitlab.scenario;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Checks YAML documents against {@code scenarios/schema.json} the way a YAML editor would: scalars typed by the
 * YAML 1.2 core schema (yaml-language-server's default, where {@code no} is a string), then validated with the
 * subset of JSON Schema 2020-12 the file uses. A keyword outside that subset fails loudly, so the schema cannot
 * grow a rule this check silently skips.
 */
final class SchemaCheck {
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$comment", "$defs", "title", "description", "default", "examples");
    private static final Pattern NULL = Pattern.compile("null|Null|NULL|~|");
    private static final Pattern BOOLEAN = Pattern.compile("true|True|TRUE|false|False|FALSE");
    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final JsonNode schema;
    private final Map<String, Pattern> patterns = new HashMap<>();

    private SchemaCheck(JsonNode schema) {
        this.schema = schema;
    }

    static SchemaCheck of(Path schemaFile) throws IOException {
        return new SchemaCheck(new ObjectMapper().readTree(schemaFile.toFile()));
    }

    JsonNode schema() {
        return schema;
    }

    /** Where {@code yaml} breaks the schema, one line per problem; empty when it conforms. */
    List<String> errors(String yaml) {
        List<String> errors = new ArrayList<>();
        check(schema, toJson(new Yaml().compose(new StringReader(yaml))), "$", errors);
        return errors;
    }

    /** The definition at {@code $ref}, e.g. {@code #/$defs/experiment}. */
    JsonNode resolve(String ref) {
        if (!ref.startsWith("#/")) throw new IllegalStateException("only local references are supported: " + ref);
        JsonNode target = schema.at(ref.substring(1));
        if (target.isMissingNode()) throw new IllegalStateException("dangling reference " + ref);
        return target;
    }

    private static JsonNode toJson(Node node) {
        if (node instanceof MappingNode mapping) {
            ObjectNode object = JSON.objectNode();
            for (NodeTuple entry : mapping.getValue()) object.set(((ScalarNode) entry.getKeyNode()).getValue(), toJson(entry.getValueNode()));
            return object;
        }
        if (node instanceof SequenceNode sequence) {
            ArrayNode array = JSON.arrayNode();
            sequence.getValue().forEach(item -> array.add(toJson(item)));
            return array;
        }
        ScalarNode scalar = (ScalarNode) node;
        String text = scalar.getValue();
        if (scalar.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN) return JSON.textNode(text);
        if (NULL.matcher(text).matches()) return JSON.nullNode();
        if (BOOLEAN.matcher(text).matches()) return JSON.booleanNode(text.equalsIgnoreCase("true"));
        if (INTEGER.matcher(text).matches()) return JSON.numberNode(new BigInteger(text));
        if (FLOAT.matcher(text).matches()) return JSON.numberNode(new BigDecimal(text));
        return JSON.textNode(text);
    }

    private void check(JsonNode rule, JsonNode value, String path, List<String> errors) {
        if (rule.isBoolean()) {
            if (!rule.asBoolean()) fail(errors, () -> path + ": not allowed");
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = rule.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> keyword = it.next();
            JsonNode arg = keyword.getValue();
            switch (keyword.getKey()) {
                case "$ref" -> check(resolve(arg.asText()), value, path, errors);
                case "type" -> {
                    boolean any = false;
                    for (JsonNode type : arg.isArray() ? arg : JSON.arrayNode().add(arg)) any |= hasType(value, type.asText());
                    if (!any) fail(errors, () -> path + ": " + value + " is not of type " + arg);
                }
                case "properties" -> {
                    if (value.isObject()) {
                        arg.fields().forEachRemaining(p -> {
                            if (value.has(p.getKey())) check(p.getValue(), value.get(p.getKey()), path + "." + p.getKey(), errors);
                        });
                    }
                }
                case "additionalProperties" -> {
                    if (value.isObject()) {
                        JsonNode declared = rule.path("properties");
                        value.fieldNames().forEachRemaining(name -> {
                            if (!declared.has(name)) check(arg, value.get(name), path + "." + name, errors);
                        });
                    }
                }
                case "required" -> {
                    if (value.isObject()) arg.forEach(name -> {
                        if (!value.has(name.asText())) fail(errors, () -> path + ": missing " + name.asText());
                    });
                }
                case "items" -> {
                    if (value.isArray()) for (int i = 0; i < value.size(); i++) check(arg, value.get(i), path + "[" + i + "]", errors);
                }
                case "minItems" -> {
                    if (value.isArray() && value.size() < arg.asInt()) fail(errors, () -> path + ": fewer than " + arg + " items");
                }
                case "minLength" -> {
                    if (value.isTextual() && value.asText().codePointCount(0, value.asText().length()) < arg.asInt()) {
                        fail(errors, () -> path + ": shorter than " + arg);
                    }
                }
                case "pattern" -> {
                    if (value.isTextual() && !patterns.computeIfAbsent(arg.asText(), Pattern::compile).matcher(value.asText()).find()) {
                        fail(errors, () -> path + ": " + value + " does not match " + arg.asText());
                    }
                }
                case "minimum" -> {
                    if (value.isNumber() && value.decimalValue().compareTo(arg.decimalValue()) < 0) fail(errors, () -> path + ": " + value + " < " + arg);
                }
                case "maximum" -> {
                    if (value.isNumber() && value.decimalValue().compareTo(arg.decimalValue()) > 0) fail(errors, () -> path + ": " + value + " > " + arg);
                }
                case "exclusiveMinimum" -> {
                    if (value.isNumber() && value.decimalValue().compareTo(arg.decimalValue()) <= 0) fail(errors, () -> path + ": " + value + " <= " + arg);
                }
                case "const" -> {
                    if (!same(value, arg)) fail(errors, () -> path + ": " + value + " is not " + arg);
                }
                case "enum" -> {
                    boolean any = false;
                    for (JsonNode option : arg) any |= same(value, option);
                    if (!any) fail(errors, () -> path + ": " + value + " is not one of " + arg);
                }
                case "anyOf", "oneOf" -> {
                    long matching = 0;
                    for (JsonNode option : arg) matching += conforms(option, value) ? 1 : 0;
                    boolean one = keyword.getKey().equals("oneOf");
                    String summary = " matches " + matching + " of " + keyword.getKey();
                    if (matching == 0 || (one && matching > 1)) fail(errors, () -> path + ": " + value + summary);
                }
                case "allOf" -> arg.forEach(option -> check(option, value, path, errors));
                case "not" -> {
                    if (conforms(arg, value)) fail(errors, () -> path + ": " + value + " matches a 'not'");
                }
                case "if" -> {
                    JsonNode branch = conforms(arg, value) ? rule.get("then") : rule.get("else");
                    if (branch != null) check(branch, value, path, errors);
                }
                case "then", "else" -> { } // taken with "if"
                default -> {
                    if (!ANNOTATIONS.contains(keyword.getKey())) throw new IllegalStateException("unsupported schema keyword " + keyword.getKey());
                }
            }
        }
    }

    /** Whether {@code value} conforms, stopping at the first problem without describing it (anyOf/oneOf/not/if try many). */
    private boolean conforms(JsonNode rule, JsonNode value) {
        try {
            check(rule, value, "", null);
            return true;
        } catch (NotConforming e) {
            return false;
        }
    }

    /** Records a problem, or with no list to record into, stops the check. */
    private static void fail(List<String> errors, Supplier<String> problem) {
        if (errors == null) throw NotConforming.INSTANCE;
        errors.add(problem.get());
    }

    private static final class NotConforming extends RuntimeException {
        static final NotConforming INSTANCE = new NotConforming();

        private NotConforming() {
            super(null, null, false, false); // thrown often; no stack trace to fill
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            case "number" -> value.isNumber();
            // 2020-12: any number with a zero fractional part is an integer.
            case "integer" -> value.isIntegralNumber() || (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0);
            default -> throw new IllegalStateException("unknown type " + type);
        };
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue()) == 0;
        return a.equals(b);
    }
}
