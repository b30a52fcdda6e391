package dev.fieldsync.ports.out.gateway;

import java.util.Optional;

/**
 * A create or cancel that may have run (a timeout after sending, a 500 or 502): it must be reconciled,
 * never re-sent blindly, because the gateway has no idempotency key.
 */
public final class OutcomeUnknownException extends GatewayException {
    public OutcomeUnknownException(
            String operation,
            String message,
            Optional<String> clientRequestId,
            Optional<String> gatewayRequestId,
            Throwable cause) {
        super(operation, message, clientRequestId, gatewayRequestId, cause);
    }

    @Override
    public String hint() {
        return "The gateway may or may not have done this. fieldsync checks the next sync passes before it "
                + "tries again; do not repeat it by hand.";
    }
}
