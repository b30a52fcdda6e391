package dev.fieldsync.domain.sync;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A pass under way: its window, the cursor of the next page (empty before the first page) and counts. */
public record PassProgress(
        SyncWindow window, Optional<String> nextCursor, int pagesDone, long jobsSeen, Instant startedAt) {
    public PassProgress {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(nextCursor, "nextCursor");
        Objects.requireNonNull(startedAt, "startedAt");
        if (pagesDone < 0 || jobsSeen < 0) {
            throw new IllegalArgumentException("pass counts must not be negative");
        }
    }

    public static PassProgress started(SyncWindow window, Instant startedAt) {
        return new PassProgress(window, Optional.empty(), 0, 0, startedAt);
    }

    /** The progress after one more page, which pointed at {@code cursor} (empty: that was the last page). */
    public PassProgress afterPage(Optional<String> cursor, int jobsOnPage) {
        return new PassProgress(window, cursor, pagesDone + 1, jobsSeen + jobsOnPage, startedAt);
    }
}
