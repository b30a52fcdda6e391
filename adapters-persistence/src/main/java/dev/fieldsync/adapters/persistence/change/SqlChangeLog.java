package dev.fieldsync.adapters.persistence.change;

import dev.fieldsync.adapters.persistence.sql.Columns;
import dev.fieldsync.adapters.persistence.sql.Database;
import dev.fieldsync.adapters.persistence.sql.Dialect;
import dev.fieldsync.adapters.persistence.sql.Jdbc;
import dev.fieldsync.adapters.persistence.sql.LeadingStatement;
import dev.fieldsync.domain.change.Change;
import dev.fieldsync.domain.change.ChangeEntry;
import dev.fieldsync.domain.change.ChangeKind;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.ports.out.store.ChangeLog;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The change log in {@code fs_change}, its sequences in {@code fs_change_sequence}. An append moves the
 * integration's sequence row on by the number of entries (upsert; the row stays locked until the transaction ends,
 * so appends of one integration are serialised and sequences follow commit order; on H2 a first append that races
 * another is retried) and inserts the rows numbered on from there, in the caller's Micronaut Data transaction: on
 * PostgreSQL both in one statement (one round trip a page: the rows as arrays, {@code unnest}ed), on H2 the upsert
 * and then one batch. It should be a transaction's last write (so no lock is taken after the
 * sequence row's, and none waits in a cycle). Listeners hear of it after the commit.
 */
@Singleton
public final class SqlChangeLog implements ChangeLog {
    private static final String NEXT_H2 = "MERGE INTO fs_change_sequence s USING (VALUES (CAST(? AS VARCHAR(63)), "
            + "CAST(? AS BIGINT))) v(integration_id, n) ON s.integration_id = v.integration_id "
            + "WHEN MATCHED THEN UPDATE SET last_seq = s.last_seq + v.n "
            + "WHEN NOT MATCHED THEN INSERT (integration_id, last_seq) VALUES (v.integration_id, v.n)";
    private static final String LATEST = "SELECT last_seq FROM fs_change_sequence WHERE integration_id = ?";

    private final TransactionOperations<Connection> transactions;
    private final ConnectionOperations<Connection> connections;
    private final Dialect dialect;
    private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();

    SqlChangeLog(
            TransactionOperations<Connection> transactions,
            ConnectionOperations<Connection> connections,
            Database database) {
        this.transactions = transactions;
        this.connections = connections;
        this.dialect = database.dialect();
    }

    @Override
    public List<Change> append(IntegrationId integration, List<ChangeEntry> entries) {
        return append(integration, entries, Optional.empty());
    }

