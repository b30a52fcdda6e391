package dev.fieldsync.domain.id;

/** The gateway's customer id: a string of digits. */
public record CustomerId(String value) implements Comparable<CustomerId> {
    public CustomerId {
        NumericId.requireDigits("customer id", value);
    }

    public static CustomerId of(String value) {
        return new CustomerId(value);
    }

    /** Numeric order (shorter digit strings first), so "9" sorts before "10". */
    @Override
    public int compareTo(CustomerId other) {
        int byLength = Integer.compare(value.length(), other.value.length());
        return byLength != 0 ? byLength : value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
