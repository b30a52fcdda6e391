package dev.fieldsync.domain.id;

/** The gateway's project id: a string of digits. */
public record ProjectId(String value) implements Comparable<ProjectId> {
    public ProjectId {
        NumericId.requireDigits("project id", value);
    }

    public static ProjectId of(String value) {
        return new ProjectId(value);
    }

    /** Numeric order (shorter digit strings first), so "9" sorts before "10". */
    @Override
    public int compareTo(ProjectId other) {
        int byLength = Integer.compare(value.length(), other.value.length());
        return byLength != 0 ? byLength : value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
