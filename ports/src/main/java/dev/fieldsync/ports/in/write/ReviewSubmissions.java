package dev.fieldsync.ports.in.write;

import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.submission.Submission;
import dev.fieldsync.domain.submission.SubmissionId;
import dev.fieldsync.domain.submission.SubmissionState;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The operator's side of the outbox: what waits for a person (needs review, outcome unknown, failed) and the
 * actions that settle it. Every action is recorded on the submission with the actor's name.
 */
public interface ReviewSubmissions {
    int MAX_LIMIT = 500;

    /** Submissions in any of {@code states} (every state when empty), oldest first, after {@code after}. */
    SubmissionPage list(Set<SubmissionState> states, Optional<SubmissionId> after, int limit);

    /** How many submissions are in each state (every state present). */
    Map<SubmissionState, Long> counts();

    /** "It became job {@code job}": the job must be in the mirror, at the submission's site, and nobody else's. */
    ReviewOutcome confirm(SubmissionId id, JobId job, Optional<String> actor);

    /** Send it again now, explicitly (it may create a second job: that is the person's call). */
    ReviewOutcome resend(SubmissionId id, Optional<String> actor);

    /** Give it up: it is never sent again. */
    ReviewOutcome abandon(SubmissionId id, Optional<String> reason, Optional<String> actor);

    /** One page of a listing; {@code next} is the {@code after} of the following page. */
    record SubmissionPage(List<Submission> submissions, Optional<SubmissionId> next) {
        public SubmissionPage {
            submissions = List.copyOf(submissions);
            Objects.requireNonNull(next, "next");
        }
    }
}
