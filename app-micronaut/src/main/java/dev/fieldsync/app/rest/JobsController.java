package dev.fieldsync.app.rest;

import dev.fieldsync.app.scheduling.ServiceLoops;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.NumericId;
import dev.fieldsync.domain.job.JobDraft;
import dev.fieldsync.domain.job.JobDraftInput;
import dev.fieldsync.domain.job.JobPatch;
import dev.fieldsync.domain.job.JobPatchInput;
import dev.fieldsync.domain.mirror.JobSearch;
import dev.fieldsync.domain.mirror.JobSlice;
import dev.fieldsync.domain.validation.Violation;
import dev.fieldsync.ports.in.query.QueryJobs;
import dev.fieldsync.ports.in.write.AppendJobNote;
import dev.fieldsync.ports.in.write.CancelJob;
import dev.fieldsync.ports.in.write.SubmitJob;
import dev.fieldsync.ports.in.write.SubmitResult;
import dev.fieldsync.ports.in.write.UpdateJob;
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

/** Jobs: read from the local mirror (no gateway call), written through the gateway. */
@ProblemAnswers.BadInput
@ProblemAnswers.Unauthorized
@ProblemAnswers.Forbidden
@ProblemAnswers.NotFound
@ProblemAnswers.Conflict
@ProblemAnswers.GatewayFailed
@Controller("/api/jobs")
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

    private final QueryJobs queryJobs;
    private final SubmitJob submitJob;
    private final UpdateJob updateJob;
    private final AppendJobNote appendJobNote;
    private final CancelJob cancelJob;
    private final ServiceLoops loops;
    private final JsonMapper json;

    public JobsController(
            QueryJobs queryJobs,
            SubmitJob submitJob,
            UpdateJob updateJob,
            AppendJobNote appendJobNote,
            CancelJob cancelJob,
            ServiceLoops loops,
            JsonMapper json) {
        this.queryJobs = queryJobs;
        this.submitJob = submitJob;
        this.updateJob = updateJob;
        this.appendJobNote = appendJobNote;
        this.cancelJob = cancelJob;
        this.loops = loops;
        this.json = json;
    }

    @Get
    @Operation(
            summary = "Search the mirrored jobs",
            description =
                    "Filters are optional; results are newest job "
                            + "id first, in slices of `limit` (1-500, default 50); follow `next` (or pass `after=next_cursor`).")
    public Views.JobList list(HttpRequest<?> request, @RequestBean JobSearchParameters parameters) {
        JobSearch search = parameters.toSearch();
        JobSlice slice;
        try {
            slice = queryJobs.search(search);
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

    @Get("/{id}")
    @Operation(summary = "One mirrored job")
    public JobView one(@PathVariable String id) {
        JobId job = jobId(id);
        return queryJobs.find(job).map(JobView::of).orElseThrow(() -> ProblemException.notFound("Job " + id));
    }

    @Post
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
    public HttpResponse<Views.Accepted> create(@Nullable @Body String body) {
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
        SubmitResult result = submitJob.submit(draft);
        if (result instanceof SubmitResult.Rejected rejected) {
            throw ProblemException.invalid(rejected.violations());
        }
        var submission = ((SubmitResult.Accepted) result).submission();
        loops.nudgeDispatch();
        String statusUrl = "/api/submissions/" + submission.id().value();
        return HttpResponse.accepted(URI.create(statusUrl))
                .body(new Views.Accepted(
                        submission.id().value(),
                        submission.state().name().toLowerCase(Locale.ROOT),
                        submission.externalId(),
                        statusUrl));
    }

    @Patch("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a pending job's writable members (send only what changes)")
    @RequestBody(content = @Content(schema = @Schema(implementation = Requests.JobPatch.class)))
    public HttpResponse<?> patch(@PathVariable String id, @Nullable @Body String body) {
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
                updateJob.update(job, patch),
                HttpStatus.OK,
                done -> new Views.Done("updated", done.value(), null, null));
    }

    @Post("/{id}/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Append a timestamped line to a job's notes")
    @RequestBody(content = @Content(schema = @Schema(implementation = Requests.Note.class)))
    public HttpResponse<?> appendNote(@PathVariable String id, @Nullable @Body String body) {
        JobId job = jobId(id);
        JsonBody input = JsonBody.parse(json, body, false, Set.of("text"));
        String text = input.string("text");
        BodyProblems.requireNone(input);
        if (text == null || text.isBlank()) {
            throw ProblemException.invalid(List.of(Violation.of("text", "required", "text is required")));
        }
        return WriteOutcomes.respond(
                appendJobNote.append(job, text),
                HttpStatus.OK,
                notes -> new Views.Done("note-appended", job.value(), null, notes));
    }

    @Post("/{id}/cancel")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.ALL})
    @Operation(summary = "Cancel a pending job, with an optional reason for the scheduling team")
    @RequestBody(required = false, content = @Content(schema = @Schema(implementation = Requests.Cancel.class)))
    public HttpResponse<?> cancel(@PathVariable String id, @Nullable @Body String body) {
        JobId job = jobId(id);
        JsonBody input = JsonBody.parse(json, body, true, Set.of("reason"));
        Optional<String> reason = Optional.ofNullable(input.string("reason"));
        BodyProblems.requireNone(input);
        return WriteOutcomes.respond(
                cancelJob.cancel(job, reason),
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
