package dev.fieldsync.app.rest;

import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.submission.SubmissionId;
import dev.fieldsync.domain.submission.SubmissionState;
import dev.fieldsync.domain.validation.Violation;
import dev.fieldsync.ports.in.write.ReviewOutcome;
import dev.fieldsync.ports.in.write.ReviewSubmissions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where job creates of the outbox stand, the review queue, and the operator actions on creates fieldsync could
 * not settle alone (confirm, resend, abandon), each recorded with the caller's token name. Under
 * {@code /api/submissions} for the default integration, {@code /api/integrations/{integration}/submissions} for that one.
 */
@ProblemAnswers.BadInput
@ProblemAnswers.Unauthorized
@ProblemAnswers.Forbidden
@ProblemAnswers.NotFound
@ProblemAnswers.Conflict
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "jobs")
@SecurityRequirement(name = "bearer")
public class SubmissionsController {
    private static final int DEFAULT_LIMIT = 50;
    static final String SUBMISSIONS = "/submissions";
    static final String ONE = "/submissions/{id}";
    private final IntegrationScopes scope;
    private final JsonMapper json;

    public SubmissionsController(IntegrationScopes scope, JsonMapper json) {
        this.scope = scope;
        this.json = json;
    }

    @Get(uris = {SUBMISSIONS, IntegrationScopes.SCOPE + SUBMISSIONS})
    @Operation(
            summary =
                    "Submissions by state, oldest first (state=needs_review,outcome_unknown,failed for the review queue)")
    public Views.SubmissionList list(
            @Nullable @PathVariable String integration,
            @Nullable @QueryValue String state,
            @Nullable @QueryValue String limit,
            @Nullable @QueryValue String after) {
        ScopedIntegration scoped = scope.resolve(integration);
        List<Violation> problems = new ArrayList<>();
        Set<SubmissionState> states = states(state, problems);
        int size = limit(limit, problems);
        Optional<SubmissionId> start =
                Optional.ofNullable(after).filter(a -> !a.isBlank()).flatMap(a -> submissionId("after", a, problems));
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        ReviewSubmissions.SubmissionPage page =
                scoped.core().reviewSubmissions().list(states, start, size);
        String next = page.next()
                .map(id -> scoped.path(SUBMISSIONS) + "?" + (state == null ? "" : "state=" + state + "&") + "limit="
                        + size + "&after=" + id.value())
                .orElse(null);
        return new Views.SubmissionList(
                page.submissions().stream().map(Views.SubmissionView::of).toList(), next);
    }

    @Get(uris = {ONE, IntegrationScopes.SCOPE + ONE})
    @Operation(summary = "A submission: its state, the job it became, candidates, history and the actions allowed now")
    public Views.SubmissionView one(@Nullable @PathVariable String integration, @PathVariable String id) {
        ScopedIntegration scoped = scope.resolve(integration);
        SubmissionId submission = requireId(id);
        return scoped.core()
                .submitJob()
                .submission(submission)
                .map(Views.SubmissionView::of)
                .orElseThrow(() -> ProblemException.notFound("Submission " + id));
    }

    @Post(uris = {ONE + "/confirm", IntegrationScopes.SCOPE + ONE + "/confirm"})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Say which job a needs_review / outcome_unknown / failed create became (job_id)")
    @RequestBody(content = @Content(schema = @Schema(implementation = Requests.Confirm.class)))
    public Views.SubmissionView confirm(
            HttpRequest<?> request,
            @Nullable @PathVariable String integration,
            @PathVariable String id,
            @Nullable @Body String body) {
        ReviewSubmissions review = scope.resolve(integration).core().reviewSubmissions();
        SubmissionId submission = requireId(id);
        JsonBody input = JsonBody.parse(json, body, false, Set.of("job_id"));
        String job = input.string("job_id");
        BodyProblems.requireNone(input);
        if (job == null || !job.chars().allMatch(Character::isDigit) || job.isEmpty() || job.length() > 19) {
            throw ProblemException.invalid(List.of(Violation.of(
                    "job_id",
                    "job-id",
                    "job_id is required: the numeric id of the job this submission became, as a string")));
        }
        return answer(id, review.confirm(submission, JobId.of(job), actor(request)));
    }

