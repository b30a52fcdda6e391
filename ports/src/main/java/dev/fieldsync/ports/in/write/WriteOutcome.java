package dev.fieldsync.ports.in.write;

import dev.fieldsync.domain.problem.GatewayProblem;
import dev.fieldsync.domain.validation.Violation;
import java.util.List;

/** The typed result of a write: done, invalid input, refused by the gateway, outcome unknown, needs review, or failed. */
public sealed interface WriteOutcome<T> {

    /** The gateway did it. */
    record Done<T>(T value) implements WriteOutcome<T> {}

    /** Refused before any call; every violation is listed. */
    record Invalid<T>(List<Violation> violations) implements WriteOutcome<T> {
        public Invalid {
            violations = List.copyOf(violations);
        }
    }

    /** The gateway refused (e.g. 409 editing-locked, 503 writes-disabled); {@code hint} says what to do. */
    record Refused<T>(GatewayProblem problem, String hint) implements WriteOutcome<T> {}

    /** It may or may not have happened; fieldsync will find out from later sync passes. */
    record OutcomeUnknown<T>(String message, String hint) implements WriteOutcome<T> {}

    /**
     * It may have happened and fieldsync found candidates but no proof (e.g. a new site with another name): a
     * person decides. {@code candidates} are the ids it may have become.
     */
    record NeedsReview<T>(List<String> candidates, String message, String hint) implements WriteOutcome<T> {
        public NeedsReview {
            candidates = List.copyOf(candidates);
        }
    }

    /** The gateway could not be reached or answered with something unusable; nothing is known to have run. */
    record Failed<T>(String message, String hint) implements WriteOutcome<T> {}
}
