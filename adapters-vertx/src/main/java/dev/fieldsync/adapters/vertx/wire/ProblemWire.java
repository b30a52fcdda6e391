package dev.fieldsync.adapters.vertx.wire;

import dev.fieldsync.domain.problem.GatewayProblem;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;

/** Recognises an RFC 7807 problem document (GATEWAY-API.md §3) in an error answer. */
public final class ProblemWire {
    private ProblemWire() {}

    /**
     * The problem in {@code body}, or empty when the body is not a problem document (not JSON, not an
     * object, or without a string {@code type}). The gateway's request id comes from the header, else
     * from {@code instance}.
     */
    public static Optional<GatewayProblem> read(
            Buffer body, int httpStatus, Optional<String> gatewayRequestId, Optional<String> clientRequestId) {
        WireObject json;
        try {
            json = WireObject.parse(body);
        } catch (SchemaViolation notJson) {
            return Optional.empty();
        }
        try {
            Optional<String> type = json.optionalString("type").filter(t -> !t.isBlank());
            if (type.isEmpty()) {
                return Optional.empty();
            }
            String title = json.optionalString("title").orElse("");
            int status = json.optionalInt("status").orElse(httpStatus);
            Optional<String> gatewayId = gatewayRequestId.or(() -> json.optionalString("instance"));
            return Optional.of(GatewayProblem.of(type.get(), status, title, gatewayId, clientRequestId));
        } catch (SchemaViolation wrongShape) {
            return Optional.empty();
        }
    }

    /** The start of a body for an error report: at most {@code limit} characters, control characters removed. */
    public static String snippet(Buffer body, int limit) {
        if (body == null || body.length() == 0) {
            return "";
        }
        int bytes = Math.min(body.length(), limit * 4);
        String text = body.getString(0, bytes, "UTF-8");
        StringBuilder out = new StringBuilder(Math.min(text.length(), limit));
        boolean lastWasSpace = false;
        for (int i = 0; i < text.length() && out.length() < limit; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c)) {
                if (!lastWasSpace && out.length() > 0) {
                    out.append(' ');
                }
                lastWasSpace = true;
            } else if (c != '\uFFFD') {
                out.append(c);
                lastWasSpace = false;
            }
        }
        return out.toString().strip();
    }
}
