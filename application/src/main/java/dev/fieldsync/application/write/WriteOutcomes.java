package dev.fieldsync.application.write;

import dev.fieldsync.domain.problem.ProblemCode;
import dev.fieldsync.ports.in.write.WriteOutcome;
import dev.fieldsync.ports.out.gateway.GatewayException;
import dev.fieldsync.ports.out.gateway.GatewayProblemException;
import dev.fieldsync.ports.out.gateway.GatewayResponseException;
import dev.fieldsync.ports.out.gateway.GatewayUnavailableException;
import dev.fieldsync.ports.out.gateway.KeyUnavailableException;
import dev.fieldsync.ports.out.gateway.OutcomeUnknownException;
import java.util.Set;

/** Maps a failed gateway write to the typed {@link WriteOutcome} a caller can switch on. */
public final class WriteOutcomes {
    /** Problems that may mean our cached lookup ids are out of date. */
    private static final Set<ProblemCode> STALE_ID_PROBLEMS =
            Set.of(ProblemCode.INVALID_BODY, ProblemCode.PROJECT_NOT_IN_SCOPE, ProblemCode.CUSTOMER_NOT_IN_SCOPE);

    private WriteOutcomes() {}

    public static <T> WriteOutcome<T> of(GatewayException failure) {
        if (failure instanceof GatewayProblemException problem) {
            return new WriteOutcome.Refused<>(problem.problem(), problem.hint());
        }
        if (failure instanceof OutcomeUnknownException unknown) {
            return new WriteOutcome.OutcomeUnknown<>(unknown.describe(), unknown.hint());
        }
        if (failure instanceof GatewayUnavailableException
                || failure instanceof GatewayResponseException
                || failure instanceof KeyUnavailableException) {
            return new WriteOutcome.Failed<>(failure.describe(), failure.hint());
        }
        throw new IllegalStateException(
                "unexpected gateway failure " + failure.getClass().getName());
    }

    /** True when a refusal may come from an id our catalog has wrong (worth one catalog refresh). */
    public static boolean mayBeStaleId(GatewayException failure) {
        return failure instanceof GatewayProblemException problem
                && STALE_ID_PROBLEMS.contains(problem.problem().code());
    }
}
