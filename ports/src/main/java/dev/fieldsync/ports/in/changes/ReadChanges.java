package dev.fieldsync.ports.in.changes;

import dev.fieldsync.domain.change.Change;
import dev.fieldsync.domain.change.ChangeKind;
import dev.fieldsync.domain.id.JobId;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Reads this integration's change feed: keyset pages by sequence, and waits for the next changes. */
public interface ReadChanges {
    /** The most changes one read returns. */
    int MAX_LIMIT = 1000;

    /** Up to {@code limit} (1-{@value #MAX_LIMIT}) changes after {@code afterSequence}, only of {@code kinds} (empty: all). */
    List<Change> after(long afterSequence, int limit, Set<ChangeKind> kinds);

    /**
     * As {@link #after}, but when there is none yet, waits up to {@code timeout} for one to be committed (by this
     * process or another on the same database); empty when none came in time.
     */
    List<Change> await(long afterSequence, int limit, Set<ChangeKind> kinds, Duration timeout)
            throws InterruptedException;

    /** Up to {@code limit} (1-{@value #MAX_LIMIT}) of the latest changes of one job, newest first: its history. */
    List<Change> ofJob(JobId job, int limit);

    /** The highest sequence so far (0 for none). */
    long latestSequence();

    /** How many changes the log holds now (after pruning). */
    long size();
}
