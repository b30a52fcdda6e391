package dev.fieldsync.ports.out.gateway;

import java.util.Objects;
import java.util.Optional;

/**
 * A gateway call that did not succeed. Carries the operation ({@code "PATCH /v1/jobs/{id}"}), our request
 * id and, when the gateway answered, its request id. Messages never contain a key or a body.
 */
public abstract sealed class GatewayException extends RuntimeException
        permits GatewayProblemException,
                OutcomeUnknownException,
                GatewayUnavailableException,
                GatewayResponseException,
                KeyUnavailableException {

    private final String operation;
    private final Optional<String> clientRequestId;
    private final Optional<String> gatewayRequestId;

    protected GatewayException(
            String operation,
            String message,
            Optional<String> clientRequestId,
            Optional<String> gatewayRequestId,
            Throwable cause) {
        super(message, cause);
        this.operation = Objects.requireNonNull(operation, "operation");
        this.clientRequestId = Objects.requireNonNull(clientRequestId, "clientRequestId");
        this.gatewayRequestId = Objects.requireNonNull(gatewayRequestId, "gatewayRequestId");
    }

    /** Method and route template, e.g. {@code POST /v1/jobs/{id}/cancel}. */
    public String operation() {
        return operation;
    }

    public Optional<String> clientRequestId() {
        return clientRequestId;
    }

    public Optional<String> gatewayRequestId() {
        return gatewayRequestId;
    }

    /** What a person should do about it. */
    public abstract String hint();

    /** The message plus both request ids, for logs and error reports. */
    public String describe() {
        return operation + ": " + getMessage()
                + gatewayRequestId.map(id -> " [gateway request " + id + "]").orElse("")
                + clientRequestId.map(id -> " [our request " + id + "]").orElse("");
    }
}
