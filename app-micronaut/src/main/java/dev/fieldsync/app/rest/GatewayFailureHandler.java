package dev.fieldsync.app.rest;

import dev.fieldsync.ports.out.gateway.GatewayException;
import dev.fieldsync.ports.out.gateway.GatewayProblemException;
import dev.fieldsync.ports.out.gateway.GatewayResponseException;
import dev.fieldsync.ports.out.gateway.GatewayUnavailableException;
import dev.fieldsync.ports.out.gateway.KeyUnavailableException;
import dev.fieldsync.ports.out.gateway.OutcomeUnknownException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gateway call that failed under a read of the API (a lookup refresh, the checklist, a catalog needed to
 * resolve a name) is the gateway's problem, not the service's: 502 (503 for our own missing key or a 429),
 * with what failed, both request ids and what to do, instead of a generic 500.
 */
@Produces
@Singleton
@Requires(classes = {GatewayException.class, ExceptionHandler.class})
public class GatewayFailureHandler implements ExceptionHandler<GatewayException, HttpResponse<Problem>> {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayFailureHandler.class);

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, GatewayException failure) {
        LOG.info(
                "{} {} failed at the gateway: {}",
                request.getMethodName(),
                CallerText.forLog(request.getPath()),
                failure.describe());
        return ProblemHandler.render(request, problem(failure));
    }

    static Problem problem(GatewayException failure) {
        if (failure instanceof GatewayProblemException refused) {
            return WriteOutcomes.refusal(refused.problem(), refused.hint());
        }
        Problem problem;
        if (failure instanceof GatewayUnavailableException) {
            problem = Problem.of(502, "gateway-unavailable", "The gateway could not be reached", failure.describe());
        } else if (failure instanceof GatewayResponseException) {
            problem =
                    Problem.of(502, "gateway-bad-answer", "The gateway's answer could not be used", failure.describe());
        } else if (failure instanceof OutcomeUnknownException) {
            problem = Problem.of(
                    502, "gateway-outcome-unknown", "The gateway may or may not have done it", failure.describe());
        } else if (failure instanceof KeyUnavailableException) {
            problem = Problem.of(
                    503, "gateway-key-unavailable", "This service has no usable gateway key", failure.getMessage());
        } else {
            problem = Problem.of(502, "gateway-failed", "The gateway call failed", failure.describe());
        }
        Problem withHint = problem.withHint(failure.hint());
        return failure.gatewayRequestId().map(withHint::withGatewayRequestId).orElse(withHint);
    }
}
