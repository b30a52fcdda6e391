package dev.fieldsync.ports.out.gateway;

import java.util.Optional;

/**
 * The gateway could not be reached, or kept failing until the retries or the overall deadline ran out;
 * nothing is known to have run (reads, or writes that provably did not leave).
 */
public final class GatewayUnavailableException extends GatewayException {
    public GatewayUnavailableException(
            String operation,
            String message,
            Optional<String> clientRequestId,
            Optional<String> gatewayRequestId,
            Throwable cause) {
        super(operation, message, clientRequestId, gatewayRequestId, cause);
    }

    @Override
    public String hint() {
        return "Check the gateway base URL and the network; fieldsync retried with backoff before giving up.";
    }
}
