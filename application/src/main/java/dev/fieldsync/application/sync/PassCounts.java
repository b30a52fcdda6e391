package dev.fieldsync.application.sync;

import dev.fieldsync.domain.sync.SyncWindow;
import dev.fieldsync.ports.in.sync.SyncOutcome;
import dev.fieldsync.ports.in.sync.SyncProgress;
import dev.fieldsync.ports.out.store.PageApplied;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What this run of a pass or sweep has done (a resumed one counts from where it resumed). */
final class PassCounts {
    int pages;
    long jobs;
    long newJobs;
    long changedJobs;

    void add(int jobsOnPage, PageApplied applied) {
        pages++;
        jobs += jobsOnPage;
        newJobs += applied.newCount();
        changedJobs += applied.changedCount();
    }

    /** A sync pass's outcome from these counts; the elapsed time runs from {@code started} to {@code now}. */
    SyncOutcome outcome(SyncWindow window, boolean completed, boolean resumed, Instant started, Instant now) {
        Duration elapsed = Duration.between(started, now);
        return new SyncOutcome(
                window,
                pages,
                jobs,
                newJobs,
                changedJobs,
                completed,
                resumed,
                elapsed.isNegative() ? Duration.ZERO : elapsed);
    }

    /** A sync pass's progress report after a page, with the estimate of what remains. */
    SyncProgress progress(SyncWindow window, Optional<Long> remainingPages, Optional<Duration> remaining) {
        return new SyncProgress(window, pages, jobs, newJobs, changedJobs, remainingPages, remaining);
    }
}
