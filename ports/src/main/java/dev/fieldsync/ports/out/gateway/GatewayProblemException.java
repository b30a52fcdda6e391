package dev.fieldsync.ports.out.gateway;

import dev.fieldsync.domain.problem.GatewayProblem;
import java.util.Objects;

/** The gateway answered with a problem document (GATEWAY-API.md §3). */
public final class GatewayProblemException extends GatewayException {
    private final transient GatewayProblem problem;

    public GatewayProblemException(String operation, GatewayProblem problem) {
        super(operation, problem.describe(), problem.clientRequestId(), problem.gatewayRequestId(), null);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public GatewayProblem problem() {
        return problem;
    }

    @Override
    public String hint() {
        return problem.hint();
    }
}
