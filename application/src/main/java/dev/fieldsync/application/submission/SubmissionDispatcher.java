package dev.fieldsync.application.submission;

import dev.fieldsync.application.lookup.CatalogService;
import dev.fieldsync.application.write.WriteOutcomes;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.job.JobDraft;
import dev.fieldsync.domain.lookup.LookupCatalog;
import dev.fieldsync.domain.problem.RetryClass;
import dev.fieldsync.domain.submission.Submission;
import dev.fieldsync.domain.validation.Violation;
import dev.fieldsync.ports.in.write.DispatchSubmissions;
import dev.fieldsync.ports.out.gateway.CreatedJob;
import dev.fieldsync.ports.out.gateway.Gateway;
import dev.fieldsync.ports.out.gateway.GatewayException;
import dev.fieldsync.ports.out.gateway.GatewayProblemException;
import dev.fieldsync.ports.out.gateway.GatewayResponseException;
import dev.fieldsync.ports.out.gateway.GatewayUnavailableException;
import dev.fieldsync.ports.out.gateway.KeyUnavailableException;
import dev.fieldsync.ports.out.gateway.OutcomeUnknownException;
import dev.fieldsync.ports.out.log.LogFields;
import dev.fieldsync.ports.out.store.Submissions;
import dev.fieldsync.ports.out.store.SyncCheckpoints;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Sends due submissions (the gateway spends interactive budget on creates), each with its reference line
 * appended to the notes (see {@link dev.fieldsync.domain.submission.SubmissionReference}), and settles each one:
 * CREATED; OUTCOME_UNKNOWN when the create may have run (never re-sent here, see
 * {@link SubmissionReconciler}); back to PENDING with exponential backoff when provably nothing ran
 * (429, unreachable, no key); FAILED on a final refusal, with the gateway's hint. Claims older than the
 * lease are from a sender that died mid-send: they become OUTCOME_UNKNOWN, never re-sent blindly.
 */
public final class SubmissionDispatcher implements DispatchSubmissions {
    private static final System.Logger LOG = System.getLogger(SubmissionDispatcher.class.getName());

    private final IntegrationId integration;
    private final Gateway gateway;
    private final Submissions submissions;
    private final CatalogService lookups;
    private final Clock clock;
    private final Duration claimLease;
    private final Duration backoffBase;
    private final Duration backoffMax;
    private final int maxAttempts;
    private final boolean notesReference;
    private final SyncCheckpoints checkpoints;
    private final Duration reconcileMargin;
    private final LogFields logFields;

    public SubmissionDispatcher(
            IntegrationId integration,
            Gateway gateway,
            Submissions submissions,
            CatalogService lookups,
            Clock clock,
            Duration claimLease,
            Duration backoffBase,
            Duration backoffMax,
            int maxAttempts,
            boolean notesReference,
            LogFields logFields,
            SyncCheckpoints checkpoints,
            Duration reconcileMargin) {
        this.integration = Objects.requireNonNull(integration, "integration");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.submissions = Objects.requireNonNull(submissions, "submissions");
        this.lookups = Objects.requireNonNull(lookups, "lookups");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.claimLease = Objects.requireNonNull(claimLease, "claimLease");
        this.backoffBase = Objects.requireNonNull(backoffBase, "backoffBase");
        this.backoffMax = Objects.requireNonNull(backoffMax, "backoffMax");
        this.maxAttempts = maxAttempts;
        this.notesReference = notesReference;
        this.logFields = Objects.requireNonNull(logFields, "logFields");
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
        this.reconcileMargin = Objects.requireNonNull(reconcileMargin, "reconcileMargin");
    }

