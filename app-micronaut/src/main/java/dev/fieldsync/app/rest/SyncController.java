package dev.fieldsync.app.rest;

import dev.fieldsync.app.scheduling.IntegrationWork;
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
 * Sync status (spends no budget; also as {@code GET /api/integrations/{integration}/sync}) and "sync now" for the
 * default integration (another one's is {@code POST /api/integrations/{id}/sync}, in IntegrationsController).
 */
@ProblemAnswers.Unauthorized
@ProblemAnswers.Forbidden
@ProblemAnswers.Conflict
@ProblemAnswers.Unavailable
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "sync")
@SecurityRequirement(name = "bearer")
public class SyncController {
    static final String SYNC = "/sync";
    private final IntegrationScopes scope;

    public SyncController(IntegrationScopes scope) {
        this.scope = scope;
    }

    @Get(uris = {SYNC, IntegrationScopes.SCOPE + SYNC})
    @Operation(
            summary =
                    "Watermark, pass in progress, lag, mirror size, last outcome or error, a stall, submissions by state")
    public Views.Sync status(@Nullable @PathVariable String integration) {
        ScopedIntegration served = scope.resolve(integration);
        return Views.Sync.of(
                served.sync().status(),
                served.sync().stall(),
                served.work().isLeader(),
                served.work().isSyncRunning(),
                served.core().reviewSubmissions().counts());
    }

    @Post(SYNC)
    @Operation(
            summary = "Start a pass now (202); 409 when another instance leads sync or the integration is paused",
            description = "Coalesced: while a pass runs, one asked for has not started or one started within "
                    + "fieldsync.sync.requested-pass-interval (10s), the call adds none.")
    @ApiResponse(
            responseCode = "202",
            description = "A pass started, or one running, queued or just started answers for this call",
            content = @Content(schema = @Schema(implementation = Views.SyncStarted.class)))
    public HttpResponse<Views.SyncStarted> syncNow() {
        IntegrationWork work = scope.resolve(null).work();
        return PassAnswers.of(work.syncNow(), "/api/sync", work.lastPassStartedAt());
    }
}
