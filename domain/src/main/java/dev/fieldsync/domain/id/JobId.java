package dev.fieldsync.domain.id;

/** The gateway's job id: a string of digits. */
public record JobId(String value) implements Comparable<JobId> {
    public JobId {
        NumericId.requireDigits("job id", value);
    }

    public static JobId of(String value) {
        return new JobId(value);
    }

    /** Numeric order (shorter digit strings first), so "9" sorts before "10". */
    @Override
    public int compareTo(JobId other) {
        int byLength = Integer.compare(value.length(), other.value.length());
        return byLength != 0 ? byLength : value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