    @Override
    public DispatchReport dispatchDue(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("dispatch at least one submission, got max " + max);
        }
        int unknown = releaseAbandonedClaims();
        if (checkpoints
                .load(integration)
                .filter(c -> c.firstPassIsYoung(clock.instant(), reconcileMargin))
                .isPresent()) {
            // Wait (at most the margin, once per integration): a lost answer is then told apart from the jobs the
            // first pass lists, whose window ended before the create went out.
            return new DispatchReport(0, unknown, 0, 0);
        }
        int created = 0;
        int failed = 0;
        int retryLater = 0;
        for (Submission claimed : submissions.claimDue(integration, clock.instant(), max)) {
            Submission settled;
            // Every line logged while sending (the gateway call's too) names the submission.
            try (LogFields.Scope fields =
                    logFields.with(Map.of("submission", claimed.id().value()))) {
                settled = send(claimed);
                submissions.update(settled);
            }
            switch (settled.state()) {
                case CREATED -> created++;
                case OUTCOME_UNKNOWN -> unknown++;
                case FAILED -> failed++;
                default -> retryLater++;
            }
        }
        return new DispatchReport(created, unknown, failed, retryLater);
    }

    private int releaseAbandonedClaims() {
        Instant now = clock.instant();
        List<Submission> abandoned = submissions.claimedBefore(integration, now.minus(claimLease));
        for (Submission submission : abandoned) {
            try (LogFields.Scope fields =
                    logFields.with(Map.of("submission", submission.id().value()))) {
                LOG.log(
                        Level.WARNING,
                        "submission {0} was claimed at {1} and never settled: its sender stopped "
                                + "mid-send; reconciling instead of re-sending",
                        submission.id(),
                        submission.claimedAt().orElse(null));
            }
            submissions.update(submission.outcomeUnknown(
                    "the sending instance stopped while sending; whether the job was created is unknown", now));
        }
        return abandoned.size();
    }

    private Submission send(Submission submission) {
        try {
            CreatedJob job = gateway.createJob(toSend(submission));
            LOG.log(Level.INFO, "submission {0} created job {1}", submission.id(), job.id());
            return submission.created(job.id(), job.number(), clock.instant());
        } catch (OutcomeUnknownException unknown) {
            return outcomeUnknown(submission, unknown.describe());
        } catch (GatewayProblemException problem) {
            RetryClass retry = problem.problem().retryClass();
            if (retry == RetryClass.RETRYABLE) {
                return retryOrGiveUp(submission, problem);
            }
            if (retry == RetryClass.OUTCOME_UNKNOWN_FOR_WRITES) {
                return outcomeUnknown(submission, problem.describe());
            }
            return failed(submission, problem);
        } catch (GatewayUnavailableException | KeyUnavailableException nothingRan) {
            return retryOrGiveUp(submission, nothingRan);
        } catch (GatewayResponseException unusable) {
            // Something answered, but not usably: the create may have run.
            return outcomeUnknown(submission, unusable.describe());
        } catch (RuntimeException unexpected) {
            LOG.log(Level.ERROR, "submission " + submission.id() + ": unexpected failure while sending", unexpected);
            return outcomeUnknown(submission, "unexpected failure while sending: " + unexpected);
        }
    }

    /** The draft as sent: with the reference line after the user's notes, unless that is turned off. */
    private JobDraft toSend(Submission submission) {
        JobDraft draft = submission.draft();
        return notesReference ? draft.withNotes(submission.reference().appendTo(draft.notes())) : draft;
    }

    private Submission outcomeUnknown(Submission submission, String error) {
        LOG.log(
                Level.WARNING,
                "submission {0} (external id {1}): outcome unknown, reconciling from sync: {2}",
                submission.id(),
                submission.externalId(),
                error);
        return submission.outcomeUnknown(error, clock.instant());
    }

    private Submission failed(Submission submission, GatewayProblemException problem) {
        String message = problem.describe() + ". " + problem.hint();
        if (WriteOutcomes.mayBeStaleId(problem) && lookups.refreshAfterStaleId()) {
            // With fresh lookups we can often say exactly which id is gone.
            LookupCatalog fresh = lookups.catalog();
            List<Violation> now = fresh.validate(submission.draft());
            if (!now.isEmpty()) {
                message += " After refreshing the lookups: "
                        + now.stream().map(Violation::message).collect(Collectors.joining("; "));
            }
        }
        LOG.log(Level.WARNING, "submission {0} failed: {1}", submission.id(), problem.describe());
        return submission.failed(message, clock.instant());
    }

    private Submission retryOrGiveUp(Submission submission, GatewayException nothingRan) {
        Instant now = clock.instant();
        if (submission.attempts() >= maxAttempts) {
            return submission.failed(
                    "gave up after " + submission.attempts() + " attempts: " + nothingRan.describe() + ". "
                            + nothingRan.hint(),
                    now);
        }
        Duration delay = backoff(submission.attempts());
        LOG.log(
                Level.INFO,
                "submission {0} not sent ({1}); trying again in {2}",
                submission.id(),
                nothingRan.describe(),
                delay);
        return submission.retryAt(now.plus(delay), nothingRan.describe(), now);
    }

    /** base * 2^(attempts-1), capped; no jitter needed: the rate budget already spreads the callers. */
    private Duration backoff(int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 20);
        Duration delay = backoffBase.multipliedBy(1L << doublings);
        return delay.compareTo(backoffMax) > 0 ? backoffMax : delay;
    }
}
