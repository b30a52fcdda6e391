package dev.fieldsync.application.submission;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.mirror.MirroredJob;
import dev.fieldsync.domain.submission.OperatorAction;
import dev.fieldsync.domain.submission.Submission;
import dev.fieldsync.domain.submission.SubmissionId;
import dev.fieldsync.domain.submission.SubmissionState;
import dev.fieldsync.domain.validation.Violation;
import dev.fieldsync.ports.in.write.ReviewOutcome;
import dev.fieldsync.ports.in.write.ReviewSubmissions;
import dev.fieldsync.ports.out.store.Jobs;
import dev.fieldsync.ports.out.store.Submissions;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The operator actions on the outbox (confirm, resend, abandon), each checked against the submission's state
 * and recorded on it with the actor, and the listings a review queue needs.
 */
public final class SubmissionReview implements ReviewSubmissions {
    private static final System.Logger LOG = System.getLogger(SubmissionReview.class.getName());

    private final IntegrationId integration;
    private final Submissions submissions;
    private final Jobs jobs;
    private final Clock clock;

    public SubmissionReview(IntegrationId integration, Submissions submissions, Jobs jobs, Clock clock) {
        this.integration = Objects.requireNonNull(integration, "integration");
        this.submissions = Objects.requireNonNull(submissions, "submissions");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public SubmissionPage list(Set<SubmissionState> states, Optional<SubmissionId> after, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT + ", got " + limit);
        }
        Set<SubmissionState> wanted = states.isEmpty() ? EnumSet.allOf(SubmissionState.class) : states;
        List<Submission> found = submissions.list(integration, wanted, after, limit + 1);
        boolean more = found.size() > limit;
        List<Submission> page = more ? found.subList(0, limit) : found;
        return new SubmissionPage(
                page, more ? Optional.of(page.get(page.size() - 1).id()) : Optional.empty());
    }

    @Override
    public Map<SubmissionState, Long> counts() {
        return submissions.countByState(integration);
    }

    @Override
    public ReviewOutcome confirm(SubmissionId id, JobId job, Optional<String> actor) {
        return act(id, OperatorAction.CONFIRM, submission -> {
            Optional<MirroredJob> mirrored = jobs.find(integration, job);
            if (mirrored.isEmpty()) {
                return new ReviewOutcome.Invalid(
                        List.of(
                                Violation.of(
                                        "job_id",
                                        "not-mirrored",
                                        "job " + job
                                                + " is not in the mirror: check the id, or let a sync pass run first (POST /api/sync)")));
            }
            if (!mirrored.get().job().site().id().equals(submission.draft().site())) {
                return new ReviewOutcome.Invalid(List.of(Violation.of(
                        "job_id",
                        "other-site",
                        "job " + job
                                + " is at site " + mirrored.get().job().site().id()
                                + ", but this submission was for site "
                                + submission.draft().site())));
            }
            Optional<SubmissionId> owner = Optional.ofNullable(
                            submissions.ownersOf(integration, List.of(job)).get(job))
                    .filter(other -> !other.equals(submission.id()));
            if (owner.isPresent()) {
                return new ReviewOutcome.Invalid(List.of(Violation.of(
                        "job_id", "taken", "job " + job + " is already the job of submission " + owner.get())));
            }
            String detail = "confirmed as job " + job
                    + (submission.candidates().contains(job)
                            ? ", one of the candidates"
                            : ", which was not among the candidates " + submission.candidates());
            return save(submission.confirmed(
                    job, Optional.of(mirrored.get().job().number()), actor, detail, clock.instant()));
        });
    }

    @Override
    public ReviewOutcome resend(SubmissionId id, Optional<String> actor) {
        return act(
                id,
                OperatorAction.RESEND,
                submission -> save(submission.resentByOperator(
                        actor,
                        "sent again on request, from "
                                + submission.state().name().toLowerCase(java.util.Locale.ROOT),
                        clock.instant())));
    }

    @Override
    public ReviewOutcome abandon(SubmissionId id, Optional<String> reason, Optional<String> actor) {
        return act(
                id,
                OperatorAction.ABANDON,
                submission -> save(submission.abandoned(
                        actor,
                        reason.filter(text -> !text.isBlank())
                                .map(text -> "abandoned: " + text)
                                .orElse("abandoned"),
                        clock.instant())));
    }

    private ReviewOutcome act(SubmissionId id, OperatorAction action, Function<Submission, ReviewOutcome> work) {
        Optional<Submission> found =
                submissions.find(id).filter(s -> s.integration().equals(integration));
        if (found.isEmpty()) {
            return new ReviewOutcome.NotFound(id);
        }
        Submission submission = found.get();
        if (!action.allowedIn(submission.state())) {
            return new ReviewOutcome.NotAllowed(submission, action, hint(submission, action));
        }
        return work.apply(submission);
    }

    private ReviewOutcome save(Submission changed) {
        submissions.update(changed);
        var event = changed.history().get(changed.history().size() - 1);
        LOG.log(
                Level.INFO,
                "submission {0}: {1} by {2}: {3}",
                changed.id(),
                event.kind(),
                event.actor().orElse("an unnamed operator"),
                event.detail());
        return new ReviewOutcome.Done(changed);
    }

    private static String hint(Submission submission, OperatorAction action) {
        String now = submission.state().name().toLowerCase(java.util.Locale.ROOT);
        String what = switch (submission.state()) {
            case CREATED ->
                "it is already created"
                        + submission.jobId().map(job -> " as job " + job).orElse("");
            case ABANDONED -> "it was abandoned";
            case PENDING, SENDING -> "fieldsync is still sending it; wait until it settles";
            default -> "it is " + now;
        };
        return action.word() + " is allowed only for submissions that are " + action.allowedStatesText()
                + "; this one is " + now + " (" + what + ")";
    }
}
