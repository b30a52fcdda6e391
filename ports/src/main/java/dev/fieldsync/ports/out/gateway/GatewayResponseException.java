package dev.fieldsync.ports.out.gateway;

import java.util.Objects;
import java.util.Optional;

/**
 * The gateway (or a proxy in front of it) answered with something we cannot use: an error that is not a
 * problem document (an HTML page, an empty body), a body of the wrong shape, or one over the size limit.
 */
public final class GatewayResponseException extends GatewayException {

    /** What was wrong with the answer. */
    public enum Kind {
        /** An error status whose body is not a problem document. */
        NOT_A_PROBLEM_DOCUMENT,
        /** A member has the wrong type or a required member is missing. */
        SCHEMA,
        /** The body was larger than the configured limit. */
        TOO_LARGE,
        /** The body ended early or is not JSON. */
        MALFORMED,
        /**
         * Pages that loop: the cursor sent came back, a page came again, or more pages came than the mirror and
         * the window explain (GATEWAY-API.md §9: the gateway ignores a cursor parameter of another name).
         */
        PAGING_LOOP
    }

    private final Kind kind;
    private final int status;
    private final String snippet;

    public GatewayResponseException(
            String operation,
            Kind kind,
            int status,
            String message,
            String snippet,
            Optional<String> clientRequestId,
            Optional<String> gatewayRequestId,
            Throwable cause) {
        super(operation, message, clientRequestId, gatewayRequestId, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.status = status;
        this.snippet = snippet == null ? "" : snippet;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status of the answer. */
    public int status() {
        return status;
    }

    /** The start of the body, bounded and stripped of control characters (never a request body). */
    public String snippet() {
        return snippet;
    }

    @Override
    public String hint() {
        return switch (kind) {
            case NOT_A_PROBLEM_DOCUMENT ->
                "Something in front of the gateway (a proxy or load balancer) answered. "
                        + "Retry later; check the base URL if it persists.";
            case SCHEMA, MALFORMED ->
                "The gateway's answer did not have the documented shape. Report the gateway "
                        + "request id to the operator.";
            case PAGING_LOOP ->
                "The gateway seems to ignore the cursor request parameter and serves the same pages again. Ask "
                        + "the operator for its name and set fieldsync.gateway.cursor-parameter (default cursor).";
            case TOO_LARGE ->
                "The answer exceeded the response size limit; raise it only if the gateway really "
                        + "sends such bodies.";
        };
    }
}
