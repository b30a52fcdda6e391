package dev.fieldsync.sandbox;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;

/** Reading request bodies and ids the documented way: every problem a 400 invalid-body naming the member. */
final class Bodies {
    private Bodies() {}

    static JsonObject body(RoutingContext ctx, boolean emptyAllowed) {
        Buffer buf = ctx.body() == null ? null : ctx.body().buffer();
        if (buf == null || buf.toString(StandardCharsets.UTF_8).isBlank()) {
            if (emptyAllowed) {
                return new JsonObject();
            }
            throw ApiError.invalidBody("a JSON object is required");
        }
        try {
            return new JsonObject(buf);
        } catch (DecodeException | ClassCastException e) {
            throw ApiError.invalidBody("not a JSON object");
        }
    }

    static void onlyKnown(JsonObject b, Set<String> allowed) {
        for (String name : b.fieldNames()) {
            if (!allowed.contains(name)) {
                throw ApiError.invalidBody("unknown member '" + name + "'");
            }
        }
    }

    /** A string member; absent or null gives null unless required. Lengths count code points. */
    static String string(JsonObject b, String name, int min, int max, boolean required) {
        Object v = b.getValue(name);
        if (v == null) {
            if (required) {
                throw ApiError.invalidBody(name + " is required");
            }
            return null;
        }
        if (!(v instanceof String s)) {
            throw ApiError.invalidBody(name + " must be a string");
        }
        int len = s.codePointCount(0, s.length());
        if (len < min || len > max) {
            throw ApiError.invalidBody(name + " must be " + min + "–" + max + " characters");
        }
        return s;
    }

    static OffsetDateTime time(JsonObject b, String name, boolean required) {
        String s = string(b, name, 1, 64, required);
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s);
        } catch (DateTimeParseException e) {
            throw ApiError.invalidBody(name + " must be ISO-8601 with an offset");
        }
    }

    /** Decimal digits only (ids travel as strings of digits). */
    static Long parseId(String s) {
        if (s == null || s.isEmpty() || s.length() > 18) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        return Long.parseLong(s);
    }
}
