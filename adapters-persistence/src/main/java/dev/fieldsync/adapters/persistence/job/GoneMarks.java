package dev.fieldsync.adapters.persistence.job;

import dev.fieldsync.adapters.persistence.sql.Columns;
import dev.fieldsync.adapters.persistence.sql.Dialect;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.mirror.MirroredJob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.postgresql.PGStatement;

/**
 * The verification sweep's columns of {@code fs_job}: {@code last_swept} (the last sweep that listed a job, written
 * with its page) and {@code gone_at} (set after a complete sweep for the jobs it did not see, cleared when a job is
 * listed again). Statements on a page's ids are keyed by the primary key, as the page writers' are.
 */
final class GoneMarks {
    /** Not gone, not seen by sweep {@code ?} or later, and neither stored nor changed since that sweep started. */
    private static final String UNSWEPT = " WHERE integration_id = ? AND gone_at IS NULL"
            + " AND (last_swept IS NULL OR last_swept < ?) AND first_seen_at < ? AND last_changed_at < ?";

    private GoneMarks() {}

    /** Records that sweep {@code sweep} listed {@code ids}. */
    static void markSwept(
            Connection connection, Dialect dialect, IntegrationId integration, Collection<JobId> ids, long sweep)
            throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement update =
                prepare(connection, dialect, "UPDATE fs_job SET last_swept = ?", "", ids.size())) {
            update.setLong(1, sweep);
            bindIds(connection, dialect, update, 2, integration, ids);
            update.executeUpdate();
        }
    }

    /**
     * Brings back the jobs among {@code ids} that were marked gone and returns them as they are now (read only when
     * {@code read}, for the change log).
     */
    static List<MirroredJob> bringBack(
            Connection connection, Dialect dialect, IntegrationId integration, Collection<JobId> ids, boolean read)
            throws SQLException {
        List<MirroredJob> back = new ArrayList<>();
        if (ids.isEmpty()) {
            return back;
        }
        if (read) {
            try (PreparedStatement select =
                    prepare(connection, dialect, JobRows.SELECT, " AND gone_at IS NOT NULL", ids.size())) {
                bindIds(connection, dialect, select, 1, integration, ids);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        back.add(JobRows.read(rows).withGoneAt(java.util.Optional.empty()));
                    }
                }
            }
            if (back.isEmpty()) {
                return back;
            }
        }
        try (PreparedStatement update = prepare(
                connection, dialect, "UPDATE fs_job SET gone_at = NULL", " AND gone_at IS NOT NULL", ids.size())) {
            bindIds(connection, dialect, update, 1, integration, ids);
            update.executeUpdate();
        }
        return back;
    }

    static long countUnswept(Connection connection, IntegrationId integration, long sweep, Instant startedAt)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM fs_job" + UNSWEPT)) {
            bindUnswept(select, 1, integration, sweep, startedAt);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** Marks the unswept jobs gone; returns them as marked (read only when {@code read}) and how many. */
    static long markGone(
            Connection connection,
            IntegrationId integration,
            long sweep,
            Instant startedAt,
            Instant at,
            List<MirroredJob> marked,
            boolean read)
            throws SQLException {
        if (read) {
            // Locked, so no page changes them between this read and the update.
            try (PreparedStatement select = connection.prepareStatement(JobRows.SELECT + UNSWEPT + " FOR UPDATE")) {
                bindUnswept(select, 1, integration, sweep, startedAt);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        marked.add(JobRows.read(rows).withGoneAt(java.util.Optional.of(at)));
                    }
                }
            }
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE fs_job SET gone_at = ?" + UNSWEPT)) {
            Columns.set(update, 1, at);
            bindUnswept(update, 2, integration, sweep, startedAt);
            return update.executeUpdate();
        }
    }

    static long countGone(Connection connection, IntegrationId integration) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT COUNT(*) FROM fs_job WHERE integration_id = ? AND gone_at IS NOT NULL")) {
            select.setString(1, integration.value());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static void bindUnswept(
            PreparedStatement statement, int first, IntegrationId integration, long sweep, Instant startedAt)
            throws SQLException {
        statement.setString(first, integration.value());
        statement.setLong(first + 1, sweep);
        Columns.set(statement, first + 2, startedAt);
        Columns.set(statement, first + 3, startedAt);
    }

    /**
     * {@code head} with a where clause on the page's ids, then {@code tail}: on PostgreSQL {@code job_id = ANY (?)}
     * never server-prepared (see {@code PostgresPageWriter}); on H2 the row-value {@code IN} on the whole key.
     */
    private static PreparedStatement prepare(Connection connection, Dialect dialect, String head, String tail, int ids)
            throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            PreparedStatement statement =
                    connection.prepareStatement(head + " WHERE integration_id = ? AND job_id = ANY (?)" + tail);
            if (statement.isWrapperFor(PGStatement.class)) {
                statement.unwrap(PGStatement.class).setPrepareThreshold(0);
            }
            return statement;
        }
        return connection.prepareStatement(
                head + " WHERE (integration_id, job_id) IN (" + "(?, ?), ".repeat(ids - 1) + "(?, ?))" + tail);
    }

    private static void bindIds(
            Connection connection,
            Dialect dialect,
            PreparedStatement statement,
            int first,
            IntegrationId integration,
            Collection<JobId> ids)
            throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            statement.setString(first, integration.value());
            statement.setArray(
                    first + 1,
                    connection.createArrayOf(
                            "varchar", ids.stream().map(JobId::value).toArray(String[]::new)));
            return;
        }
        int i = first;
        for (JobId id : ids) {
            statement.setString(i++, integration.value());
            statement.setString(i++, id.value());
        }
    }
}
