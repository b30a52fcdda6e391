package dev.fieldsync.app.rest;

import dev.fieldsync.domain.problem.GatewayProblem;
import dev.fieldsync.ports.in.write.WriteOutcome;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import java.util.function.Function;

/**
 * Turns a {@link WriteOutcome} into an answer: done ⇒ 200 (or {@code doneStatus}), invalid ⇒ 400 with every
 * field error, refused ⇒ the gateway's 4xx/409/503 as a problem with its hint, outcome unknown or needs review (with the candidates) ⇒ 202,
 * failed ⇒ 502.
 */
final class WriteOutcomes {
    private WriteOutcomes() {}

    static <T> HttpResponse<?> respond(WriteOutcome<T> outcome, HttpStatus doneStatus, Function<T, Views.Done> done) {
        if (outcome instanceof WriteOutcome.Done<T> success) {
            return HttpResponse.status(doneStatus).body(done.apply(success.value()));
        } else if (outcome instanceof WriteOutcome.Invalid<T> invalid) {
            throw ProblemException.invalid(invalid.violations());
        } else if (outcome instanceof WriteOutcome.Refused<T> refused) {
            throw new ProblemException(refusal(refused.problem(), refused.hint()));
        } else if (outcome instanceof WriteOutcome.OutcomeUnknown<T> unknown) {
            return HttpResponse.accepted()
                    .body(new Views.Pending("outcome-unknown", unknown.message(), unknown.hint()));
        } else if (outcome instanceof WriteOutcome.NeedsReview<T> review) {
            return HttpResponse.accepted()
                    .body(new Views.Review("needs-review", review.message(), review.hint(), review.candidates()));
        } else if (outcome instanceof WriteOutcome.Failed<T> failed) {
            throw new ProblemException(
                    Problem.of(502, "gateway-failed", "The gateway could not do it", failed.message())
                            .withHint(failed.hint()));
        }
        throw new IllegalStateException("unknown write outcome " + outcome.getClass());
    }

    /**
     * The gateway's refusal, passed on with a status the caller can act on: its own 400/404/409/503; a 401/403
     * or a 5xx is our key's or the gateway's fault, not the caller's, so it becomes 502; a 429 becomes 503.
     */
    static Problem refusal(GatewayProblem problem, String hint) {
        int gatewayStatus = problem.status();
        int status;
        if (gatewayStatus == 429) {
            status = 503;
        } else if (gatewayStatus == 401 || gatewayStatus == 403) {
            status = 502;
        } else if (gatewayStatus == 503 || (gatewayStatus >= 400 && gatewayStatus < 500)) {
            status = gatewayStatus;
        } else {
            status = 502;
        }
        Problem result = Problem.of(
                        status, problem.codeName(), "The gateway refused: " + problem.title(), problem.describe())
                .withHint(hint);
        return problem.gatewayRequestId().map(result::withGatewayRequestId).orElse(result);
    }
}
