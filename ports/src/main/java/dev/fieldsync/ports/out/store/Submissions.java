package dev.fieldsync.ports.out.store;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.submission.Submission;
import dev.fieldsync.domain.submission.SubmissionId;
import dev.fieldsync.domain.submission.SubmissionState;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The durable outbox of job creates. */
public interface Submissions {

    /** Stores a new submission; fails if its id exists. */
    void add(Submission submission);

    Optional<Submission> find(SubmissionId id);

    Optional<Submission> findByExternalId(IntegrationId integration, String externalId);

    /**
     * Atomically claims up to {@code max} pending submissions due at {@code now}: each comes back
     * {@link Submission#claimed claimed} (state SENDING). Concurrent callers, in this process or in other
     * instances on the same database, never claim the same submission.
     */
    List<Submission> claimDue(IntegrationId integration, Instant now, int max);

    /** Saves a submission's new state. */
    void update(Submission submission);

    /** Submissions in a state, oldest first. */
    List<Submission> inState(IntegrationId integration, SubmissionState state, int max);

    /**
     * Up to {@code max} submissions in any of {@code states}, oldest first (created at, then id), starting after
     * submission {@code after} when given (keyset paging; an unknown {@code after} starts from the beginning).
     */
    List<Submission> list(
            IntegrationId integration, Set<SubmissionState> states, Optional<SubmissionId> after, int max);

    /** Which of {@code jobs} a submission of this integration is known to have created, and which submission. */
    Map<JobId, SubmissionId> ownersOf(IntegrationId integration, Collection<JobId> jobs);

    /** Claimed (SENDING) submissions whose claim is older than {@code cutoff}: their sender died. */
    List<Submission> claimedBefore(IntegrationId integration, Instant cutoff);

    Map<SubmissionState, Long> countByState(IntegrationId integration);
}
