package dev.fieldsync.domain.validation;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Collects violations of the gateway's documented field rules; one instance per validation. */
public final class FieldRules {
    private final List<Violation> violations = new ArrayList<>();

    public List<Violation> violations() {
        return List.copyOf(violations);
    }

    public boolean hasViolations() {
        return !violations.isEmpty();
    }

    public FieldRules add(Violation violation) {
        violations.add(violation);
        return this;
    }

    public FieldRules addAll(List<Violation> more) {
        violations.addAll(more);
        return this;
    }

    /** A required text: present, not blank, at most {@code max} characters. */
    public Optional<String> required(String field, Optional<String> value, int max) {
        return required(field, value.orElse(null), max);
    }

    private Optional<String> required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            add(Violation.of(field, "required", field + " is required"));
            return Optional.empty();
        }
        return maxLength(field, value, max);
    }

    /** An optional text of at most {@code max} characters; null means absent. */
    public Optional<String> optional(String field, Optional<String> value, int max) {
        return optional(field, value.orElse(null), max);
    }

    private Optional<String> optional(String field, String value, int max) {
        if (value == null) {
            return Optional.empty();
        }
        return maxLength(field, value, max);
    }

    /** A present text of 1 to {@code max} characters (used for PATCH title, where empty is an error). */
    public Optional<String> nonEmpty(String field, Optional<String> value, int max) {
        return nonEmpty(field, value.orElse(null), max);
    }

    private Optional<String> nonEmpty(String field, String value, int max) {
        if (value != null && value.isBlank()) {
            add(Violation.of(field, "required", field + " must not be empty"));
            return Optional.empty();
        }
        return optional(field, value, max);
    }

    private Optional<String> maxLength(String field, String value, int max) {
        int length = value.codePointCount(0, value.length());
        if (length > max) {
            add(Violation.of(
                    field, "max-length", field + " is " + length + " characters; the gateway accepts at most " + max));
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** A required ISO-8601 date-time that carries an offset, such as 2026-07-01T09:00:00+10:00. */
    public Optional<OffsetDateTime> requiredTime(String field, Optional<String> value) {
        return requiredTime(field, value.orElse(null));
    }

    private Optional<OffsetDateTime> requiredTime(String field, String value) {
        if (value == null || value.isBlank()) {
            add(Violation.of(
                    field,
                    "required",
                    field + " is required (ISO-8601 with an offset, e.g. 2026-07-01T09:00:00+10:00)"));
            return Optional.empty();
        }
        return optionalTime(field, value);
    }

    /** An optional ISO-8601 date-time with an offset; null means absent. */
    public Optional<OffsetDateTime> optionalTime(String field, Optional<String> value) {
        return optionalTime(field, value.orElse(null));
    }

    private Optional<OffsetDateTime> optionalTime(String field, String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        } catch (DateTimeParseException notWithOffset) {
            try {
                java.time.LocalDateTime.parse(value.trim());
                add(Violation.of(
                        field,
                        "offset-required",
                        field + " '" + value + "' has no offset; add one, e.g. " + value.trim() + "+10:00 or Z"));
            } catch (DateTimeParseException notADateTime) {
                add(Violation.of(
                        field,
                        "iso-8601",
                        field + " '" + value + "' is not an ISO-8601 date-time; use e.g. 2026-07-01T09:00:00+10:00"));
            }
            return Optional.empty();
        }
    }

    /** End strictly after start, when both are known. */
    public void endAfterStart(Optional<OffsetDateTime> start, Optional<OffsetDateTime> end) {
        if (start.isPresent() && end.isPresent() && !end.get().isAfter(start.get())) {
            add(Violation.of(
                    "end_time",
                    "end-after-start",
                    "end_time " + end.get() + " must be after start_time " + start.get()));
        }
    }

    /** A required numeric id (digits only). */
    public Optional<String> requiredId(String field, Optional<String> value) {
        return requiredId(field, value.orElse(null));
    }

    private Optional<String> requiredId(String field, String value) {
        if (value == null || value.isBlank()) {
            add(Violation.of(field, "required", field + " is required"));
            return Optional.empty();
        }
        return optionalId(field, value);
    }

    /** An optional numeric id (digits only); null means absent. */
    public Optional<String> optionalId(String field, Optional<String> value) {
        return optionalId(field, value.orElse(null));
    }

    private Optional<String> optionalId(String field, String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (!dev.fieldsync.domain.id.NumericId.isDigits(value)) {
            add(Violation.of(field, "numeric-id", field + " must be a numeric id (digits only), got '" + value + "'"));
            return Optional.empty();
        }
        return Optional.of(value);
    }
}
