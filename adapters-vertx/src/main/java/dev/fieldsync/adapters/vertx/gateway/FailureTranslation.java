package dev.fieldsync.adapters.vertx.gateway;

import dev.fieldsync.adapters.vertx.gateway.Attempt.Answer;
import dev.fieldsync.adapters.vertx.gateway.Attempt.NoAnswer;
import dev.fieldsync.adapters.vertx.wire.ProblemWire;
import dev.fieldsync.adapters.vertx.wire.SchemaViolation;
import dev.fieldsync.ports.out.gateway.GatewayException;
import dev.fieldsync.ports.out.gateway.GatewayOperation;
import dev.fieldsync.ports.out.gateway.GatewayOperation.Repeatability;
import dev.fieldsync.ports.out.gateway.GatewayProblemException;
import dev.fieldsync.ports.out.gateway.GatewayResponseException;
import dev.fieldsync.ports.out.gateway.GatewayUnavailableException;
import dev.fieldsync.ports.out.gateway.OutcomeUnknownException;
import java.util.Optional;

/**
 * Turns what an attempt produced into the port's typed results and failures: a 2xx body read by the call's
 * reader (an unreadable one of a write that ran is "outcome unknown", never a retry), a problem document, a
 * non-problem error answer, an oversized body, or no answer at all.
 */
final class FailureTranslation {
    private static final int SNIPPET_CHARS = 200;

    private final String host;
    private final long maxResponseBytes;

    FailureTranslation(String host, long maxResponseBytes) {
        this.host = host;
        this.maxResponseBytes = maxResponseBytes;
    }

    <R> R read(Answer answer, Request<R> request, String requestId) {
        GatewayOperation operation = request.operation();
        GatewayResponseException unreadable;
        if (answer.body().overflowed()) {
            unreadable = tooLarge(operation, answer, requestId);
        } else {
            try {
                return request.reader().apply(answer.body().bytes());
            } catch (SchemaViolation violation) {
                GatewayResponseException.Kind kind = violation.isMalformed()
                        ? GatewayResponseException.Kind.MALFORMED
                        : GatewayResponseException.Kind.SCHEMA;
                unreadable = new GatewayResponseException(
                        operation.label(),
                        kind,
                        answer.status(),
                        "the " + answer.status() + " answer could not be read: " + violation.getMessage(),
                        ProblemWire.snippet(answer.body().bytes(), SNIPPET_CHARS),
                        Optional.of(requestId),
                        answer.gatewayRequestId(),
                        violation);
            }
        }
        if (operation.repeatability() == Repeatability.RUNS_AT_MOST_ONCE) {
            // The write ran (2xx) but we cannot tell what it created: reconcile, never re-send.
            throw new OutcomeUnknownException(
                    operation.label(),
                    "the gateway accepted the request but its answer " + "was unreadable (" + unreadable.getMessage()
                            + ")",
                    Optional.of(requestId),
                    answer.gatewayRequestId(),
                    unreadable);
        }
        throw unreadable;
    }

    GatewayException failureOf(GatewayOperation operation, Attempt attempt, String requestId) {
        String label = operation.label();
        if (attempt instanceof NoAnswer noAnswer) {
            String what = switch (noAnswer.failure()) {
                case NOT_SENT -> "could not connect to " + host;
                case TIMED_OUT -> "no complete answer within the attempt timeout";
                case CONNECTION_LOST -> "the connection was lost before a complete answer";
            };
            // The transport's exception stays the cause (logged by the call's log line), out of the message users see.
            return new GatewayUnavailableException(
                    label, what, Optional.of(requestId), Optional.empty(), noAnswer.cause());
        }
        Answer answer = (Answer) attempt;
        if (answer.problem().isPresent()) {
            return new GatewayProblemException(label, answer.problem().get());
        }
        if (answer.body().overflowed()) {
            return tooLarge(operation, answer, requestId);
        }
        String kind = answer.body().bytes().length() == 0
                ? "an empty body"
                : "a body of type " + (answer.contentType().isEmpty() ? "(none)" : answer.contentType());
        return new GatewayResponseException(
                label,
                GatewayResponseException.Kind.NOT_A_PROBLEM_DOCUMENT,
                answer.status(),
                "HTTP " + answer.status() + " with " + kind + " instead of a problem document",
                ProblemWire.snippet(answer.body().bytes(), SNIPPET_CHARS),
                Optional.of(requestId),
                answer.gatewayRequestId(),
                null);
    }

    /** A create or cancel that may have run: never re-sent. */
    OutcomeUnknownException outcomeUnknown(GatewayOperation operation, Attempt attempt, String requestId) {
        GatewayException cause = failureOf(operation, attempt, requestId);
        return new OutcomeUnknownException(
                operation.label(),
                "the request may have run: " + cause.getMessage() + "; it is not sent again",
                Optional.of(requestId),
                attempt.gatewayRequestId(),
                cause);
    }

    private GatewayResponseException tooLarge(GatewayOperation operation, Answer answer, String requestId) {
        return new GatewayResponseException(
                operation.label(),
                GatewayResponseException.Kind.TOO_LARGE,
                answer.status(),
                "the " + answer.status() + " answer exceeded the response size limit of " + maxResponseBytes + " bytes",
                ProblemWire.snippet(answer.body().bytes(), SNIPPET_CHARS),
                Optional.of(requestId),
                answer.gatewayRequestId(),
                null);
    }
}
