package dev.fieldsync.adapters.vertx.gateway;

import static dev.fieldsync.adapters.vertx.gateway.Verdict.FINAL;
import static dev.fieldsync.adapters.vertx.gateway.Verdict.OUTCOME_UNKNOWN;
import static dev.fieldsync.adapters.vertx.gateway.Verdict.RETRY;
import static dev.fieldsync.adapters.vertx.gateway.Verdict.SUCCEEDED;
import static dev.fieldsync.adapters.vertx.gateway.Verdict.TRY_NEXT_KEY;
import static dev.fieldsync.ports.out.gateway.GatewayOperation.Repeatability.RUNS_AT_MOST_ONCE;
import static dev.fieldsync.ports.out.gateway.GatewayOperation.Repeatability.SAFE_TO_REPEAT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.adapters.vertx.gateway.Signal.TransportFailure;
import dev.fieldsync.domain.problem.ProblemCode;
import dev.fieldsync.ports.out.gateway.GatewayOperation;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The retry classification of ARCHITECTURE.md §3 as a table: signal → verdict for GET/PATCH and for POST create/cancel. */
class RetryPolicyTest {

    static Stream<Arguments> table() {
        return Stream.of(
                //          signal                                                          GET / PATCH      POST create
                // / cancel
                row(Signal.Answered.of(200), SUCCEEDED, SUCCEEDED),
                row(Signal.Answered.of(201), SUCCEEDED, SUCCEEDED),
                row(Signal.Answered.of(204), SUCCEEDED, SUCCEEDED),
                row(Signal.Answered.of(400, ProblemCode.INVALID_BODY), FINAL, FINAL),
                row(Signal.Answered.of(400, ProblemCode.UNKNOWN_CUSTOM_FIELD), FINAL, FINAL),
                row(Signal.Answered.of(401, ProblemCode.UNAUTHORIZED), TRY_NEXT_KEY, TRY_NEXT_KEY),
                row(Signal.Answered.of(403, ProblemCode.NO_SCOPE), FINAL, FINAL),
                row(Signal.Answered.of(404, ProblemCode.NOT_FOUND), FINAL, FINAL),
                row(Signal.Answered.of(404), FINAL, FINAL),
                row(Signal.Answered.of(409, ProblemCode.EDITING_LOCKED), FINAL, FINAL),
                row(Signal.Answered.of(409, ProblemCode.CANCELLATION_LOCKED), FINAL, FINAL),
                row(Signal.Answered.of(429, ProblemCode.RATE_LIMITED), RETRY, RETRY),
                row(Signal.Answered.of(429), RETRY, RETRY),
                row(Signal.Answered.of(500, ProblemCode.INTERNAL), RETRY, OUTCOME_UNKNOWN),
                row(Signal.Answered.of(500), RETRY, OUTCOME_UNKNOWN),
                row(Signal.Answered.of(502, ProblemCode.SCHEMA_DRIFT), RETRY, OUTCOME_UNKNOWN),
                row(Signal.Answered.of(502, ProblemCode.UPSTREAM_SCOPE_VIOLATION), RETRY, OUTCOME_UNKNOWN),
                row(Signal.Answered.of(502), RETRY, OUTCOME_UNKNOWN),
                row(Signal.Answered.of(503, ProblemCode.WRITES_DISABLED), FINAL, FINAL),
                row(Signal.Answered.of(503, ProblemCode.CANCEL_NOT_CONFIGURED), FINAL, FINAL),
                row(Signal.Answered.of(503, ProblemCode.UNKNOWN), RETRY, OUTCOME_UNKNOWN),
                row(Signal.Answered.of(503), RETRY, OUTCOME_UNKNOWN),
                row(Signal.Answered.of(504), RETRY, OUTCOME_UNKNOWN),
                row(Signal.Answered.of(501), FINAL, FINAL),
                row(Signal.Answered.of(302), FINAL, FINAL),
                row(new Signal.Failed(TransportFailure.NOT_SENT), RETRY, RETRY),
                row(new Signal.Failed(TransportFailure.TIMED_OUT), RETRY, OUTCOME_UNKNOWN),
                row(new Signal.Failed(TransportFailure.CONNECTION_LOST), RETRY, OUTCOME_UNKNOWN));
    }

    static Arguments row(Signal signal, Verdict safeToRepeat, Verdict runsAtMostOnce) {
        return Arguments.of(signal, safeToRepeat, runsAtMostOnce);
    }

    @ParameterizedTest(name = "{0}: GET/PATCH {1}, POST create/cancel {2}")
    @MethodSource("table")
    void classifies(Signal signal, Verdict safeToRepeat, Verdict runsAtMostOnce) {
        assertThat(RetryPolicy.classify(SAFE_TO_REPEAT, signal)).isEqualTo(safeToRepeat);
        assertThat(RetryPolicy.classify(RUNS_AT_MOST_ONCE, signal)).isEqualTo(runsAtMostOnce);
    }

    @Test
    void onlyCreatesAndCancelsRunAtMostOnce() {
        List<GatewayOperation> once = new ArrayList<>();
        for (GatewayOperation operation : GatewayOperation.all()) {
            if (operation.repeatability() == RUNS_AT_MOST_ONCE) {
                once.add(operation);
            }
        }
        assertThat(once)
                .containsExactlyInAnyOrder(
                        GatewayOperation.CREATE_JOB, GatewayOperation.CANCEL_JOB, GatewayOperation.CREATE_SITE);
        assertThat(GatewayOperation.UPDATE_JOB.label()).isEqualTo("PATCH /v1/jobs/{id}");
        assertThat(GatewayOperation.CANCEL_JOB.path("42")).isEqualTo("/v1/jobs/42/cancel");
    }

    @Test
    void onlyFailuresBeforeAConnectionProveNothingWasSent() {
        assertThat(AttemptSender.transportFailure(new ConnectException("Connection refused")))
                .isEqualTo(TransportFailure.NOT_SENT);
        assertThat(AttemptSender.transportFailure(new java.net.UnknownHostException("nope")))
                .isEqualTo(TransportFailure.NOT_SENT);
        assertThat(AttemptSender.transportFailure(new TimeoutException("idle timeout fired")))
                .isEqualTo(TransportFailure.TIMED_OUT);
        assertThat(AttemptSender.transportFailure(new java.io.IOException("Connection reset by peer")))
                .isEqualTo(TransportFailure.CONNECTION_LOST);
        assertThat(AttemptSender.transportFailure(new IllegalStateException("something else")))
                .isEqualTo(TransportFailure.CONNECTION_LOST);
    }
}
