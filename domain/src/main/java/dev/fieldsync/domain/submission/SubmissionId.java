package dev.fieldsync.domain.submission;

import java.util.UUID;

/** Identifies one submission in the outbox. */
public record SubmissionId(String value) {
    public SubmissionId {
        if (value == null || value.isBlank() || value.length() > 64) {
            throw new IllegalArgumentException("a submission id is 1-64 characters");
        }
    }

    public static SubmissionId of(String value) {
        return new SubmissionId(value);
    }

    public static SubmissionId random() {
        return new SubmissionId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
