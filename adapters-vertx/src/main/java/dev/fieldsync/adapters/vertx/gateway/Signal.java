package dev.fieldsync.adapters.vertx.gateway;

import dev.fieldsync.domain.problem.ProblemCode;
import java.util.Objects;
import java.util.Optional;

/** What one attempt produced, as far as the retry policy cares: an answer's status and problem code, or a transport failure. */
public sealed interface Signal {

    /** The gateway (or something in front of it) answered with this status. */
    record Answered(int status, Optional<ProblemCode> problem) implements Signal {
        public Answered {
            Objects.requireNonNull(problem, "problem");
        }

        public static Answered of(int status) {
            return new Answered(status, Optional.empty());
        }

        public static Answered of(int status, ProblemCode problem) {
            return new Answered(status, Optional.of(problem));
        }
    }

    /** No answer came back. */
    record Failed(TransportFailure failure) implements Signal {
        public Failed {
            Objects.requireNonNull(failure, "failure");
        }
    }

    /** Why no answer came back, and whether the request can have reached the gateway. */
    enum TransportFailure {
        /** Connection refused, unknown host, connect timeout, TLS handshake failure: the request never left. */
        NOT_SENT,
        /** The request was sent (or may have been) and no full answer came within the attempt timeout. */
        TIMED_OUT,
        /** The connection was reset or closed after the request was sent. */
        CONNECTION_LOST
    }
}
