package dev.fieldsync.domain.id;

/** A job's human-facing number (a JSON string such as "16"); not the job id. */
public record JobNumber(String value) {
    public JobNumber {
        if (value == null || value.isBlank() || value.length() > 64) {
            throw new IllegalArgumentException("job number must be 1-64 characters");
        }
    }

    public static JobNumber of(String value) {
        return new JobNumber(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
