package dev.fieldsync.ports.in.write;

import dev.fieldsync.domain.submission.OperatorAction;
import dev.fieldsync.domain.submission.Submission;
import dev.fieldsync.domain.submission.SubmissionId;
import dev.fieldsync.domain.validation.Violation;
import java.util.List;

/** The typed result of an operator action on a submission. */
public sealed interface ReviewOutcome {

    /** Done and recorded; {@code submission} is its new state. */
    record Done(Submission submission) implements ReviewOutcome {}

    /** No submission of this integration has that id. */
    record NotFound(SubmissionId id) implements ReviewOutcome {}

    /** The action is not allowed in the submission's state; {@code hint} says what is. */
    record NotAllowed(Submission submission, OperatorAction action, String hint) implements ReviewOutcome {}

    /** The action's input is wrong (e.g. a job that is not in the mirror, or at another site). */
    record Invalid(List<Violation> violations) implements ReviewOutcome {
        public Invalid {
            violations = List.copyOf(violations);
        }
    }
}
