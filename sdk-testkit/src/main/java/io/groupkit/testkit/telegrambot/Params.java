package io.groupkit.testkit.telegrambot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A request's parameters, from the query string and the body (JSON or form), as the Bot API takes
 * them: a form value is text, and a number or a flag may come as text.
 */
final class Params {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, JsonNode> values = new HashMap<>();

    private Params() {
    }

    static Params parse(@Nullable String rawQuery, @Nullable String contentType, byte[] body) {
        Params p = new Params();
        p.form(rawQuery);
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        String text = new String(body, StandardCharsets.UTF_8);
        if (type.startsWith("application/json")) {
            if (!text.isBlank()) {
                JsonNode tree;
                try {
                    tree = JSON.readTree(text);
                } catch (IOException e) {
                    // The server's words for a body it cannot read (not in the facts sheet: the simulator's).
                    throw BotApiException.badRequest("can't parse JSON object");
                }
                if (!tree.isObject()) {
                    throw BotApiException.badRequest("can't parse JSON object");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    p.values.put(e.getKey(), e.getValue());
                }
            }
        } else if (type.startsWith("application/x-www-form-urlencoded") || type.isEmpty()) {
            p.form(text);
        }
        return p;
    }

    private void form(@Nullable String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.put(name, TextNode.valueOf(value));
        }
    }

    boolean has(String name) {
        JsonNode v = values.get(name);
        return v != null && !v.isNull() && !(v.isTextual() && v.asText().isEmpty());
    }

    @Nullable String text(String name) {
        JsonNode v = values.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** A number, or {@code otherwise} when absent or not a number (the server reads those as absent). */
    long number(String name, long otherwise) {
        JsonNode v = values.get(name);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        try {
            return Long.parseLong(v.asText().trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    boolean flag(String name) {
        JsonNode v = values.get(name);
        if (v == null || v.isNull()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        String t = v.asText().trim();
        return "true".equalsIgnoreCase(t) || "1".equals(t);
    }

    /** A list of strings: a JSON array, or text holding one (as a form sends it); null when absent. */
    @Nullable List<String> strings(String name) {
        JsonNode v = values.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        JsonNode array = v;
        if (v.isTextual()) {
            try {
                array = JSON.readTree(v.asText());
            } catch (IOException e) {
                throw BotApiException.badRequest("can't parse " + name + " JSON array");
            }
        }
        if (array == null || !array.isArray()) {
            throw BotApiException.badRequest("can't parse " + name + " JSON array");
        }
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.asText()));
        return out;
    }
}
