package dev.fieldsync.domain.id;

/** The gateway's job type id: a string of digits. */
public record JobTypeId(String value) implements Comparable<JobTypeId> {
    public JobTypeId {
        NumericId.requireDigits("job type id", value);
    }

    public static JobTypeId of(String value) {
        return new JobTypeId(value);
    }

    /** Numeric order (shorter digit strings first), so "9" sorts before "10". */
    @Override
    public int compareTo(JobTypeId other) {
        int byLength = Integer.compare(value.length(), other.value.length());
        return byLength != 0 ? byLength : value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