    @Post(uris = {ONE + "/resend", IntegrationScopes.SCOPE + ONE + "/resend"})
    @Consumes({MediaType.APPLICATION_JSON, MediaType.ALL})
    @Operation(
            summary =
                    "Send a needs_review / outcome_unknown / failed create again, explicitly (it may create a second job)")
    public Views.SubmissionView resend(
            HttpRequest<?> request,
            @Nullable @PathVariable String integration,
            @PathVariable String id,
            @Nullable @Body String body) {
        ReviewSubmissions review = scope.resolve(integration).core().reviewSubmissions();
        SubmissionId submission = requireId(id);
        BodyProblems.requireNone(JsonBody.parse(json, body, true, Set.of()));
        return answer(id, review.resend(submission, actor(request)));
    }

    @Post(uris = {ONE + "/abandon", IntegrationScopes.SCOPE + ONE + "/abandon"})
    @Consumes({MediaType.APPLICATION_JSON, MediaType.ALL})
    @Operation(summary = "Give up a needs_review / outcome_unknown / failed create, with an optional reason")
    @RequestBody(required = false, content = @Content(schema = @Schema(implementation = Requests.Abandon.class)))
    public Views.SubmissionView abandon(
            HttpRequest<?> request,
            @Nullable @PathVariable String integration,
            @PathVariable String id,
            @Nullable @Body String body) {
        ReviewSubmissions review = scope.resolve(integration).core().reviewSubmissions();
        SubmissionId submission = requireId(id);
        JsonBody input = JsonBody.parse(json, body, true, Set.of("reason"));
        Optional<String> reason = Optional.ofNullable(input.string("reason"));
        BodyProblems.requireNone(input);
        return answer(id, review.abandon(submission, reason, actor(request)));
    }

    private static Views.SubmissionView answer(String id, ReviewOutcome outcome) {
        if (outcome instanceof ReviewOutcome.Done done) {
            return Views.SubmissionView.of(done.submission());
        } else if (outcome instanceof ReviewOutcome.NotFound) {
            throw ProblemException.notFound("Submission " + id);
        } else if (outcome instanceof ReviewOutcome.NotAllowed refused) {
            throw new ProblemException(Problem.of(
                            409,
                            "action-not-allowed",
                            "Cannot " + refused.action().word() + " a submission that is "
                                    + Views.state(refused.submission().state()),
                            null)
                    .withHint(refused.hint()));
        } else if (outcome instanceof ReviewOutcome.Invalid invalid) {
            throw ProblemException.invalid(invalid.violations());
        }
        throw new IllegalStateException("unknown review outcome " + outcome.getClass());
    }

    private static int limit(String text, List<Violation> problems) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int parsed = Integer.parseInt(text.strip());
            if (parsed >= 1 && parsed <= ReviewSubmissions.MAX_LIMIT) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        problems.add(Violation.of(
                "limit",
                "range",
                "limit must be a whole number from 1 to " + ReviewSubmissions.MAX_LIMIT + "; got '" + text + "'"));
        return DEFAULT_LIMIT;
    }

    private static Optional<String> actor(HttpRequest<?> request) {
        return Callers.actor(request);
    }

    private static SubmissionId requireId(String id) {
        List<Violation> problems = new ArrayList<>();
        Optional<SubmissionId> parsed = submissionId("id", id, problems);
        if (parsed.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return parsed.get();
    }

    private static Optional<SubmissionId> submissionId(String field, String value, List<Violation> problems) {
        try {
            return Optional.of(SubmissionId.of(value));
        } catch (IllegalArgumentException bad) {
            problems.add(Violation.of(field, "submission-id", bad.getMessage()));
            return Optional.empty();
        }
    }

    private static Set<SubmissionState> states(String text, List<Violation> problems) {
        Set<SubmissionState> states = EnumSet.noneOf(SubmissionState.class);
        if (text == null || text.isBlank()) {
            return states;
        }
        for (String word : text.split(",")) {
            String name = word.strip().toUpperCase(Locale.ROOT);
            try {
                states.add(SubmissionState.valueOf(name));
            } catch (IllegalArgumentException unknown) {
                problems.add(Violation.of(
                        "state",
                        "submission-state",
                        "'" + word.strip() + "' is not a submission "
                                + "state; use one or more of "
                                + String.join(
                                        ", ",
                                        EnumSet.allOf(SubmissionState.class).stream()
                                                .map(Views::state)
                                                .toList())
                                + " (comma-separated)"));
            }
        }
        return states;
    }
}
