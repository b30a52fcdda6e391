package dev.fieldsync.app.rest;

import dev.fieldsync.domain.submission.SubmissionId;
import dev.fieldsync.domain.validation.Violation;
import dev.fieldsync.ports.in.write.SubmitJob;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** Where a job create of the outbox stands. */
@Controller("/api/submissions")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "jobs")
@SecurityRequirement(name = "bearer")
public class SubmissionsController {
    private final SubmitJob submitJob;

    public SubmissionsController(SubmitJob submitJob) {
        this.submitJob = submitJob;
    }

    @Get("/{id}")
    @Operation(summary = "A submission: pending, sending, created (with the job id), outcome_unknown or failed")
    public Views.SubmissionView one(@PathVariable String id) {
        SubmissionId submission;
        try {
            submission = SubmissionId.of(id);
        } catch (IllegalArgumentException bad) {
            throw ProblemException.invalid(List.of(Violation.of("id", "submission-id", bad.getMessage())));
        }
        return submitJob.submission(submission).map(Views.SubmissionView::of)
                .orElseThrow(() -> ProblemException.notFound("Submission " + id));
    }
}
