package dev.fieldsync.adapters.persistence.job;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL, only for a page transaction {@link SqlJobs} opened: its commit does not wait for the WAL flush (the
 * wait is most of a page's time on a busy disk). The page and its checkpoint still commit atomically and in order,
 * and any later synchronous commit (outbox, webhooks, another page applied inside a caller's transaction) flushes
 * them too; a database crash can lose only the last fraction of a second of pages, which the pass then fetches again
 * from the surviving checkpoint, so change listeners may hear of those jobs twice. Set
 * {@code fieldsync.mirror.durable-page-commits=true} to wait for the flush.
 */
final class RelaxedPageCommit {
    /** The statement; it only has to run before the commit, so a page sends it with another one. */
    static final String STATEMENT = "SET LOCAL synchronous_commit = off";

    private RelaxedPageCommit() {}

    /** Runs {@link #STATEMENT} on its own (a sweep page, which has no statement to send it with). */
    static void apply(Connection connection) throws SQLException {
        try (Statement set = connection.createStatement()) {
            set.execute(STATEMENT);
        }
    }
}
