package dev.fieldsync.app.rest;

import dev.fieldsync.app.scheduling.SweepLoop;
import dev.fieldsync.ports.in.sync.SweepJobs;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The verification sweep: status (spends no budget), "sweep now", and the gone review's accept and dismiss. */
@ProblemAnswers.Unauthorized
@ProblemAnswers.Forbidden
@ProblemAnswers.Conflict
@ProblemAnswers.Unavailable
@Controller("/api/sweep")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "sweep")
@SecurityRequirement(name = "bearer")
public class SweepController {
    private final SweepJobs sweeps;
    private final SweepLoop loop;

    public SweepController(SweepJobs sweeps, SweepLoop loop) {
        this.sweeps = sweeps;
        this.loop = loop;
    }

    @Get
    @Operation(summary = "The sweep under way and the last one, pages and time left, a gone review, missed updates")
    public SweepView status() {
        return SweepView.of(sweeps.status(), loop.isLeader(), loop.isRunning());
    }

    @Post
    @Operation(
            summary = "Start (or resume) a sweep now (202); 409 when another instance leads sync",
            description = "A sweep lists every job on the lowest budget priority: about mirror size / 100 + 1 "
                    + "requests, taken only from what sync and interactive calls leave.")
    @ApiResponse(
            responseCode = "202",
            description = "A sweep started, or one is running",
            content = @Content(schema = @Schema(implementation = Views.SyncStarted.class)))
    public HttpResponse<Views.SyncStarted> sweepNow() {
        return switch (loop.sweepNow()) {
            case STARTED -> HttpResponse.accepted().body(new Views.SyncStarted("A sweep has started.", "/api/sweep"));
            case ALREADY_RUNNING ->
                HttpResponse.accepted().body(new Views.SyncStarted("A sweep is already running.", "/api/sweep"));
            case NOT_LEADER ->
                throw new ProblemException(Problem.of(
                                409,
                                "not-sync-leader",
                                "Another instance leads sync",
                                "Only the instance holding the sync lock runs sweeps.")
                        .withHint("Call POST /api/sweep on the leading instance."));
            case PAUSED ->
                throw new ProblemException(Problem.of(
                                409,
                                "integration-paused",
                                "The integration is paused",
                                "An operator paused this integration: no sync pass or sweep runs.")
                        .withHint("POST /api/integrations/{id}/resume first."));
            case NOT_RUNNING ->
                throw new ProblemException(
                        Problem.of(503, "service-stopping", "The service is not running its loops", null));
        };
    }

    @Post("/review/accept")
    @Operation(summary = "Mark gone the jobs the sweep that raised the pending review did not see")
    public SweepView.ReviewDone accept() {
        long marked = sweeps.acceptReview().orElseThrow(SweepController::noReview);
        return new SweepView.ReviewDone(marked + " job(s) marked gone.", marked);
    }

    @Post("/review/dismiss")
    @Operation(summary = "Drop the pending gone review, marking nothing")
    public SweepView.ReviewDone dismiss() {
        if (!sweeps.dismissReview()) {
            throw noReview();
        }
        return new SweepView.ReviewDone("Review dismissed; nothing marked gone.", 0);
    }

    private static ProblemException noReview() {
        return new ProblemException(
                Problem.of(409, "no-gone-review", "No gone review is pending", "No sweep is waiting for a decision.")
                        .withHint("GET /api/sweep shows the last sweep."));
    }
}
