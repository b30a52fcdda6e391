package dev.fieldsync.domain.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** The half-open window {@code [from, to)} of {@code updated_at} that one sync pass asks for. */
public record SyncWindow(Instant from, Instant to) {
    public SyncWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException(
                    "a sync window must not end (" + to + ") before it starts (" + from + ")");
        }
    }

    /** A zero-length window asks for nothing. */
    public boolean isEmpty() {
        return from.equals(to);
    }

    public Duration length() {
        return Duration.between(from, to);
    }

    /** True when {@code instant} lies in {@code [from, to)}. */
    public boolean contains(Instant instant) {
        return !instant.isBefore(from) && instant.isBefore(to);
    }

    @Override
    public String toString() {
        return "[" + from + ", " + to + ")";
    }
}
