package dev.fieldsync.app.rest;

import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.ports.in.integrations.IntegrationRefused;
import dev.fieldsync.ports.in.integrations.IntegrationStatus;
import dev.fieldsync.ports.in.integrations.ManageIntegrations;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Optional;

/**
 * The integration registry for an operator: list, one, register, replace, change, remove, pause, resume, "sync now".
 * Reads need {@code read}, every other call {@code admin} (ScopeTable). Spends no budget except the pass that "sync
 * now" starts.
 */
@ProblemAnswers.BadInput
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
    private final JsonMapper json;
    private final IntegrationScopes scopes;

    public IntegrationsController(
            ManageIntegrations integrations, FieldsyncSettings settings, JsonMapper json, IntegrationScopes scopes) {
        this.integrations = integrations;
        this.scopes = scopes;
        this.instance = settings.instance().id();
        this.json = json;
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

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Register an integration (201): id, gateway_url, key and next_key and webhook_secrets as"
                    + " references (env:NAME, file:PATH), sync_interval, rate_per_minute, burst, background_reserve,"
                    + " enabled; every problem in one 400; 409 when the id is taken")
    @ApiResponse(
            responseCode = "201",
            description = "Registered",
            content = @Content(schema = @Schema(implementation = IntegrationViews.IntegrationView.class)))
    @RequestBody(content = @Content(schema = @Schema(implementation = Requests.Integration.class)))
    public HttpResponse<IntegrationViews.IntegrationView> create(@Nullable @Body String body) {
        IntegrationStatus created = refusedAsConflict(() -> integrations.create(IntegrationBodies.create(json, body)));
        return HttpResponse.<IntegrationViews.IntegrationView>status(HttpStatus.CREATED)
                .header("Location", "/api/integrations/" + created.integration().id())
                .body(view(created));
    }

    @Put("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace what it is declared as (members left out take their defaults; its pause stays)")
    @RequestBody(content = @Content(schema = @Schema(implementation = Requests.Integration.class)))
    public IntegrationViews.IntegrationView replace(@PathVariable String id, @Nullable @Body String body) {
        return change(id, body, false);
    }

    @Patch("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change some members (those left out stay as they are)")
    @RequestBody(content = @Content(schema = @Schema(implementation = Requests.Integration.class)))
    public IntegrationViews.IntegrationView patch(@PathVariable String id, @Nullable @Body String body) {
        return change(id, body, true);
    }

    @Delete("/{id}")
    @Operation(
            summary = "Remove it with its data (every stored row keyed by its id): 204; 409 for one declared in the"
                    + " configuration or run by this service")
    @ApiResponse(responseCode = "204", description = "Removed")
    public HttpResponse<Void> remove(@PathVariable String id) {
        IntegrationId integration = parse(id);
        if (!refusedAsConflict(() -> integrations.remove(integration))) {
            throw notFound(id);
        }
        return HttpResponse.noContent();
    }

    private IntegrationViews.IntegrationView change(String id, String body, boolean partial) {
        IntegrationStatus stored = found(id, integrations::find);
        return view(refusedAsConflict(() -> integrations
                .update(IntegrationBodies.change(json, body, stored.integration(), partial))
                .orElseThrow(() -> notFound(id))));
    }

    private static <T> T refusedAsConflict(java.util.function.Supplier<T> operation) {
        try {
            return operation.get();
        } catch (IntegrationRefused refused) {
            throw new ProblemException(Problem.of(
                    409,
                    "integration-" + refused.reason().name().toLowerCase(java.util.Locale.ROOT),
                    "The registry refused the change",
                    refused.getMessage()));
        }
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

    // {integration}, as the scoped GET .../sync of SyncController: one path in the OpenAPI document.
    @Post("/{integration}/sync")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.ALL})
    @Operation(
            summary = "Start a pass now (202, coalesced as POST /api/sync); 409 when paused, when another instance"
                    + " leads its sync, or when this service runs none for it")
    @ApiResponse(
            responseCode = "202",
            description = "A pass started, or one running, queued or just started answers for this call",
            content = @Content(schema = @Schema(implementation = Views.SyncStarted.class)))
    public HttpResponse<Views.SyncStarted> sync(@PathVariable("integration") String id) {
        IntegrationId integration = parse(id);
        return PassAnswers.of(
                integrations.requestPass(integration).orElseThrow(() -> notFound(id)),
                "/api/integrations/" + integration.value() + "/sync",
                Optional.empty());
    }

    private IntegrationViews.IntegrationView view(IntegrationStatus status) {
        return IntegrationViews.IntegrationView.of(
                status, instance, scopes.problem(status.integration().id()));
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
