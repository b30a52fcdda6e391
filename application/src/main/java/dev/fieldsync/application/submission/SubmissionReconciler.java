package dev.fieldsync.application.submission;

import dev.fieldsync.application.sync.CompletedPassListener;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.mirror.MirroredJob;
import dev.fieldsync.domain.submission.Submission;
import dev.fieldsync.domain.submission.SubmissionState;
import dev.fieldsync.domain.sync.SyncWindow;
import dev.fieldsync.ports.out.store.Jobs;
import dev.fieldsync.ports.out.store.Submissions;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Settles outcome-unknown creates after each completed sync pass (ARCHITECTURE.md §5). Of what a create
 * sends, only the site is certain to come back unchanged: the scheduling team confirms another window (and
 * offset and status), the office may rename the job, and the list never returns {@code external_id}. So:
 * <ol>
 *   <li><b>Identity</b> — a mirrored job that carries the submission's reference line in its notes (or its
 *   external id, where a gateway lists it) is the job: CREATED at once. Several such jobs mean the create ran
 *   more than once: NEEDS_REVIEW, listing them.</li>
 *   <li>Only once two successive completed passes have <b>covered</b> the attempt (their windows end more than
 *   the margin after the moment we gave up on the create; one is not enough, a job updated while it pages moves
 *   past its window into the next), the <b>candidates</b>: jobs at the same site, first seen at or after
 *   the first uncertain attempt and not listed by a window that ended before it, not known to be another
 *   submission's (by its id, its reference line or its external id). Exactly one, with the same title, and no other unsettled submission that could claim it
 *   (same site and title) ⇒ CREATED. None at all ⇒ sent again, once (a re-sent one that again shows nothing is
 *   FAILED: there is never a third send). Anything else ⇒ NEEDS_REVIEW with the candidates: a duplicate
 *   job is worse than a question to a person.</li>
 * </ol>
 * NEEDS_REVIEW submissions are looked at again for identity only (a reference that shows up later settles one).
 *
 * <p>"Covered": passes chain (each starts {@code overlap} before the previous one ended) and the mirror keeps
 * everything they saw, so once one completed pass reaches past {@code gave up + margin} every update up to
 * then is in the mirror, whatever the pass's own {@code from}; the margin absorbs the gateway's clock running
 * ahead of ours and a create sent after its claim (the adapter's retries and budget waits).
 */
public final class SubmissionReconciler implements CompletedPassListener {
    private static final System.Logger LOG = System.getLogger(SubmissionReconciler.class.getName());
    private static final int BATCH = 500;
    /** A person cannot weigh more than this many candidates; a busier site still lists the first ones. */
    private static final int MAX_CANDIDATES = 50;
    /** States in which a submission may still turn out to be a mirrored job that no submission owns yet. */
    private static final EnumSet<SubmissionState> UNSETTLED =
            EnumSet.of(SubmissionState.SENDING, SubmissionState.OUTCOME_UNKNOWN, SubmissionState.NEEDS_REVIEW);

    private final IntegrationId integration;
    private final Submissions submissions;
    private final ReconciliationEvidence evidence;
    private final Clock clock;
    private final Duration margin;

    public SubmissionReconciler(
            IntegrationId integration, Submissions submissions, Jobs jobs, Clock clock, Duration margin) {
        this.integration = Objects.requireNonNull(integration, "integration");
        this.submissions = Objects.requireNonNull(submissions, "submissions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.margin = Objects.requireNonNull(margin, "margin");
        this.evidence = new ReconciliationEvidence(integration, jobs, submissions, margin);
    }

    @Override
    public void passCompleted(SyncWindow window) {
        List<Submission> unknown = submissions.inState(integration, SubmissionState.OUTCOME_UNKNOWN, BATCH);
        List<Submission> inReview = submissions.inState(integration, SubmissionState.NEEDS_REVIEW, BATCH);
        if (unknown.isEmpty() && inReview.isEmpty()) {
            return;
        }
        List<Submission> unsettled =
                new ArrayList<>(submissions.list(integration, UNSETTLED, Optional.empty(), BATCH * 2));
        for (Submission submission : inReview) {
            identifyLater(submission).ifPresent(settled -> unsettled.removeIf(s -> s.id().equals(settled.id())));
        }
        for (Submission submission : unknown) {
            Submission settled = reconcile(submission, window, unsettled);
            if (!UNSETTLED.contains(settled.state())) {
                unsettled.removeIf(s -> s.id().equals(settled.id())); // it no longer competes for jobs
            }
        }
    }

    /** Settles one outcome-unknown submission against the mirror after a pass over {@code window}. */
    Submission reconcile(Submission submission, SyncWindow window) {
        return reconcile(submission, window, submissions.list(integration, UNSETTLED, Optional.empty(), BATCH * 2));
    }

    private Submission reconcile(Submission submission, SyncWindow window, List<Submission> unsettled) {
        Instant now = clock.instant();
        List<MirroredJob> identified = evidence.identified(submission);
        if (identified.size() == 1) {
            return settle(submission.reconciled(
                    identified.get(0).job().id(),
                    Optional.of(identified.get(0).job().number()),
                    evidence.howIdentified(submission, identified.get(0).job()),
                    now));
        }
        if (identified.size() > 1) {
            return settle(submission.needsReview(
                    ids(identified),
                    identified.size() + " jobs carry this submission's "
                            + "reference: the create ran more than once. Keep one, cancel the others in FieldInsight, and "
                            + "confirm the one you keep",
                    now));
        }
        // The create may reach the gateway as late as the moment we gave up on it (the adapter's retries and
        // budget waits come after the claim), so a pass proves "it did not happen" only if it looked past that.
        Instant gaveUpAt = submission.updatedAt();
        if (!window.to().isAfter(gaveUpAt.plus(margin))) {
            return submission; // no completed pass has looked far enough past the attempt yet
        }
        // One covering pass does not show every candidate: a job the scheduling team or the office updated between
        // that pass's start (its window's end) and the moment it listed the job's page moved past the window, and
        // only the next pass lists it. Decisions from candidates wait for a second, later covering pass.
        if (submission
                .firstCoveredBy()
                .filter(first -> window.to().isAfter(first))
                .isEmpty()) {
            Submission once = submission.coveredOnce(submission.firstCoveredBy().orElse(window.to()), clock.instant());
            submissions.update(once);
            return once;
        }
        List<MirroredJob> candidates = evidence.candidates(submission);
        if (candidates.isEmpty()) {
            return notFound(submission, window, now);
        }
        Job only = candidates.get(0).job();
        if (candidates.size() == 1 && only.title().equals(submission.draft().title())) {
            Optional<Submission> rival = rival(submission, unsettled);
            if (rival.isEmpty()) {
                return settle(submission.reconciled(
                        only.id(),
                        Optional.of(only.number()),
                        "the only new job at site " + submission.draft().site()
                                + " since the attempt, with the same title",
                        now));
            }
            return settle(submission.needsReview(
                    List.of(only.id()),
                    "job " + only.id() + " matches, but submission "
                            + rival.get().id() + " (" + rival.get().state()
                            + ") has the same site and title and may be the "
                            + "one that created it: confirm which job is whose",
                    now));
        }
        return settle(submission.needsReview(ids(candidates), describe(candidates, submission), now));
    }

    /** A NEEDS_REVIEW submission whose reference (or external id) has shown up since settles by itself. */
    private Optional<Submission> identifyLater(Submission submission) {
        List<MirroredJob> identified = evidence.identified(submission);
        if (identified.size() != 1) {
            return Optional.empty();
        }
        Job job = identified.get(0).job();
        return Optional.of(settle(submission.reconciled(
                job.id(),
                Optional.of(job.number()),
                evidence.howIdentified(submission, job) + " (after review was asked for)",
                clock.instant())));
    }

    private Submission notFound(Submission submission, SyncWindow window, Instant now) {
        if (!submission.resent()) {
            LOG.log(
                    Level.INFO,
                    "submission {0}: a completed pass over {1} shows no candidate job at site {2}; "
                            + "sending it again, once",
                    submission.id(),
                    window,
                    submission.draft().site());
            return settle(submission.resend(now));
        }
        LOG.log(Level.WARNING, "submission {0}: not found after its one re-send; giving up", submission.id());
        return settle(submission.failed(
                "the create could not be confirmed after one re-send: no job at site "
                        + submission.draft().site() + " carries its reference "
                        + submission.reference().line()
                        + "; check FieldInsight for a job titled '"
                        + submission.draft().title() + "' before creating it again",
                now));
    }

    /** Another unsettled submission that a job with this site and title could equally belong to. */
    private static Optional<Submission> rival(Submission submission, List<Submission> unsettled) {
        return unsettled.stream()
                .filter(other -> !other.id().equals(submission.id())
                        && other.draft().site().equals(submission.draft().site())
                        && other.draft().title().equals(submission.draft().title()))
                .findFirst();
    }

    private Submission settle(Submission settled) {
        LOG.log(
                settled.state() == SubmissionState.NEEDS_REVIEW ? Level.WARNING : Level.INFO,
                "submission {0} (external id {1}): {2}{3}",
                settled.id(),
                settled.externalId(),
                settled.state(),
                settled.history().isEmpty()
                        ? ""
                        : ": "
                                + settled.history()
                                        .get(settled.history().size() - 1)
                                        .detail());
        submissions.update(settled);
        return settled;
    }

    private static String describe(List<MirroredJob> candidates, Submission submission) {
        String title = submission.draft().title();
        long sameTitle =
                candidates.stream().filter(c -> c.job().title().equals(title)).count();
        String what = candidates.size() == 1
                ? "one new job at site " + submission.draft().site() + " since the attempt, titled '"
                        + candidates.get(0).job().title() + "' instead of '" + title + "'"
                : candidates.size() + " new jobs at site " + submission.draft().site() + " since the attempt ("
                        + sameTitle + " with the same title)";
        return what + ", none carrying its reference: confirm the one it became, resend it, or abandon it";
    }

    private static List<JobId> ids(List<MirroredJob> jobs) {
        return jobs.stream().limit(MAX_CANDIDATES).map(job -> job.job().id()).toList();
    }
}
