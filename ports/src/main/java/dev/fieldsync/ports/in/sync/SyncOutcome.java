package dev.fieldsync.ports.in.sync;

import dev.fieldsync.domain.sync.SyncWindow;
import java.time.Duration;

/** The result of one pass; {@code completed} is false when it stopped early (shutdown or failure). */
public record SyncOutcome(
        SyncWindow window,
        int pages,
        long jobs,
        long newJobs,
        long changedJobs,
        boolean completed,
        boolean resumed,
        Duration elapsed) {}
