package dev.fieldsync.ports.in.write;

import dev.fieldsync.domain.submission.Submission;
import dev.fieldsync.domain.validation.Violation;
import java.util.List;

/** Accepted into the outbox, or rejected with every problem (and suggestions in the messages). */
public sealed interface SubmitResult {

    record Accepted(Submission submission) implements SubmitResult {}

    record Rejected(List<Violation> violations) implements SubmitResult {
        public Rejected {
            violations = List.copyOf(violations);
        }
    }
}
