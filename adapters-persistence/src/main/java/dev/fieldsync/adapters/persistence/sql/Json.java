package dev.fieldsync.adapters.persistence.sql;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * JSON text columns, written with Jackson's tree model (or, where one is written per row, its streaming generator) so
 * no domain type needs an annotation.
 */
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

    /** Writes an object's members straight to text, as the tree model would, without building the tree. */
    @FunctionalInterface
    public interface Members {
        void write(JsonGenerator out) throws IOException;
    }

    /**
     * An object written by {@code members} with Jackson's streaming generator: the same text as {@link #write} of
     * the same members in the same order, at a fraction of the allocations (the change log writes one per change).
     */
    public static String writeObject(Members members) {
        StringWriter text = new StringWriter(768);
        try (JsonGenerator out = MAPPER.getFactory().createGenerator(text)) {
            out.writeStartObject();
            members.write(out);
            out.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
        return text.toString();
    }

    /** Writes {@code value} as the member {@code name} when present. */
    public static void writeOptional(JsonGenerator out, String name, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            out.writeStringField(name, value.get());
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
