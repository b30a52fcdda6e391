package dev.fieldsync.adapters.persistence.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** JSON text columns, written with Jackson's tree model so no domain type needs an annotation. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static JsonNode read(String text, String what) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A string map as a JSON object (keys in the map's order). */
    public static String writeStrings(Map<String, String> values) {
        if (values.isEmpty()) {
            return "{}";
        }
        ObjectNode node = object();
        values.forEach(node::put);
        return write(node);
    }

    /** Reads a JSON object of string values. */
    public static Map<String, String> readStrings(String text, String what) {
        if (text == null || text.equals("{}")) {
            return Map.of();
        }
        return strings(read(text, what));
    }

    public static Map<String, String> strings(JsonNode node) {
        Map<String, String> values = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            values.put(field.getKey(), field.getValue().asText());
        }
        return values;
    }

    public static void putOptional(ObjectNode node, String name, Optional<String> value) {
        value.ifPresent(text -> node.put(name, text));
    }

    public static Optional<String> optional(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    public static String required(JsonNode node, String name, String what) {
        return optional(node, name)
                .orElseThrow(() -> new IllegalStateException("stored " + what + " lacks '" + name + "'"));
    }
}
