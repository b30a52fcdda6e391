package dev.fieldsync.adapters.vertx.wire;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A JSON object read the tolerant-but-strict way: unknown members are ignored, absent or null optional
 * members are empty, and a member of the wrong type is a {@link SchemaViolation} naming its path — never a
 * ClassCastException or NullPointerException.
 */
public final class WireObject {
    private final JsonObject json;
    private final String path;

    private WireObject(JsonObject json, String path) {
        this.json = json;
        this.path = path;
    }

    /** Parses a whole body that must be one JSON object. */
    public static WireObject parse(Buffer body) {
        if (body == null || body.length() == 0) {
            throw SchemaViolation.malformed("the body is empty where a JSON object was expected", null);
        }
        Object value;
        try {
            value = Json.decodeValue(body);
        } catch (DecodeException e) {
            throw SchemaViolation.malformed("the body is not valid JSON (truncated or not JSON at all)", e);
        }
        if (value instanceof JsonObject object) {
            return new WireObject(object, "$");
        }
        throw SchemaViolation.at("$", "expected a JSON object, got " + typeName(value));
    }

    /** Wraps an already parsed object (for tests and nested readers). */
    public static WireObject of(JsonObject json) {
        return new WireObject(json, "$");
    }

    public String path() {
        return path;
    }

    public boolean has(String name) {
        return json.getValue(name) != null;
    }

    public boolean isObject(String name) {
        return json.getValue(name) instanceof JsonObject;
    }

    public String requireString(String name) {
        return optionalString(name).orElseThrow(() -> missing(name, "a string"));
    }

    public Optional<String> optionalString(String name) {
        Object value = json.getValue(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String s) {
            return Optional.of(s);
        }
        throw wrongType(name, "a string", value);
    }

    /** A string member that some gateways may send as a number (ids of undocumented members). */
    public Optional<String> optionalStringOrInteger(String name) {
        Object value = json.getValue(name);
        if (value instanceof Integer || value instanceof Long) {
            return Optional.of(value.toString());
        }
        return optionalString(name);
    }

    public int requireInt(String name) {
        Object value = json.getValue(name);
        if (value == null) {
            throw missing(name, "an integer");
        }
        if (value instanceof Integer i) {
            return i;
        }
        if (value instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
            return l.intValue();
        }
        throw wrongType(name, "an integer", value);
    }

    public Optional<Integer> optionalInt(String name) {
        return has(name) ? Optional.of(requireInt(name)) : Optional.empty();
    }

    public boolean requireBoolean(String name) {
        Object value = json.getValue(name);
        if (value == null) {
            throw missing(name, "a boolean");
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw wrongType(name, "a boolean", value);
    }

    public WireObject requireObject(String name) {
        return optionalObject(name).orElseThrow(() -> missing(name, "an object"));
    }

    public Optional<WireObject> optionalObject(String name) {
        Object value = json.getValue(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof JsonObject object) {
            return Optional.of(new WireObject(object, path + "." + name));
        }
        throw wrongType(name, "an object", value);
    }

    /** Each element of a required array, which must be objects. */
    public <T> List<T> requireObjects(String name, Function<WireObject, T> reader) {
        Object value = json.getValue(name);
        if (value == null) {
            throw missing(name, "an array");
        }
        if (!(value instanceof JsonArray array)) {
            throw wrongType(name, "an array", value);
        }
        List<T> result = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            Object element = array.getValue(i);
            String elementPath = path + "." + name + "[" + i + "]";
            if (!(element instanceof JsonObject object)) {
                throw SchemaViolation.at(elementPath, "expected an object, got " + typeName(element));
            }
            result.add(reader.apply(new WireObject(object, elementPath)));
        }
        return result;
    }

    /** An optional object whose members must all be strings; null members are skipped. */
    public Map<String, String> stringMap(String name) {
        Optional<WireObject> object = optionalObject(name);
        if (object.isEmpty()) {
            return Map.of();
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (String key : object.get().json.fieldNames()) {
            object.get().optionalString(key).ifPresent(value -> result.put(key, value));
        }
        return result;
    }

    /**
     * Runs a domain constructor on values read from this object; a value the domain refuses (an id that is
     * not digits, an unparsable time) becomes a schema violation at {@code member}.
     */
    public <T> T convert(String member, java.util.function.Supplier<T> conversion) {
        try {
            return conversion.get();
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw SchemaViolation.at(path + "." + member, "unusable value (" + e.getMessage() + ")");
        }
    }

    private SchemaViolation missing(String name, String expected) {
        return SchemaViolation.at(path + "." + name, "required member is missing or null, expected " + expected);
    }

    private SchemaViolation wrongType(String name, String expected, Object value) {
        return SchemaViolation.at(path + "." + name, "expected " + expected + ", got " + typeName(value));
    }

    static String typeName(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof JsonArray || value instanceof List) {
            return "an array";
        }
        if (value instanceof JsonObject || value instanceof Map) {
            return "an object";
        }
        return value.getClass().getSimpleName();
    }
}
