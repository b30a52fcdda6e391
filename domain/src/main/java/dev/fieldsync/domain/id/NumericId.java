package dev.fieldsync.domain.id;

import java.util.Objects;

/** Shared check for the gateway's numeric ids, which always travel as JSON strings of digits. */
public final class NumericId {
    private static final int MAX_LENGTH = 19;

    private NumericId() {}

    /** Returns {@code value} when it is 1–19 ASCII digits, else throws naming the kind of id. */
    public static String requireDigits(String kind, String value) {
        Objects.requireNonNull(value, () -> kind + " must not be null");
        if (value.isEmpty() || value.length() > MAX_LENGTH || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(
                    kind + " must be 1-" + MAX_LENGTH + " digits, got '" + abbreviate(value) + "'");
        }
        return value;
    }

    /** True when {@code value} would be accepted by {@link #requireDigits}. */
    public static boolean isDigits(String value) {
        return value != null
                && !value.isEmpty()
                && value.length() <= MAX_LENGTH
                && value.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
