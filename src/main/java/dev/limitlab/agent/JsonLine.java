package dev.limitlab.agent;

/**
 * Builds one JSON object (string, integer, floating-point, boolean and null values, and nested objects built the
 * same way) in insertion order. The agent image has no JSON library, and this is all the host protocol needs.
 */
public final class JsonLine {

    private final StringBuilder text = new StringBuilder("{");

    /** Adds {@code "key":value}; a null, NaN or infinite value becomes JSON {@code null}; a JsonLine nests. */
    public JsonLine put(String key, Object value) {
        if (text.length() > 1) text.append(',');
        appendString(key);
        text.append(':');
        if (value == null) {
            text.append("null");
        } else if (value instanceof String s) {
            appendString(s);
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            text.append(Double.isFinite(d) ? Double.toString(d) : "null");
        } else if (value instanceof Number || value instanceof Boolean || value instanceof JsonLine) {
            text.append(value);
        } else {
            throw new IllegalArgumentException("unsupported JSON value type " + value.getClass().getName());
        }
        return this;
    }

    private void appendString(String s) {
        text.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                case '\b' -> text.append("\\b");
                case '\f' -> text.append("\\f");
                // Other control characters are illegal raw; U+2028/9 break line-oriented JavaScript readers.
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') text.append(String.format("\\u%04x", (int) c));
                    else text.append(c);
                }
            }
        }
        text.append('"');
    }

    @Override
    public String toString() {
        return text + "}";
    }
}
