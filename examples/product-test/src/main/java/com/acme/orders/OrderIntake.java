package com.acme.orders;

import dev.fieldsync.domain.job.JobDraftInput;
import dev.fieldsync.domain.submission.SubmissionId;
import dev.fieldsync.domain.validation.Violation;
import dev.fieldsync.ports.in.write.SubmitJob;
import dev.fieldsync.ports.in.write.SubmitResult;
import java.util.List;
import java.util.Optional;

/**
 * The product's own code: an approved work order becomes a FieldInsight job through fieldsync's {@link SubmitJob}
 * use case (the outbox sends it; the work order number is the external id, so a repeated approval is idempotent).
 * It depends on the port only, so its tests can run it over any core.
 */
public final class OrderIntake {
    /** What became of a work order: queued for the gateway, or refused with what to fix. */
    public record Intake(Optional<SubmissionId> queued, List<String> problems) {}

    private final SubmitJob submitJob;

    public OrderIntake(SubmitJob submitJob) {
        this.submitJob = submitJob;
    }

    public Intake approve(WorkOrder order) {
        SubmitResult result = submitJob.submit(JobDraftInput.builder()
                .externalId("wo-" + order.number())
                .site(order.siteAddress()) // a name is resolved to the site's id, or refused with suggestions
                .jobType(order.repair() ? "Repair" : "Service")
                .title(order.summary())
                .startTime(order.from().toString())
                .endTime(order.to().toString())
                .build());
        if (result instanceof SubmitResult.Accepted accepted) {
            return new Intake(Optional.of(accepted.submission().id()), List.of());
        }
        List<Violation> violations = ((SubmitResult.Rejected) result).violations();
        return new Intake(
                Optional.empty(),
                violations.stream().map(v -> v.field() + ": " + v.message()).toList());
    }
}
