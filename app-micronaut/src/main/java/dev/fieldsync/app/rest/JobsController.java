package dev.fieldsync.app.rest;

import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.NumericId;
import dev.fieldsync.domain.job.JobDraft;
import dev.fieldsync.domain.job.JobDraftInput;
import dev.fieldsync.domain.job.JobPatch;
import dev.fieldsync.domain.job.JobPatchInput;
import dev.fieldsync.domain.mirror.JobSearch;
import dev.fieldsync.domain.mirror.JobSlice;
import dev.fieldsync.domain.validation.Violation;
import dev.fieldsync.ports.in.write.SubmitResult;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.http.uri.UriBuilder;
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
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Jobs: read from the local mirror (no gateway call), written through the gateway. Every call answers under
 * {@code /api/jobs} for the default integration and under {@code /api/integrations/{integration}/jobs} for that one.
 */
@ProblemAnswers.BadInput
@ProblemAnswers.Unauthorized
@ProblemAnswers.Forbidden
@ProblemAnswers.NotFound
@ProblemAnswers.Conflict
@ProblemAnswers.GatewayFailed
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "jobs")
@SecurityRequirement(name = "bearer")
public class JobsController {
    static final Set<String> DRAFT_MEMBERS = Set.of(
            "site",
            "job_type",
            "title",
            "start_time",
            "end_time",
            "notes",
            "purchase_order_number",
            "external_id",
            "project",
            "custom_fields");
    static final Set<String> PATCH_MEMBERS = Set.of(
            "title",
            "notes",
            "start_time",
            "end_time",
            "purchase_order_number",
            "external_id",
            "custom_fields",
            "site",
            "job_type",
            "project");

    /** Members that accept a name, resolved against the catalog after the rules. */
    static final Set<String> REFERENCES = Set.of("site", "job_type", "project");

    static final String JOBS = "/jobs";
    static final String ONE = "/jobs/{id}";

    private final IntegrationScopes scope;
    private final JsonMapper json;

    public JobsController(IntegrationScopes scope, JsonMapper json) {
        this.scope = scope;
        this.json = json;
    }

    @Get(uris = {JOBS, IntegrationScopes.SCOPE + JOBS})
    @Operation(
            summary = "Search the mirrored jobs",
            description =
                    "Filters are optional; results are newest job "
                            + "id first, in slices of `limit` (1-500, default 50); follow `next` (or pass `after=next_cursor`).")
    public Views.JobList list(
            HttpRequest<?> request,
            @Nullable @PathVariable String integration,
            @RequestBean JobSearchParameters parameters) {
        ScopedIntegration scoped = scope.resolve(integration);
        JobSearch search = parameters.toSearch();
        JobSlice slice;
        try {
            slice = scoped.core().queryJobs().search(search);
        } catch (IllegalArgumentException badCursor) {
            throw ProblemException.invalid(List.of(Violation.of(
                    "after", "cursor", "after is not a cursor this API handed out; start again without it")));
        }
        String next = slice.nextCursor()
                .map(cursor -> UriBuilder.of(request.getUri())
                        .replaceQueryParam("after", cursor)
                        .build()
                        .toString())
                .orElse(null);
        return new Views.JobList(
                slice.jobs().stream().map(JobView::of).toList(),
                slice.nextCursor().orElse(null),
                next);
    }

    @Get(uris = {ONE, IntegrationScopes.SCOPE + ONE})
    @Operation(summary = "One mirrored job")
    public JobView one(@Nullable @PathVariable String integration, @PathVariable String id) {
        ScopedIntegration scoped = scope.resolve(integration);
        JobId job = jobId(id);
        return scoped.core()
                .queryJobs()
                .find(job)
                .map(JobView::of)
                .orElseThrow(() -> ProblemException.notFound("Job " + id));
    }

