package dev.fieldsync.adapters.persistence.sync;

import dev.fieldsync.adapters.persistence.sql.Columns;
import dev.fieldsync.adapters.persistence.sql.Database;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.sync.PassProgress;
import dev.fieldsync.domain.sync.SyncCheckpoint;
import dev.fieldsync.domain.sync.SyncWindow;
import dev.fieldsync.ports.out.store.SyncCheckpoints;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** {@link SyncCheckpoints} in table {@code fs_sync_checkpoint}, one row per integration. */
public final class SqlSyncCheckpoints implements SyncCheckpoints {
    private static final String SELECT = "SELECT last_completed_to, pass_from, pass_to, pass_cursor, pass_pages, "
            + "pass_jobs, pass_started_at FROM fs_sync_checkpoint WHERE integration_id = ?";
    private static final String UPDATE = "UPDATE fs_sync_checkpoint SET last_completed_to = ?, pass_from = ?, "
            + "pass_to = ?, pass_cursor = ?, pass_pages = ?, pass_jobs = ?, pass_started_at = ? WHERE integration_id = ?";
    private static final String INSERT = "INSERT INTO fs_sync_checkpoint (last_completed_to, pass_from, pass_to, "
            + "pass_cursor, pass_pages, pass_jobs, pass_started_at, integration_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private final Database database;

    public SqlSyncCheckpoints(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public Optional<SyncCheckpoint> load(IntegrationId integration) {
        return database.autoCommit("loading the sync checkpoint of " + integration, connection -> load(connection, integration));
    }

    @Override
    public void save(SyncCheckpoint checkpoint) {
        database.inTransaction("saving the sync checkpoint of " + checkpoint.integration(), connection -> {
            save(connection, checkpoint);
            return null;
        });
    }

    static Optional<SyncCheckpoint> load(Connection connection, IntegrationId integration) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, integration.value());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                Optional<Instant> passFrom = Columns.get(row, "pass_from");
                Optional<PassProgress> progress = Optional.empty();
                if (passFrom.isPresent()) {
                    progress = Optional.of(new PassProgress(
                            new SyncWindow(passFrom.get(), Columns.require(row, "pass_to")),
                            Columns.text(row, "pass_cursor"), row.getInt("pass_pages"), row.getLong("pass_jobs"),
                            Columns.require(row, "pass_started_at")));
                }
                return Optional.of(new SyncCheckpoint(integration, Columns.get(row, "last_completed_to"), progress));
            }
        }
    }

    /** Saves on the caller's connection, so {@code Jobs.applyPage} commits it with the page. */
    public static void save(Connection connection, SyncCheckpoint checkpoint) throws SQLException {
        // Update first, insert when absent: portable across H2 and PostgreSQL without MERGE/ON CONFLICT dialects.
        try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
            bind(update, checkpoint);
            if (update.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            bind(insert, checkpoint);
            insert.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, SyncCheckpoint checkpoint) throws SQLException {
        Columns.set(statement, 1, checkpoint.lastCompletedTo());
        Optional<PassProgress> progress = checkpoint.inProgress();
        Columns.set(statement, 2, progress.map(p -> p.window().from()));
        Columns.set(statement, 3, progress.map(p -> p.window().to()));
        Columns.setText(statement, 4, progress.flatMap(PassProgress::nextCursor));
        if (progress.isPresent()) {
            statement.setInt(5, progress.get().pagesDone());
            statement.setLong(6, progress.get().jobsSeen());
        } else {
            statement.setNull(5, Types.INTEGER);
            statement.setNull(6, Types.BIGINT);
        }
        Columns.set(statement, 7, progress.map(PassProgress::startedAt));
        statement.setString(8, checkpoint.integration().value());
    }
}
