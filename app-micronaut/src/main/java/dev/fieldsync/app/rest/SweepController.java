package dev.fieldsync.app.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The verification sweep: status (spends no budget), "sweep now", and the gone review's accept and dismiss; under
 * {@code /api/sweep} for the default integration, {@code /api/integrations/{integration}/sweep} for that one.
 */
@ProblemAnswers.Unauthorized
@ProblemAnswers.Forbidden
@ProblemAnswers.Conflict
@ProblemAnswers.Unavailable
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "sweep")
@SecurityRequirement(name = "bearer")
public class SweepController {
    static final String SWEEP = "/sweep";
    private final IntegrationScopes scope;

    public SweepController(IntegrationScopes scope) {
        this.scope = scope;
    }

    @Get(uris = {SWEEP, IntegrationScopes.SCOPE + SWEEP})
    @Operation(summary = "The sweep under way and the last one, pages and time left, a gone review, missed updates")
    public SweepView status(@Nullable @PathVariable String integration) {
        ScopedIntegration served = scope.resolve(integration);
        return SweepView.of(
                served.core().sweepJobs().status(),
                served.work().isLeader(),
                served.work().isSweepRunning());
    }

    @Post(uris = {SWEEP, IntegrationScopes.SCOPE + SWEEP})
    @Operation(
            summary = "Start (or resume) a sweep now (202); 409 when another instance leads sync",
            description = "A sweep lists every job on the lowest budget priority: about mirror size / 100 + 1 "
                    + "requests, taken only from what sync and interactive calls leave.")
    @ApiResponse(
            responseCode = "202",
            description = "A sweep started, or one is running",
            content = @Content(schema = @Schema(implementation = Views.SyncStarted.class)))
    public HttpResponse<Views.SyncStarted> sweepNow(@Nullable @PathVariable String integration) {
        ScopedIntegration scoped = scope.resolve(integration);
        String status = scoped.path(SWEEP);
        return switch (scoped.work().sweepNow()) {
            case STARTED -> HttpResponse.accepted().body(new Views.SyncStarted("A sweep has started.", status));
            case ALREADY_RUNNING ->
                HttpResponse.accepted().body(new Views.SyncStarted("A sweep is already running.", status));
            case NOT_LEADER ->
                throw new ProblemException(Problem.of(
                                409,
                                "not-sync-leader",
                                "Another instance leads sync",
                                "Only the instance holding the sync lock runs sweeps.")
                        .withHint("Call POST " + status + " on the leading instance."));
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

    @Post(uris = {SWEEP + "/review/accept", IntegrationScopes.SCOPE + SWEEP + "/review/accept"})
    @Operation(summary = "Mark gone the jobs the sweep that raised the pending review did not see")
    public SweepView.ReviewDone accept(@Nullable @PathVariable String integration) {
        ScopedIntegration scoped = scope.resolve(integration);
        long marked = scoped.core().sweepJobs().acceptReview().orElseThrow(() -> noReview(scoped));
        return new SweepView.ReviewDone(marked + " job(s) marked gone.", marked);
    }

    @Post(uris = {SWEEP + "/review/dismiss", IntegrationScopes.SCOPE + SWEEP + "/review/dismiss"})
    @Operation(summary = "Drop the pending gone review, marking nothing")
    public SweepView.ReviewDone dismiss(@Nullable @PathVariable String integration) {
        ScopedIntegration scoped = scope.resolve(integration);
        if (!scoped.core().sweepJobs().dismissReview()) {
            throw noReview(scoped);
        }
        return new SweepView.ReviewDone("Review dismissed; nothing marked gone.", 0);
    }

    private static ProblemException noReview(ScopedIntegration scoped) {
        return new ProblemException(
                Problem.of(409, "no-gone-review", "No gone review is pending", "No sweep is waiting for a decision.")
                        .withHint("GET " + scoped.path(SWEEP) + " shows the last sweep."));
    }
}
