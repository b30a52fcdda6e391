package dev.fieldsync.application.changes;

import dev.fieldsync.domain.change.Change;
import dev.fieldsync.domain.change.ChangeKind;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.ports.in.changes.ReadChanges;
import dev.fieldsync.ports.out.store.ChangeLog;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The change feed of one integration over the {@link ChangeLog}. A waiter wakes as soon as this process commits a
 * change (the log's commit listener) and otherwise looks again every {@code pollInterval}, which is how changes
 * committed by another instance on the same database reach it.
 */
public final class ChangeFeed implements ReadChanges {
    private final ChangeLog log;
    private final IntegrationId integration;
    private final Duration pollInterval;
    private final Object signal = new Object();
    private long commits;

    public ChangeFeed(ChangeLog log, IntegrationId integration, Duration pollInterval) {
        this.log = Objects.requireNonNull(log, "log");
        this.integration = Objects.requireNonNull(integration, "integration");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive");
        }
        this.pollInterval = pollInterval;
        log.onCommitted((which, latest) -> {
            if (which.equals(integration)) {
                synchronized (signal) {
                    commits++;
                    signal.notifyAll();
                }
            }
        });
    }

    @Override
    public List<Change> after(long afterSequence, int limit, Set<ChangeKind> kinds) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT + ", got " + limit);
        }
        if (afterSequence < 0) {
            throw new IllegalArgumentException("after must not be negative, got " + afterSequence);
        }
        return log.read(integration, afterSequence, limit, kinds);
    }

    @Override
    public List<Change> await(long afterSequence, int limit, Set<ChangeKind> kinds, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        while (true) {
            long seen;
            synchronized (signal) {
                seen = commits;
            }
            List<Change> changes = after(afterSequence, limit, kinds);
            long left = deadline - System.nanoTime();
            if (!changes.isEmpty() || left <= 0) {
                return changes;
            }
            synchronized (signal) {
                if (commits == seen) {
                    long nanos = Math.min(left, pollInterval.toNanos());
                    signal.wait(nanos / 1_000_000, (int) (nanos % 1_000_000));
                }
            }
        }
    }

    @Override
    public List<Change> ofJob(JobId job, int limit) {
        Objects.requireNonNull(job, "job");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT + ", got " + limit);
        }
        return log.readJob(integration, job, limit);
    }

    @Override
    public long latestSequence() {
        return log.latestSequence(integration);
    }

    @Override
    public long size() {
        return log.count(integration);
    }
}
