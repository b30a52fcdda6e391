package dev.fieldsync.domain.problem;

import java.util.Objects;
import java.util.Optional;

/**
 * A problem document the gateway answered with, classified against the catalog. An unknown code keeps its
 * raw type, status and title, so nothing is lost.
 */
public record GatewayProblem(
        ProblemCode code,
        String type,
        int status,
        String title,
        Optional<String> gatewayRequestId,
        Optional<String> clientRequestId) {

    public GatewayProblem {
        Objects.requireNonNull(code, "code");
        type = type == null ? "" : type;
        title = title == null ? "" : title;
        Objects.requireNonNull(gatewayRequestId, "gatewayRequestId");
        Objects.requireNonNull(clientRequestId, "clientRequestId");
    }

    /** Classifies a problem by its {@code type}; the catalog is keyed on type, never on title. */
    public static GatewayProblem of(
            String type,
            int status,
            String title,
            Optional<String> gatewayRequestId,
            Optional<String> clientRequestId) {
        ProblemCode code = ProblemCode.find(type).orElse(ProblemCode.UNKNOWN);
        return new GatewayProblem(code, type, status, title, gatewayRequestId, clientRequestId);
    }

    /** The short code: the catalog's for known problems, the tail of {@code type} for unknown ones. */
    public String codeName() {
        if (code != ProblemCode.UNKNOWN) {
            return code.code();
        }
        int slash = type.lastIndexOf('/');
        return slash >= 0 ? type.substring(slash + 1) : type;
    }

    public RetryClass retryClass() {
        if (code == ProblemCode.UNKNOWN) {
            // An unknown server-side fault may have run; an unknown client error will repeat.
            return status >= 500 ? RetryClass.OUTCOME_UNKNOWN_FOR_WRITES : RetryClass.FINAL;
        }
        return code.retryClass();
    }

    public String hint() {
        return code.hint();
    }

    /** One line for logs and errors: status, code, title and both request ids. */
    public String describe() {
        return status + " " + codeName() + " (" + title + ")"
                + gatewayRequestId.map(id -> " gateway request " + id).orElse("")
                + clientRequestId.map(id -> " our request " + id).orElse("");
    }

    @Override
    public String toString() {
        return describe();
    }
}
