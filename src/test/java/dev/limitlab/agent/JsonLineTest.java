package dev.limitlab.agent;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonLineTest {

    @Test
    void writesFlatObjectInInsertionOrder() {
        String line = new JsonLine().put("type", "sample").put("ops", 42L).put("threads", 2).put("rate", 1.5)
                .put("ok", true).put("limit", null).toString();
        assertEquals("{\"type\":\"sample\",\"ops\":42,\"threads\":2,\"rate\":1.5,\"ok\":true,\"limit\":null}", line);
    }

    @Test
    void nestsObjects() {
        String line = new JsonLine().put("latencyMs", new JsonLine().put("p50", 1.5).put("max", null)).put("errors", new JsonLine())
                .toString();
        assertEquals("{\"latencyMs\":{\"p50\":1.5,\"max\":null},\"errors\":{}}", line);
    }

    @Test
    void emptyObject() {
        assertEquals("{}", new JsonLine().toString());
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        String line = new JsonLine().put("k\"ey", "a\"b\\c\nd\re\tf\bg\fh\u0001i\u001fj\u2028").toString();
        assertEquals("{\"k\\\"ey\":\"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\\u0001i\\u001fj\\u2028\"}", line);
    }

    @Test
    void nonAsciiTextPassesThroughAndParsesBack() {
        String nasty = "héllo \"wörld\" \\ 🚀 \u0000 end";
        var parsed = AgentRun.parseLines(new JsonLine().put("message", nasty).toString()).get(0);
        assertEquals(nasty, parsed.get("message").asText());
    }

    @Test
    void nonFiniteNumbersBecomeNull() {
        assertEquals("{\"a\":null,\"b\":null}",
                new JsonLine().put("a", Double.NaN).put("b", Double.POSITIVE_INFINITY).toString());
    }

    @Test
    void largeAndNegativeNumbersStayExact() {
        assertEquals("{\"max\":9223372036854775807,\"neg\":-1,\"big\":1.0E20}",
                new JsonLine().put("max", Long.MAX_VALUE).put("neg", -1).put("big", 1e20).toString());
    }

    @Test
    void rejectsUnsupportedValueTypes() {
        assertThrows(IllegalArgumentException.class, () -> new JsonLine().put("list", java.util.List.of()));
    }
}
