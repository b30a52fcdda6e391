package dev.fieldsync.app.console;

import dev.fieldsync.app.rest.Views;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.submission.SubmissionId;
import dev.fieldsync.domain.submission.SubmissionState;
import dev.fieldsync.domain.validation.Violation;
import dev.fieldsync.ports.in.write.ReviewOutcome;
import dev.fieldsync.ports.in.write.ReviewSubmissions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * The review queue ({@code needs_review}, {@code outcome_unknown}, {@code failed}) with each submission's candidates
 * and history, and confirm / resend / abandon: each first shows a confirmation page (a GET, which changes nothing),
 * whose form POSTs the action to {@link ReviewSubmissions}, the use case behind {@code POST /api/submissions/{id}/...}.
 */
@Hidden
@Controller(Layout.BASE)
@ExecuteOn(TaskExecutors.BLOCKING)
public class SubmissionsPage {
    static final Set<SubmissionState> QUEUE =
            EnumSet.of(SubmissionState.NEEDS_REVIEW, SubmissionState.OUTCOME_UNKNOWN, SubmissionState.FAILED);
    static final String SUBMISSIONS = "/submissions";
    static final String ONE = "/submissions/{id}";
    private static final int PAGE = 100;
    private final PageScopes scopes;

    SubmissionsPage(PageScopes scopes) {
        this.scopes = scopes;
    }

    static String action(String base, String id, String word) {
        return base + "/submissions/" + id + "/" + word;
    }

    @Get(uris = {SUBMISSIONS, PageScope.SCOPE + SUBMISSIONS})
    public MutableHttpResponse<String> page(
            HttpRequest<?> request,
            @Nullable Authentication authentication,
            @Nullable @PathVariable String integration) {
        Viewer viewer = Viewer.of(request, authentication);
        return Layout.page(
                "Submissions",
                viewer,
                scopes,
                integration,
                scope -> SubmissionsView.queue(
                        scope.base(),
                        scope.review().list(QUEUE, Optional.empty(), PAGE).submissions().stream()
                                .map(Views.SubmissionView::of)
                                .toList(),
                        scope.review().counts(),
                        viewer));
    }

    /** The confirmation step: what the action will do, and the form that does it (for a caller who may). */
    @Get(uris = {ONE + "/{word}", PageScope.SCOPE + ONE + "/{word}"})
    public MutableHttpResponse<String> confirmStep(
            HttpRequest<?> request,
            @Nullable Authentication authentication,
            @Nullable @PathVariable String integration,
            @PathVariable String id,
            @PathVariable String word,
            @Nullable @QueryValue String job) {
        Viewer viewer = Viewer.of(request, authentication);
        return Layout.page("Submissions", viewer, scopes, integration, scope -> {
            Optional<Views.SubmissionView> found =
                    parse(id).flatMap(scope.submissions()::submission).map(Views.SubmissionView::of);
            if (found.isEmpty()) {
                return Layout.outcome(false, "There is no submission " + id + ".", scope.path(SUBMISSIONS), "Back");
            }
            return SubmissionsView.confirmation(scope.base(), found.get(), word, job, viewer);
        });
    }

    @Post(
            uris = {ONE + "/confirm", PageScope.SCOPE + ONE + "/confirm"},
            consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<String> confirm(
            HttpRequest<?> request,
            @Nullable Authentication authentication,
            @Nullable @PathVariable String integration,
            @PathVariable String id,
            @Nullable @Body("job") String job) {
        Viewer viewer = Viewer.of(request, authentication);
        return act(viewer, integration, id, (review, submission) -> {
            String jobId = job == null ? "" : job.strip();
            if (jobId.isEmpty() || !jobId.chars().allMatch(Character::isDigit) || jobId.length() > 19) {
                return new ReviewOutcome.Invalid(java.util.List.of(
                        Violation.of("job_id", "job-id", "give the numeric id of the job it became")));
            }
            return review.confirm(submission, JobId.of(jobId), viewer.actor());
        });
    }

    @Post(
            uris = {ONE + "/resend", PageScope.SCOPE + ONE + "/resend"},
            consumes = {MediaType.APPLICATION_FORM_URLENCODED, MediaType.ALL})
    public MutableHttpResponse<String> resend(
            HttpRequest<?> request,
            @Nullable Authentication authentication,
            @Nullable @PathVariable String integration,
            @PathVariable String id) {
        Viewer viewer = Viewer.of(request, authentication);
        return act(viewer, integration, id, (review, submission) -> review.resend(submission, viewer.actor()));
    }

    @Post(
            uris = {ONE + "/abandon", PageScope.SCOPE + ONE + "/abandon"},
            consumes = {MediaType.APPLICATION_FORM_URLENCODED, MediaType.ALL})
    public MutableHttpResponse<String> abandon(
            HttpRequest<?> request,
            @Nullable Authentication authentication,
            @Nullable @PathVariable String integration,
            @PathVariable String id,
            @Nullable @Body("reason") String reason) {
        Viewer viewer = Viewer.of(request, authentication);
        Optional<String> why = Optional.ofNullable(reason).map(String::strip).filter(r -> !r.isEmpty());
        return act(viewer, integration, id, (review, submission) -> review.abandon(submission, why, viewer.actor()));
    }

    private MutableHttpResponse<String> act(
            Viewer viewer,
            String integration,
            String id,
            BiFunction<ReviewSubmissions, SubmissionId, ReviewOutcome> action) {
        return Layout.page("Submissions", viewer, scopes, integration, scope -> {
            Optional<SubmissionId> submission = parse(id);
            if (submission.isEmpty()) {
                return Layout.outcome(false, "'" + id + "' is not a submission id.", scope.path(SUBMISSIONS), "Back");
            }
            return outcome(scope.path(SUBMISSIONS), id, action.apply(scope.review(), submission.get()));
        });
    }

    private static Html outcome(String back, String id, ReviewOutcome outcome) {
        if (outcome instanceof ReviewOutcome.Done done) {
            Views.SubmissionView view = Views.SubmissionView.of(done.submission());
            return Layout.outcome(
                    true,
                    "Submission " + id + " is now " + view.state()
                            + (view.jobId() == null ? "." : " (job " + view.jobId() + ")."),
                    back,
                    "Back to the review queue");
        } else if (outcome instanceof ReviewOutcome.NotFound) {
            return Layout.outcome(false, "There is no submission " + id + ".", back, "Back");
        } else if (outcome instanceof ReviewOutcome.NotAllowed refused) {
            return Layout.outcome(
                    false,
                    "Cannot " + refused.action().word() + " a submission that is "
                            + Views.state(refused.submission().state()) + ": " + refused.hint(),
                    back,
                    "Back");
        } else if (outcome instanceof ReviewOutcome.Invalid invalid) {
            return Layout.outcome(
                    false,
                    invalid.violations().stream().map(Violation::message).collect(Collectors.joining("; ")),
                    back,
                    "Back");
        }
        throw new IllegalStateException("unknown review outcome " + outcome.getClass());
    }

    private static Optional<SubmissionId> parse(String id) {
        try {
            return Optional.of(SubmissionId.of(id));
        } catch (IllegalArgumentException bad) {
            return Optional.empty();
        }
    }
}
