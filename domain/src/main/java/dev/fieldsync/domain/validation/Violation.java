package dev.fieldsync.domain.validation;

import java.util.Objects;

/**
 * One broken rule: which field, which rule (a stable code such as {@code max-length}), and a message a
 * person can act on.
 */
public record Violation(String field, String rule, String message) {
    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }

    public static Violation of(String field, String rule, String message) {
        return new Violation(field, rule, message);
    }

    @Override
    public String toString() {
        return field + ": " + message + " [" + rule + "]";
    }
}
