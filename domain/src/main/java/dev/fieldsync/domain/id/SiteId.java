package dev.fieldsync.domain.id;

/** The gateway's site id: a string of digits. */
public record SiteId(String value) implements Comparable<SiteId> {
    public SiteId {
        NumericId.requireDigits("site id", value);
    }

    public static SiteId of(String value) {
        return new SiteId(value);
    }

    /** Numeric order (shorter digit strings first), so "9" sorts before "10". */
    @Override
    public int compareTo(SiteId other) {
        int byLength = Integer.compare(value.length(), other.value.length());
        return byLength != 0 ? byLength : value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