    @Post(uris = {JOBS, IntegrationScopes.SCOPE + JOBS})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create a job through the outbox",
            description = "Validates everything at once (names are accepted where ids are expected), stores the "
                    + "create durably and answers 202 with the submission to poll; it is sent right after.")
    @RequestBody(content = @Content(schema = @Schema(implementation = Requests.JobDraft.class)))
    @ApiResponse(
            responseCode = "202",
            description = "Accepted into the outbox",
            content = @Content(schema = @Schema(implementation = Views.Accepted.class)))
    @ApiResponse(
            responseCode = "400",
            description = "Every field problem",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<Views.Accepted> create(
            @Nullable @PathVariable String integration, @Nullable @Body String body) {
        ScopedIntegration scoped = scope.resolve(integration);
        JsonBody input = JsonBody.parse(json, body, false, DRAFT_MEMBERS);
        JobDraftInput draft = JobDraftInput.builder()
                .site(input.string("site"))
                .jobType(input.string("job_type"))
                .title(input.string("title"))
                .startTime(input.string("start_time"))
                .endTime(input.string("end_time"))
                .notes(input.string("notes"))
                .purchaseOrderNumber(input.string("purchase_order_number"))
                .externalId(input.string("external_id"))
                .project(input.string("project"))
                .customFields(input.stringMap("custom_fields"))
                .build();
        // Names are resolved later against the catalog: only the rules that do not depend on it are added here.
        BodyProblems.requireNone(
                input,
                () -> JobDraft.validate(draft).violations().stream()
                        .filter(v -> !(REFERENCES.contains(v.field()) && input.string(v.field()) != null))
                        .toList());
        SubmitResult result = scoped.core().submitJob().submit(draft);
        if (result instanceof SubmitResult.Rejected rejected) {
            throw ProblemException.invalid(rejected.violations());
        }
        var submission = ((SubmitResult.Accepted) result).submission();
        scoped.work().nudgeDispatch();
        String statusUrl = scoped.path("/submissions/" + submission.id().value());
        return HttpResponse.accepted(URI.create(statusUrl))
                .body(new Views.Accepted(
                        submission.id().value(),
                        submission.state().name().toLowerCase(Locale.ROOT),
                        submission.externalId(),
                        statusUrl));
    }

    @Patch(uris = {ONE, IntegrationScopes.SCOPE + ONE})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a pending job's writable members (send only what changes)")
    @RequestBody(content = @Content(schema = @Schema(implementation = Requests.JobPatch.class)))
    public HttpResponse<?> patch(
            @Nullable @PathVariable String integration, @PathVariable String id, @Nullable @Body String body) {
        ScopedIntegration scoped = scope.resolve(integration);
        JobId job = jobId(id);
        JsonBody input = JsonBody.parse(json, body, false, PATCH_MEMBERS);
        JobPatchInput patch = JobPatchInput.builder()
                .title(input.string("title"))
                .notes(input.string("notes"))
                .startTime(input.string("start_time"))
                .endTime(input.string("end_time"))
                .purchaseOrderNumber(input.string("purchase_order_number"))
                .externalId(input.string("external_id"))
                .customFields(input.stringMap("custom_fields"))
                .site(input.string("site"))
                .jobType(input.string("job_type"))
                .project(input.string("project"))
                .build();
        BodyProblems.requireNone(input, () -> JobPatch.validate(patch).violations());
        return WriteOutcomes.respond(
                scoped.core().updateJob().update(job, patch),
                HttpStatus.OK,
                done -> new Views.Done("updated", done.value(), null, null));
    }

    @Post(uris = {ONE + "/notes", IntegrationScopes.SCOPE + ONE + "/notes"})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Append a timestamped line to a job's notes")
    @RequestBody(content = @Content(schema = @Schema(implementation = Requests.Note.class)))
    public HttpResponse<?> appendNote(
            @Nullable @PathVariable String integration, @PathVariable String id, @Nullable @Body String body) {
        ScopedIntegration scoped = scope.resolve(integration);
        JobId job = jobId(id);
        JsonBody input = JsonBody.parse(json, body, false, Set.of("text"));
        String text = input.string("text");
        BodyProblems.requireNone(input);
        if (text == null || text.isBlank()) {
            throw ProblemException.invalid(List.of(Violation.of("text", "required", "text is required")));
        }
        return WriteOutcomes.respond(
                scoped.core().appendJobNote().append(job, text),
                HttpStatus.OK,
                notes -> new Views.Done("note-appended", job.value(), null, notes));
    }

    @Post(uris = {ONE + "/cancel", IntegrationScopes.SCOPE + ONE + "/cancel"})
    @Consumes({MediaType.APPLICATION_JSON, MediaType.ALL})
    @Operation(summary = "Cancel a pending job, with an optional reason for the scheduling team")
    @RequestBody(required = false, content = @Content(schema = @Schema(implementation = Requests.Cancel.class)))
    public HttpResponse<?> cancel(
            @Nullable @PathVariable String integration, @PathVariable String id, @Nullable @Body String body) {
        ScopedIntegration scoped = scope.resolve(integration);
        JobId job = jobId(id);
        JsonBody input = JsonBody.parse(json, body, true, Set.of("reason"));
        Optional<String> reason = Optional.ofNullable(input.string("reason"));
        BodyProblems.requireNone(input);
        return WriteOutcomes.respond(
                scoped.core().cancelJob().cancel(job, reason),
                HttpStatus.OK,
                done -> new Views.Done("cancelled", done.value(), null, null));
    }

    static JobId jobId(String id) {
        if (!NumericId.isDigits(id)) {
            throw ProblemException.invalid(List.of(Violation.of(
                    "id", "numeric-id", "the job id in the path must be digits, got '" + abbreviate(id) + "'")));
        }
        return JobId.of(id);
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
