package dev.fieldsync.application.submission;

import dev.fieldsync.application.sync.CompletedPassListener;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobDraft;
import dev.fieldsync.domain.submission.Submission;
import dev.fieldsync.domain.submission.SubmissionState;
import dev.fieldsync.domain.sync.SyncWindow;
import dev.fieldsync.ports.out.store.JobSearch;
import dev.fieldsync.ports.out.store.JobSlice;
import dev.fieldsync.ports.out.store.Jobs;
import dev.fieldsync.ports.out.store.MirroredJob;
import dev.fieldsync.ports.out.store.Submissions;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * Settles outcome-unknown creates after each completed sync pass (ARCHITECTURE.md §5). A job in the mirror
 * that matches (by external id when the gateway returns it, else by site + exact title + preferred window,
 * first seen at or after the attempt) means the create happened: CREATED, no second create. Only when a
 * completed pass has covered the attempt and found nothing is it sent again, once (PENDING, resent); a
 * re-sent one that a covering pass again does not find is FAILED: there is never a third send.
 *
 * <p>"Covered" means the pass's window ends more than the margin after the attempt. Passes chain (each
 * starts {@code overlap} before the previous one ended) and the mirror keeps everything they saw, so once
 * one completed pass reaches past {@code attempt + margin} every update up to then is in the mirror,
 * whatever the pass's own {@code from}; the margin absorbs the gateway's clock running ahead of ours.
 */
public final class SubmissionReconciler implements CompletedPassListener {
    private static final System.Logger LOG = System.getLogger(SubmissionReconciler.class.getName());
    private static final int BATCH = 500;

    private final IntegrationId integration;
    private final Submissions submissions;
    private final Jobs jobs;
    private final Clock clock;
    private final Duration margin;

    public SubmissionReconciler(IntegrationId integration, Submissions submissions, Jobs jobs, Clock clock,
            Duration margin) {
        this.integration = Objects.requireNonNull(integration, "integration");
        this.submissions = Objects.requireNonNull(submissions, "submissions");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.margin = Objects.requireNonNull(margin, "margin");
    }

    @Override
    public void passCompleted(SyncWindow window) {
        for (Submission submission : submissions.inState(integration, SubmissionState.OUTCOME_UNKNOWN, BATCH)) {
            reconcile(submission, window);
        }
    }

    /** Settles one outcome-unknown submission against the mirror after a pass over {@code window}. */
    void reconcile(Submission submission, SyncWindow window) {
        Instant now = clock.instant();
        Optional<MirroredJob> match = findCreated(submission);
        if (match.isPresent()) {
            Job job = match.get().job();
            LOG.log(Level.INFO, "submission {0}: the create did happen, job {1}; not sending again",
                    submission.id(), job.id());
            submissions.update(submission.created(job.id(), Optional.of(job.number()), now));
            return;
        }
        // The create may reach the gateway as late as the moment we gave up on it (the adapter's retries and
        // budget waits come after the claim), so a pass proves "it did not happen" only if it looked past that.
        Instant gaveUpAt = submission.updatedAt();
        if (!window.to().isAfter(gaveUpAt.plus(margin))) {
            return; // no completed pass has looked far enough past the attempt yet
        }
        if (!submission.resent()) {
            LOG.log(Level.INFO, "submission {0}: a completed pass over {1} shows no such job; sending it again, "
                    + "once", submission.id(), window);
            submissions.update(submission.resend(now));
        } else {
            LOG.log(Level.WARNING, "submission {0}: not found after its one re-send; giving up", submission.id());
            submissions.update(submission.failed("the create could not be confirmed after one re-send; check "
                    + "FieldInsight for a job titled '" + submission.draft().title() + "' (external id "
                    + submission.externalId() + ") before creating it again", now));
        }
    }

    private Optional<MirroredJob> findCreated(Submission submission) {
        Optional<MirroredJob> byExternalId = firstMatch(JobSearch.builder().externalId(submission.externalId()),
                candidate -> true);
        if (byExternalId.isPresent()) {
            return byExternalId;
        }
        JobDraft draft = submission.draft();
        Instant attempt = submission.lastAttemptAt().orElse(submission.createdAt());
        // Our attempt time and the first-seen time come from the same clock (ours).
        JobSearch.Builder search = JobSearch.builder().site(draft.site()).firstSeenFrom(attempt)
                .titleContains(draft.title());
        return firstMatch(search, candidate -> candidate.title().equals(draft.title())
                && sameInstant(candidate.startTime(), draft.startTime())
                && sameInstant(candidate.endTime(), draft.endTime())
                && candidate.externalId().map(id -> id.equals(submission.externalId())).orElse(true));
    }

    private Optional<MirroredJob> firstMatch(JobSearch.Builder search, java.util.function.Predicate<Job> accept) {
        Optional<String> after = Optional.empty();
        do {
            JobSlice slice = jobs.search(integration, search.limit(JobSearch.MAX_LIMIT).after(after.orElse(null)).build());
            Optional<MirroredJob> found = slice.jobs().stream().filter(j -> accept.test(j.job())).findFirst();
            if (found.isPresent()) {
                return found;
            }
            after = slice.nextCursor();
        } while (after.isPresent());
        return Optional.empty();
    }

    /** The gateway answers with an offset of its choosing: compare instants, not text. */
    private static boolean sameInstant(Optional<OffsetDateTime> listed, OffsetDateTime sent) {
        return listed.map(time -> time.isEqual(sent)).orElse(false);
    }
}
