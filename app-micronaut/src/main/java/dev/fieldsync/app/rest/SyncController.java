package dev.fieldsync.app.rest;

import dev.fieldsync.app.scheduling.ServiceLoops;
import dev.fieldsync.ports.in.sync.SyncJobs;
import dev.fieldsync.ports.in.sync.SyncStalls;
import dev.fieldsync.ports.in.write.ReviewSubmissions;
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

/** Sync status (spends no budget) and "sync now". */
@ProblemAnswers.Unauthorized
@ProblemAnswers.Forbidden
@ProblemAnswers.Conflict
@ProblemAnswers.Unavailable
@Controller("/api/sync")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "sync")
@SecurityRequirement(name = "bearer")
public class SyncController {
    private final SyncJobs syncJobs;
    private final ServiceLoops loops;
    private final ReviewSubmissions review;
    private final SyncStalls stalls;

    public SyncController(SyncJobs syncJobs, ServiceLoops loops, ReviewSubmissions review, SyncStalls stalls) {
        this.syncJobs = syncJobs;
        this.stalls = stalls;
        this.loops = loops;
        this.review = review;
    }

    @Get
    @Operation(
            summary =
                    "Watermark, pass in progress, lag, mirror size, last outcome or error, a stall, submissions by state")
    public Views.Sync status() {
        return Views.Sync.of(
                syncJobs.status(), stalls.stall(), loops.isLeader(), loops.isSyncRunning(), review.counts());
    }

    @Post
    @Operation(
            summary = "Start a pass now (202); 409 when another instance leads sync or the integration is paused",
            description = "Coalesced: while a pass runs, one asked for has not started or one started within "
                    + "fieldsync.sync.requested-pass-interval (10s), the call adds none.")
    @ApiResponse(
            responseCode = "202",
            description = "A pass started, or one running, queued or just started answers for this call",
            content = @Content(schema = @Schema(implementation = Views.SyncStarted.class)))
    public HttpResponse<Views.SyncStarted> syncNow() {
        return PassAnswers.of(loops.syncNow(), "/api/sync", loops.lastPassStartedAt());
    }
}
