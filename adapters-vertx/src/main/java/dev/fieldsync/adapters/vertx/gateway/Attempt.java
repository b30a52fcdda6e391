package dev.fieldsync.adapters.vertx.gateway;

import dev.fieldsync.adapters.vertx.gateway.BoundedBodyCodec.BoundedBody;
import dev.fieldsync.adapters.vertx.gateway.Signal.TransportFailure;
import dev.fieldsync.domain.problem.GatewayProblem;
import java.util.Optional;

/** The answer of one attempt, or why there was none. */
sealed interface Attempt {

    /** What the retry policy judges. */
    Signal signal();

    /** The gateway's request id, when it answered with one. */
    default Optional<String> gatewayRequestId() {
        return Optional.empty();
    }

    /** An answer: status, content type, the body as far as it was read, and a problem document for 4xx/5xx. */
    record Answer(
            int status,
            String contentType,
            BoundedBody body,
            Optional<String> gatewayRequestId,
            Optional<GatewayProblem> problem)
            implements Attempt {
        @Override
        public Signal signal() {
            return new Signal.Answered(status, problem.map(GatewayProblem::code));
        }
    }

    /** No answer, and whether the request can have reached the gateway. */
    record NoAnswer(TransportFailure failure, Throwable cause) implements Attempt {
        @Override
        public Signal signal() {
            return new Signal.Failed(failure);
        }
    }
}
