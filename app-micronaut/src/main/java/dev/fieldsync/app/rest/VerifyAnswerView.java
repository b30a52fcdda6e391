package dev.fieldsync.app.rest;

import dev.fieldsync.ports.in.verify.VerificationAnswer;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;
import java.util.List;

/**
 * The verification report as {@code GET /api/verify} answers it: the report, when it ran, and whether it is a
 * reused one ({@code reused}: this call spent no request; {@code note} says why and when {@code force=true} runs it
 * anew).
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record VerifyAnswerView(
        boolean passed,
        int plannedRequests,
        int requestsSpent,
        List<Views.Step> steps,
        Instant ranAt,
        boolean reused,
        @Nullable String note) {

    static VerifyAnswerView of(VerificationAnswer answer, boolean force) {
        Views.Report report = Views.Report.of(answer.report());
        String note = answer.reused()
                ? "This is the report of " + answer.ranAt() + ", reused: this call spent no gateway request ("
                        + (force ? "fieldsync.verify.forced-run-interval" : "fieldsync.verify.reuse-for")
                        + "). force=true runs the checklist anew from " + answer.forceAllowedAt() + "."
                : null;
        return new VerifyAnswerView(
                report.passed(),
                report.plannedRequests(),
                report.requestsSpent(),
                report.steps(),
                answer.ranAt(),
                answer.reused(),
                note);
    }
}
