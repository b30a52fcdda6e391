package dev.fieldsync.domain.sync;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A sweep under way: its number, the cursor of the next page (empty before the first page; empty after pages
 * means the last page is applied), what it has seen and repaired so far, and when it started (jobs first seen
 * or changed by a sync after that are never taken for gone by it).
 */
public record SweepProgress(
        long sweep, Optional<String> nextCursor, int pagesDone, long jobsSeen, long repaired, Instant startedAt) {
    public SweepProgress {
        Objects.requireNonNull(nextCursor, "nextCursor");
        Objects.requireNonNull(startedAt, "startedAt");
        if (sweep < 1 || pagesDone < 0 || jobsSeen < 0 || repaired < 0) {
            throw new IllegalArgumentException("a sweep's number starts at 1 and its counts are not negative");
        }
    }

    /** Whether the last page was applied (only the completion is missing). */
    public boolean pagesFinished() {
        return pagesDone > 0 && nextCursor.isEmpty();
    }
}
