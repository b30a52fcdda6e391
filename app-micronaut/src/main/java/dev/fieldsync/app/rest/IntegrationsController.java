package dev.fieldsync.app.rest;

import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.ports.in.integrations.IntegrationStatus;
import dev.fieldsync.ports.in.integrations.ManageIntegrations;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
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
import java.util.Optional;

/**
 * The integration registry for an operator: list, one, pause, resume, "sync now". Reads need {@code read}, the
 * POSTs {@code admin} (ScopeTable). Spends no budget except the pass that "sync now" starts.
 */
@ProblemAnswers.Unauthorized
@ProblemAnswers.Forbidden
@ProblemAnswers.NotFound
@ProblemAnswers.Conflict
@Controller("/api/integrations")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "integrations")
@SecurityRequirement(name = "bearer")
public class IntegrationsController {
    private final ManageIntegrations integrations;
    private final String instance;

    public IntegrationsController(ManageIntegrations integrations, FieldsyncSettings settings) {
        this.integrations = integrations;
        this.instance = settings.instance().id();
    }

    @Get
    @Operation(summary = "Every integration: state, leader, mirror size, last completed pass, sync summary")
    public IntegrationViews.IntegrationList list() {
        return new IntegrationViews.IntegrationList(
                integrations.list().stream().map(this::view).toList());
    }

    @Get("/{id}")
    @Operation(summary = "One integration: state, leader, mirror size, last completed pass, sync summary")
    public IntegrationViews.IntegrationView one(@PathVariable String id) {
        return view(found(id, integrations::find));
    }

    @Post("/{id}/pause")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.ALL})
    @Operation(
            summary = "Pause it on every instance, persistently: no sync pass (a running one stops at its next page),"
                    + " no dispatch of queued job creates, until resumed")
    public IntegrationViews.IntegrationView pause(@PathVariable String id) {
        return view(found(id, integrations::pause));
    }

    @Post("/{id}/resume")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.ALL})
    @Operation(summary = "Resume it: passes and dispatch run again from the next tick")
    public IntegrationViews.IntegrationView resume(@PathVariable String id) {
        return view(found(id, integrations::resume));
    }

    @Post("/{id}/sync")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.ALL})
    @Operation(
            summary = "Start a pass now (202, coalesced as POST /api/sync); 409 when paused, when another instance"
                    + " leads its sync, or when this service runs none for it")
    @ApiResponse(
            responseCode = "202",
            description = "A pass started, or one running, queued or just started answers for this call",
            content = @Content(schema = @Schema(implementation = Views.SyncStarted.class)))
    public HttpResponse<Views.SyncStarted> sync(@PathVariable String id) {
        IntegrationId integration = parse(id);
        return PassAnswers.of(
                integrations.requestPass(integration).orElseThrow(() -> notFound(id)),
                "/api/integrations/" + integration.value(),
                Optional.empty());
    }

    private IntegrationViews.IntegrationView view(IntegrationStatus status) {
        return IntegrationViews.IntegrationView.of(status, instance);
    }

    private static IntegrationStatus found(
            String id, java.util.function.Function<IntegrationId, Optional<IntegrationStatus>> operation) {
        return operation.apply(parse(id)).orElseThrow(() -> notFound(id));
    }

    /** A malformed id names no integration either. */
    private static IntegrationId parse(String id) {
        try {
            return IntegrationId.of(id);
        } catch (IllegalArgumentException malformed) {
            throw notFound(id);
        }
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(
                Problem.of(404, "not-found", "No integration '" + CallerText.abbreviate(id) + "'", null)
                        .withHint("GET /api/integrations lists them."));
    }
}
