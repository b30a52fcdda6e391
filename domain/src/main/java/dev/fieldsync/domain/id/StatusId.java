package dev.fieldsync.domain.id;

/** The gateway's status id: a string of digits. */
public record StatusId(String value) implements Comparable<StatusId> {
    public StatusId {
        NumericId.requireDigits("status id", value);
    }

    public static StatusId of(String value) {
        return new StatusId(value);
    }

    /** Numeric order (shorter digit strings first), so "9" sorts before "10". */
    @Override
    public int compareTo(StatusId other) {
        int byLength = Integer.compare(value.length(), other.value.length());
        return byLength != 0 ? byLength : value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
