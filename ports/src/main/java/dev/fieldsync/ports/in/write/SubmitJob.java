package dev.fieldsync.ports.in.write;

import dev.fieldsync.domain.job.JobDraftInput;
import dev.fieldsync.domain.submission.Submission;
import dev.fieldsync.domain.submission.SubmissionId;
import java.util.Optional;

/**
 * Creates jobs through the durable outbox: validates against the rules and the catalog (names accepted
 * where ids are expected), stores the submission with an external id, and leaves sending to
 * {@link DispatchSubmissions}.
 */
public interface SubmitJob {

    SubmitResult submit(JobDraftInput input);

    Optional<Submission> submission(SubmissionId id);
}
