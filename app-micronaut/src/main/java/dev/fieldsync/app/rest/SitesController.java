package dev.fieldsync.app.rest;

import dev.fieldsync.domain.site.SiteDraft;
import dev.fieldsync.domain.site.SiteInput;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
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
import java.util.Set;

/** Sites: created through the gateway; a new site joins the cached catalog at once. */
@ProblemAnswers.BadInput
@ProblemAnswers.Unauthorized
@ProblemAnswers.Forbidden
@ProblemAnswers.Conflict
@ProblemAnswers.GatewayFailed
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "sites")
@SecurityRequirement(name = "bearer")
public class SitesController {
    static final Set<String> MEMBERS = Set.of(
            "customer",
            "business_name",
            "address",
            "first_name",
            "last_name",
            "mobile_number",
            "email",
            "notes",
            "url",
            "external_id");
    static final String SITES = "/sites";
    private final IntegrationScopes scope;
    private final JsonMapper json;

    public SitesController(IntegrationScopes scope, JsonMapper json) {
        this.scope = scope;
        this.json = json;
    }

    @Post(uris = {SITES, IntegrationScopes.SCOPE + SITES})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a site (customer by name or id); 201 with its id")
    @ApiResponse(
            responseCode = "201",
            description = "Created: the site's id",
            content = @Content(schema = @Schema(implementation = Views.Done.class)))
    @RequestBody(content = @Content(schema = @Schema(implementation = Requests.Site.class)))
    public HttpResponse<?> create(@Nullable @PathVariable String integration, @Nullable @Body String body) {
        ScopedIntegration scoped = scope.resolve(integration);
        JsonBody input = JsonBody.parse(json, body, false, MEMBERS);
        SiteInput site = SiteInput.builder()
                .customer(input.string("customer"))
                .businessName(input.string("business_name"))
                .address(input.string("address"))
                .firstName(input.string("first_name"))
                .lastName(input.string("last_name"))
                .mobileNumber(input.string("mobile_number"))
                .email(input.string("email"))
                .notes(input.string("notes"))
                .url(input.string("url"))
                .externalId(input.string("external_id"))
                .build();
        // The customer may be a name, resolved later: its rule is left to the use case.
        BodyProblems.requireNone(
                input,
                () -> SiteDraft.validate(site).violations().stream()
                        .filter(v -> !(v.field().equals("customer") && input.string("customer") != null))
                        .toList());
        return WriteOutcomes.respond(
                scoped.core().createSite().create(site),
                HttpStatus.CREATED,
                id -> new Views.Done("created", null, id.value(), null));
    }
}
