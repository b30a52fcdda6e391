package dev.fieldsync.adapters.persistence.delivery;

import dev.fieldsync.adapters.persistence.sql.Columns;
import dev.fieldsync.adapters.persistence.sql.Database;
import dev.fieldsync.adapters.persistence.sql.Dialect;
import dev.fieldsync.adapters.persistence.sql.Jdbc;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.ports.out.delivery.ConsumerCursors;
import dev.fieldsync.ports.out.delivery.ConsumerState;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Objects;

/** Each consumer's state in {@code fs_consumer_state} (one row per integration and consumer, upserted). */
@Singleton
public final class SqlConsumerCursors implements ConsumerCursors {
    private static final String COLUMNS =
            "integration_id, consumer, cursor_seq, failed_attempts, failing_since, next_attempt_at, paused";
    private static final String UPSERT_POSTGRES = "INSERT INTO fs_consumer_state (" + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (integration_id, consumer) DO UPDATE SET "
            + "cursor_seq = EXCLUDED.cursor_seq, failed_attempts = EXCLUDED.failed_attempts, "
            + "failing_since = EXCLUDED.failing_since, next_attempt_at = EXCLUDED.next_attempt_at, "
            + "paused = EXCLUDED.paused";
    private static final String UPSERT_H2 = "MERGE INTO fs_consumer_state (" + COLUMNS
            + ") KEY (integration_id, consumer) VALUES (?, ?, ?, ?, ?, ?, ?)";

    private final TransactionOperations<Connection> transactions;
    private final ConnectionOperations<Connection> connections;
    private final Dialect dialect;

    SqlConsumerCursors(
            TransactionOperations<Connection> transactions,
            ConnectionOperations<Connection> connections,
            Database database) {
        this.transactions = transactions;
        this.connections = connections;
        this.dialect = database.dialect();
    }

    @Override
    public ConsumerState load(IntegrationId integration, String consumer) {
        return Jdbc.onConnection(connections, "reading consumer " + consumer + " of " + integration, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM fs_consumer_state WHERE integration_id = ? AND consumer = ?")) {
                select.setString(1, integration.value());
                select.setString(2, consumer);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return ConsumerState.START;
                    }
                    return new ConsumerState(
                            row.getLong("cursor_seq"),
                            row.getInt("failed_attempts"),
                            Columns.get(row, "failing_since"),
                            Columns.get(row, "next_attempt_at"),
                            row.getBoolean("paused"));
                }
            }
        });
    }

    @Override
    public void save(IntegrationId integration, String consumer, ConsumerState state) {
        Objects.requireNonNull(state, "state");
        String sql = dialect == Dialect.POSTGRESQL ? UPSERT_POSTGRES : UPSERT_H2;
        Jdbc.inTransaction(transactions, "saving consumer " + consumer + " of " + integration, connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(sql)) {
                upsert.setString(1, integration.value());
                upsert.setString(2, consumer);
                upsert.setLong(3, state.cursor());
                upsert.setInt(4, state.failedAttempts());
                Columns.set(upsert, 5, state.failingSince());
                Columns.set(upsert, 6, state.nextAttemptAt());
                upsert.setBoolean(7, state.paused());
                return upsert.executeUpdate();
            }
        });
    }
}
