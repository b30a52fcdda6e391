package dev.fieldsync.adapters.vertx.gateway;

import dev.fieldsync.domain.problem.ProblemCode;
import dev.fieldsync.ports.out.gateway.GatewayOperation.Repeatability;

/**
 * The retry classification of ARCHITECTURE.md §3, as one pure function so that a table test can pin it:
 * GET and PATCH retry on connection errors, timeouts, 429, 500, 502, 503 and 504; POST create and cancel
 * retry only when the request provably did not run (429, not sent) and report "outcome unknown" when it
 * may have run. 503 writes-disabled and cancel-not-configured are final for everyone.
 */
public final class RetryPolicy {
    private RetryPolicy() {}

    public static Verdict classify(Repeatability repeatability, Signal signal) {
        boolean safe = repeatability == Repeatability.SAFE_TO_REPEAT;
        if (signal instanceof Signal.Failed failed) {
            return switch (failed.failure()) {
                case NOT_SENT -> Verdict.RETRY;
                case TIMED_OUT, CONNECTION_LOST -> safe ? Verdict.RETRY : Verdict.OUTCOME_UNKNOWN;
            };
        }
        Signal.Answered answered = (Signal.Answered) signal;
        int status = answered.status();
        if (status >= 200 && status < 300) {
            return Verdict.SUCCEEDED;
        }
        if (status == 401) {
            return Verdict.TRY_NEXT_KEY;
        }
        if (status == 429) {
            // A 429 consumes nothing at the gateway: the request did not run.
            return Verdict.RETRY;
        }
        if (status == 503
                && answered.problem()
                        .filter(RetryPolicy::isConfigurationProblem)
                        .isPresent()) {
            return Verdict.FINAL;
        }
        if (status == 500 || status == 502 || status == 503 || status == 504) {
            return safe ? Verdict.RETRY : Verdict.OUTCOME_UNKNOWN;
        }
        return Verdict.FINAL;
    }

    private static boolean isConfigurationProblem(ProblemCode code) {
        return code == ProblemCode.WRITES_DISABLED || code == ProblemCode.CANCEL_NOT_CONFIGURED;
    }
}