    /**
     * {@link #append}, with {@code leading} run first in the same transaction: on PostgreSQL sent ahead of the first
     * statement of the append in its round trip (a page's checkpoint {@code UPDATE}), on H2 on its own. Entries must
     * not be empty when {@code leading} is given (nothing would run it).
     */
    public List<Change> append(
            IntegrationId integration, List<ChangeEntry> entries, Optional<LeadingStatement> leading) {
        Objects.requireNonNull(integration, "integration");
        if (entries.isEmpty()) {
            if (leading.isPresent()) {
                throw new IllegalArgumentException("a leading statement needs entries to travel with");
            }
            return List.of();
        }
        String operation = "appending " + entries.size() + " changes for " + integration;
        try {
            return transactions.executeWrite(status -> {
                Connection connection = status.getConnection();
                if (dialect != Dialect.POSTGRESQL && leading.isPresent()) {
                    leading.get().run(connection);
                }
                long last = dialect == Dialect.POSTGRESQL
                        ? appendOnPostgres(connection, integration, entries, leading)
                        : appendInBatch(connection, integration, entries);
                List<Change> changes = new ArrayList<>(entries.size());
                long sequence = last - entries.size();
                for (ChangeEntry entry : entries) {
                    changes.add(new Change(integration, ++sequence, entry));
                }
                status.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        listeners.forEach(listener -> listener.committed(integration, last));
                    }
                });
                return List.copyOf(changes);
            });
        } catch (Exception e) {
            throw Jdbc.translate(operation, e);
        }
    }

    /**
     * PostgreSQL: the sequence row and the rows in one statement a chunk (see {@link ChangeRows#appendPostgres});
     * returns the new highest sequence.
     */
    private static long appendOnPostgres(
            Connection connection,
            IntegrationId integration,
            List<ChangeEntry> entries,
            Optional<LeadingStatement> leading)
            throws SQLException {
        long last = 0;
        for (int from = 0; from < entries.size(); from += ChangeRows.APPEND_CHUNK) {
            List<ChangeEntry> chunk = entries.subList(from, Math.min(entries.size(), from + ChangeRows.APPEND_CHUNK));
            last = appendChunkOnPostgres(connection, integration, chunk, from == 0 ? leading : Optional.empty());
        }
        return last;
    }

    private static long appendChunkOnPostgres(
            Connection connection,
            IntegrationId integration,
            List<ChangeEntry> entries,
            Optional<LeadingStatement> leading)
            throws SQLException {
        String sql = leading.map(LeadingStatement::prefix).orElse("") + ChangeRows.appendPostgres(entries.size());
        try (PreparedStatement append = connection.prepareStatement(sql)) {
            if (leading.isPresent()) {
                leading.get().bind(append);
            }
            ChangeRows.bindAppend(
                    append, leading.map(LeadingStatement::parameters).orElse(0), integration.value(), entries);
            boolean rows = append.execute();
            if (leading.isPresent()) {
                leading.get().updated(rows ? -1 : append.getUpdateCount());
            }
            while (!rows) { // the leading statements' counts come first, then the append's one row
                rows = append.getMoreResults();
                if (!rows && append.getUpdateCount() == -1) {
                    throw new SQLException("the change append returned no sequence");
                }
            }
            try (ResultSet row = append.getResultSet()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** H2: moves the sequence on, then inserts the rows as one batch; returns the new highest sequence. */
    private static long appendInBatch(Connection connection, IntegrationId integration, List<ChangeEntry> entries)
            throws SQLException {
        long last = advance(connection, integration, entries.size());
        try (PreparedStatement insert = connection.prepareStatement(ChangeRows.INSERT)) {
            long sequence = last - entries.size();
            for (ChangeEntry entry : entries) {
                ChangeRows.bind(insert, new Change(integration, ++sequence, entry));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return last;
    }

    /** H2: moves the integration's sequence on by {@code count} and returns the new highest one. */
    private static long advance(Connection connection, IntegrationId integration, int count) throws SQLException {
        // H2: a MERGE that found no row inserts one; if another transaction inserted it meanwhile, the insert fails
        // once that one commits (the statement alone is undone, not the transaction), and a second MERGE updates it.
        for (int attempt = 1; ; attempt++) {
            try (PreparedStatement next = connection.prepareStatement(NEXT_H2)) {
                next.setString(1, integration.value());
                next.setLong(2, count);
                next.executeUpdate();
                return latest(connection, integration);
            } catch (SQLException e) {
                if (attempt == 3 || !Database.isDuplicateKey(e)) {
                    throw e;
                }
            }
        }
    }

    private static long latest(Connection connection, IntegrationId integration) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(LATEST)) {
            select.setString(1, integration.value());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : 0L;
            }
        }
    }

    @Override
    public List<Change> read(IntegrationId integration, long afterSequence, int limit, Set<ChangeKind> kinds) {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(kinds, "kinds");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        List<ChangeKind> wanted = List.copyOf(kinds);
        String filter = wanted.isEmpty() ? "" : " AND kind IN (" + "?, ".repeat(wanted.size() - 1) + "?)";
        String sql = ChangeRows.SELECT + " WHERE integration_id = ? AND seq > ?" + filter + " ORDER BY seq LIMIT ?";
        return Jdbc.onConnection(connections, "reading the changes of " + integration, connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                int i = 1;
                select.setString(i++, integration.value());
                select.setLong(i++, afterSequence);
                for (ChangeKind kind : wanted) {
                    select.setString(i++, kind.wireName());
                }
                select.setInt(i, limit);
                List<Change> changes = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        changes.add(ChangeRows.read(integration, rows));
                    }
                }
                return List.copyOf(changes);
            }
        });
    }

    /** No index on the job: a job page reads the integration's rows (its primary key) once, newest first. */
    @Override
    public List<Change> readJob(IntegrationId integration, JobId job, int limit) {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(job, "job");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        String sql = ChangeRows.SELECT + " WHERE integration_id = ? AND job_id = ? ORDER BY seq DESC LIMIT ?";
        return Jdbc.onConnection(connections, "reading the changes of job " + job.value(), connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, integration.value());
                select.setString(2, job.value());
                select.setInt(3, limit);
                List<Change> changes = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        changes.add(ChangeRows.read(integration, rows));
                    }
                }
                return List.copyOf(changes);
            }
        });
    }

    @Override
    public long latestSequence(IntegrationId integration) {
        return Jdbc.onConnection(
                connections,
                "reading the latest change of " + integration,
                connection -> latest(connection, integration));
    }

    @Override
    public long count(IntegrationId integration) {
        return Jdbc.onConnection(connections, "counting the changes of " + integration, connection -> {
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT COUNT(*) FROM fs_change WHERE integration_id = ?")) {
                select.setString(1, integration.value());
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
    }

    @Override
    public long prune(Instant olderThan) {
        Objects.requireNonNull(olderThan, "olderThan");
        return Jdbc.inTransaction(transactions, "pruning changes older than " + olderThan, connection -> {
            try (PreparedStatement delete =
                    connection.prepareStatement("DELETE FROM fs_change WHERE occurred_at < ?")) {
                Columns.set(delete, 1, olderThan);
                return (long) delete.executeUpdate();
            }
        });
    }

    @Override
    public void onCommitted(CommitListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }
}
