package dev.fieldsync.ports.out.store;

import dev.fieldsync.domain.change.Change;
import dev.fieldsync.domain.change.ChangeEntry;
import dev.fieldsync.domain.change.ChangeKind;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The durable change log: per integration, every change of the mirror and the outbox in one order. Written by
 * the stores themselves inside the transaction that makes the change (a page apply, a provisional state, a
 * submission's new state), so the two commit together or not at all; read by the feed and the consumers.
 */
public interface ChangeLog {

    /**
     * Appends {@code entries}, in order, after the integration's latest sequence, joining the caller's transaction
     * (SQL: the current Micronaut Data transaction, else one of its own; in memory: under the stores' lock).
     * Sequences are handed out in commit order: a reader never sees sequence n+1 committed before n. Returns the
     * appended changes; nothing for no entries.
     */
    List<Change> append(IntegrationId integration, List<ChangeEntry> entries);

    /**
     * Up to {@code limit} (≥ 1) committed changes of {@code integration} with a sequence above {@code afterSequence},
     * in sequence order, only of {@code kinds} (empty: every kind).
     */
    List<Change> read(IntegrationId integration, long afterSequence, int limit, Set<ChangeKind> kinds);

    /**
     * Up to {@code limit} (≥ 1) of the latest committed changes of {@code job} in {@code integration}'s log, newest
     * first: a job's history.
     */
    List<Change> readJob(IntegrationId integration, JobId job, int limit);

    /** The integration's highest sequence handed out so far (0 for none); pruning does not lower it. */
    long latestSequence(IntegrationId integration);

    /** How many changes of the integration the log holds now. */
    long count(IntegrationId integration);

    /** Deletes every change (of every integration) that occurred before {@code olderThan}; returns how many. */
    long prune(Instant olderThan);

    /**
     * Registers {@code listener}, told after each commit that appended changes in this process (never inside the
     * transaction). Other processes' commits are not announced: waiters poll {@link #latestSequence} as well.
     */
    void onCommitted(CommitListener listener);

    /** Hears that {@code integration}'s log grew to {@code latestSequence}. Must return quickly and not throw. */
    @FunctionalInterface
    interface CommitListener {
        void committed(IntegrationId integration, long latestSequence);
    }
}
