package dev.fieldsync.ports.in.verify;

import java.util.Objects;
import java.util.Optional;

/** One checklist step: what was checked, how it went, and for a failure what it means and what to do. */
public record VerificationStep(
        String name, Outcome outcome, String detail, Optional<String> meaning, Optional<String> action) {

    /** How a step went. */
    public enum Outcome {
        PASSED,
        WARNING,
        FAILED,
        SKIPPED
    }

    public VerificationStep {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(outcome, "outcome");
        detail = detail == null ? "" : detail;
        Objects.requireNonNull(meaning, "meaning");
        Objects.requireNonNull(action, "action");
    }
}
