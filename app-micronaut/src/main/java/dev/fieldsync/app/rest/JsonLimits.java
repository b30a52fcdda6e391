package dev.fieldsync.app.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.fieldsync.domain.validation.Violation;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Bounds what one request body may hold, checked by streaming through it before any tree is built: at most
 * {@value #MAX_ENTRIES} members in any object (a request has at most ten; {@code custom_fields} at most 100, the
 * gateway's lookup cap) or elements in any array, and at most {@value #MAX_DEPTH} levels of nesting. A body over
 * a bound, or not JSON at all, is one problem in our words, never a problem per member.
 */
final class JsonLimits {
    static final int MAX_ENTRIES = 100;
    static final int MAX_DEPTH = 8;
    static final int MAX_NUMBER_LENGTH = 100;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .build())
            .build();

    private JsonLimits() {}

    /** The first bound the body breaks, or why it is not JSON; empty when it is JSON within the bounds. */
    static Optional<Violation> check(String body) {
        Deque<Container> open = new ArrayDeque<>();
        try (JsonParser parser = FACTORY.createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    if (!open.isEmpty() && open.peek().counted()) {
                        return Optional.of(tooMany(open.peek()));
                    }
                    open.push(new Container(path(open, parser), token == JsonToken.START_OBJECT));
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    open.pop();
                } else if (token != JsonToken.FIELD_NAME
                        && !open.isEmpty()
                        && open.peek().counted()) {
                    return Optional.of(tooMany(open.peek()));
                }
            }
            return Optional.empty();
        } catch (StreamConstraintsException tooBig) {
            return Optional.of(constraint(tooBig));
        } catch (JsonEOFException early) {
            return Optional.of(Violation.of(
                    "body",
                    "json",
                    "the body ends before its JSON is complete" + at(early.getLocation())
                            + "; send one whole JSON object"));
        } catch (JsonProcessingException malformed) {
            return Optional.of(Violation.of(
                    "body", "json", "the body is not valid JSON: unexpected text" + at(malformed.getLocation())));
        } catch (IOException unreadable) {
            return Optional.of(Violation.of("body", "json", "the body could not be read as JSON"));
        }
    }

    /** The member or element count of one open object or array. */
    private static final class Container {
        final String path;
        final boolean object;
        int entries;

        Container(String path, boolean object) {
            this.path = path;
            this.object = object;
        }

        /** Counts one more member or element; true when that is one too many. */
        boolean counted() {
            return ++entries > MAX_ENTRIES;
        }
    }

    private static String path(Deque<Container> open, JsonParser parser) {
        if (open.isEmpty()) {
            return "body";
        }
        String name =
                open.peek().object ? parser.getParsingContext().getParent().getCurrentName() : null;
        String parent = open.peek().path.equals("body") ? "" : open.peek().path;
        String own = name == null ? "[]" : CallerText.abbreviate(name);
        return parent.isEmpty() ? own : parent + (name == null ? own : "." + own);
    }

    private static Violation tooMany(Container container) {
        String what = container.object ? "members" : "elements";
        String where = container.path.equals("body") ? "the body" : container.path;
        return Violation.of(
                container.path,
                "max-" + what,
                where + " holds more than " + MAX_ENTRIES + " " + what
                        + "; at most " + MAX_ENTRIES + " are accepted in one JSON "
                        + (container.object ? "object" : "array")
                        + " (a request has ten members at most, custom_fields as many as the gateway maps)");
    }

    private static Violation constraint(StreamConstraintsException tooBig) {
        String message = String.valueOf(tooBig.getOriginalMessage()).toLowerCase(java.util.Locale.ROOT);
        if (message.contains("nesting")) {
            return Violation.of(
                    "body",
                    "max-depth",
                    "the body nests deeper than " + MAX_DEPTH
                            + " levels; a request is one JSON object whose values are strings (custom_fields: an object of strings)");
        }
        if (message.contains("number")) {
            return Violation.of(
                    "body",
                    "max-number-length",
                    "a number in the body is longer than " + MAX_NUMBER_LENGTH
                            + " characters; ids and numbers travel as JSON strings");
        }
        return Violation.of("body", "too-large", "a name or value in the body is longer than this service accepts");
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
