package dev.fieldsync.app.rest;

import dev.fieldsync.domain.validation.Violation;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request body read by hand so that malformed JSON, wrong types and unknown members all become field
 * errors in one 400 problem, never a 500 or a first-error-only answer. The body is first checked against
 * {@link JsonLimits}, so the work and the answer stay small whatever it holds.
 */
public final class JsonBody {
    private final JsonNode root;
    private final Set<String> known;
    private final List<Violation> violations = new ArrayList<>();
    private boolean unknownMembers;

    private JsonBody(JsonNode root, Set<String> known) {
        this.root = root;
        this.known = known;
        for (Map.Entry<String, JsonNode> member : root.entries()) {
            if (!known.contains(member.getKey())) {
                String name = CallerText.abbreviate(member.getKey());
                violations.add(Violation.of(name, "unknown-field", "'" + name + "' is not a member of this request"));
                unknownMembers = true;
            }
        }
    }

    /**
     * Parses {@code body} as a JSON object whose members are among {@code known}. An empty body is an empty
     * object when {@code emptyAllowed}; unparsable JSON or a non-object ends the request with a 400 problem.
     */
    public static JsonBody parse(JsonMapper mapper, String body, boolean emptyAllowed, Set<String> known) {
        if (body == null || body.isBlank()) {
            if (emptyAllowed) {
                return new JsonBody(JsonNode.createObjectNode(Map.of()), known);
            }
            throw ProblemException.invalid(List.of(Violation.of(
                    "body", "required", "a JSON object body is required (Content-Type: application/json)")));
        }
        JsonLimits.check(body).ifPresent(broken -> {
            throw ProblemException.invalid(List.of(broken));
        });
        JsonNode root;
        try {
            root = mapper.readValue(body.getBytes(StandardCharsets.UTF_8), JsonNode.class);
        } catch (IOException | RuntimeException malformed) {
            // JsonLimits has read it as JSON already; the mapper's own words would name its internals.
            throw ProblemException.invalid(List.of(Violation.of("body", "json", "the body could not be read as JSON")));
        }
        if (root == null || !root.isObject()) {
            throw ProblemException.invalid(List.of(Violation.of(
                    "body", "json-object", "the body must be a JSON object such as {\"title\": \"...\"}")));
        }
        return new JsonBody(root, known);
    }

    /** A string member, or null when absent or JSON null; a member of another type is a violation. */
    public String string(String name) {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            violations.add(Violation.of(
                    name,
                    "type",
                    name + " must be a JSON string, got " + kind(value)
                            + (value.isNumber()
                                    ? " (ids and numbers travel as strings, e.g. \"" + value.coerceStringValue() + "\")"
                                    : "")));
            return null;
        }
        return value.getStringValue();
    }

    /** An object of string values, or null when absent. */
    public Map<String, String> stringMap(String name) {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            violations.add(Violation.of(name, "type", name + " must be a JSON object of strings, got " + kind(value)));
            return null;
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.entries()) {
            if (entry.getValue().isString()) {
                result.put(entry.getKey(), entry.getValue().getStringValue());
            } else {
                String field = name + "." + CallerText.abbreviate(entry.getKey());
                violations.add(Violation.of(
                        field,
                        "type",
                        field + " must be a JSON string (values are strings on the wire), got "
                                + kind(entry.getValue())));
            }
        }
        return result;
    }

    /**
     * A string member that may hold a secret: as {@link #string}, but a member of another type is named without its
     * value, which is never repeated.
     */
    public String secret(String name) {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            violations.add(Violation.of(name, "type", name + " must be a JSON string, got " + kind(value)));
            return null;
        }
        return value.getStringValue();
    }

    /** A whole-number member, or null when absent or JSON null. */
    public Integer integer(String name) {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()
                || value.getNumberValue().doubleValue()
                        != Math.rint(value.getNumberValue().doubleValue())
                || Math.abs(value.getNumberValue().doubleValue()) > Integer.MAX_VALUE) {
            violations.add(Violation.of(name, "type", name + " must be a whole JSON number, got " + kind(value)));
            return null;
        }
        return value.getNumberValue().intValue();
    }

    /** A boolean member, or null when absent or JSON null. */
    public Boolean bool(String name) {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            violations.add(Violation.of(name, "type", name + " must be true or false, got " + kind(value)));
            return null;
        }
        return value.getBooleanValue();
    }

    /** An array of strings, or null when absent; an element of another type is a violation (its value not repeated). */
    public List<String> strings(String name) {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            violations.add(Violation.of(name, "type", name + " must be a JSON array of strings, got " + kind(value)));
            return null;
        }
        List<String> result = new ArrayList<>();
        int index = 0;
        for (JsonNode element : value.values()) {
            if (element.isString()) {
                result.add(element.getStringValue());
            } else {
                violations.add(Violation.of(
                        name + "[" + index + "]",
                        "type",
                        name + "[" + index + "] must be a JSON string, got " + kind(element)));
            }
            index++;
        }
        return result;
    }

    /** Type errors and unknown members found so far. */
    public List<Violation> violations() {
        return List.copyOf(violations);
    }

    /** The 400 for {@code all} of a request's problems; when it had unknown members, the hint lists the known ones once. */
    public ProblemException rejection(List<Violation> all) {
        return unknownMembers
                ? ProblemException.invalid(
                        all, "Known members of this request: " + String.join(", ", new TreeSet<>(known)) + ".")
                : ProblemException.invalid(all);
    }

    static String kind(JsonNode value) {
        if (value.isNumber()) {
            return "a number";
        } else if (value.isBoolean()) {
            return "a boolean";
        } else if (value.isArray()) {
            return "an array";
        } else if (value.isObject()) {
            return "an object";
        } else if (value.isNull()) {
            return "null";
        }
        return "a string";
    }
}
