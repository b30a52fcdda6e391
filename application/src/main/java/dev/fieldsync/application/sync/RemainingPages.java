package dev.fieldsync.application.sync;

import dev.fieldsync.domain.sync.PassProgress;
import dev.fieldsync.domain.sync.SyncWindow;
import dev.fieldsync.ports.in.sync.SyncOutcome;
import dev.fieldsync.ports.out.gateway.JobPage;
import dev.fieldsync.ports.out.gateway.JobQuery;
import java.util.Optional;

/**
 * How many pages a pass has left, after each page: 0 after the last page; else the pages of the previous completed
 * pass scaled by this window's length (passes of the same cadence see similar traffic); else, when the mirror
 * holds more jobs than this pass has seen (a re-sync over an existing mirror), the rest of the mirror in pages of
 * 100; else no estimate.
 */
final class RemainingPages {
    private RemainingPages() {}

    static Optional<Long> estimate(
            SyncWindow window,
            PassProgress pass,
            JobPage page,
            long mirrorSizeAtStart,
            Optional<SyncOutcome> previous) {
        if (page.isLast()) {
            return Optional.of(0L);
        }
        if (previous.isPresent() && !previous.get().window().isEmpty() && !window.isEmpty()) {
            double scale = (double) window.length().toMillis()
                    / previous.get().window().length().toMillis();
            long expected = (long) Math.ceil(previous.get().pages() * scale);
            return Optional.of(Math.max(1, expected - pass.pagesDone()));
        }
        long unseen = mirrorSizeAtStart - pass.jobsSeen();
        if (unseen > 0) {
            return Optional.of(Math.max(1, ceilDiv(unseen, JobQuery.MAX_PAGE_SIZE)));
        }
        return Optional.empty();
    }

    private static long ceilDiv(long value, long divisor) {
        return (value + divisor - 1) / divisor;
    }
}
