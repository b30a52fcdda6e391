package dev.fieldsync.adapters.persistence.delivery;

import dev.fieldsync.adapters.persistence.sql.Columns;
import dev.fieldsync.adapters.persistence.sql.Jdbc;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.ports.out.delivery.DeliveryAttempt;
import dev.fieldsync.ports.out.delivery.DeliveryLog;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** The delivery log in {@code fs_delivery_attempt} and the dead letters in {@code fs_dead_letter}. */
@Singleton
public final class SqlDeliveryLog implements DeliveryLog {
    private static final int TEXT = 500;

    private final TransactionOperations<Connection> transactions;
    private final ConnectionOperations<Connection> connections;

    SqlDeliveryLog(TransactionOperations<Connection> transactions, ConnectionOperations<Connection> connections) {
        this.transactions = transactions;
        this.connections = connections;
    }

    @Override
    public void recordAttempts(IntegrationId integration, String consumer, List<RecordedAttempt> attempts) {
        if (attempts.isEmpty()) {
            return;
        }
        Jdbc.inTransaction(transactions, "recording deliveries to " + consumer, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO fs_delivery_attempt "
                    + "(integration_id, consumer, seq, change_id, delivered, status, detail, latency_micros,"
                    + " attempted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (RecordedAttempt recorded : attempts) {
                    DeliveryAttempt attempt = recorded.attempt();
                    insert.setString(1, integration.value());
                    insert.setString(2, consumer);
                    insert.setLong(3, recorded.sequence());
                    insert.setString(4, attempt.deliveryId());
                    insert.setBoolean(5, attempt.delivered());
                    if (attempt.status().isPresent()) {
                        insert.setInt(6, attempt.status().getAsInt());
                    } else {
                        insert.setNull(6, Types.INTEGER);
                    }
                    insert.setString(7, clip(attempt.detail()));
                    insert.setLong(8, attempt.latency().toNanos() / 1000);
                    Columns.set(insert, 9, recorded.at());
                    insert.addBatch();
                }
                return insert.executeBatch().length;
            }
        });
    }

    @Override
    public List<RecordedAttempt> latestAttempts(IntegrationId integration, String consumer, int limit) {
        return attemptsBefore(integration, consumer, Long.MAX_VALUE, limit).stream()
                .map(LoggedAttempt::recorded)
                .toList();
    }

    @Override
    public List<LoggedAttempt> attemptsBefore(IntegrationId integration, String consumer, long beforeId, int limit) {
        return Jdbc.onConnection(connections, "reading deliveries to " + consumer, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT id, seq, change_id, delivered,"
                    + " status, detail, latency_micros, attempted_at FROM fs_delivery_attempt"
                    + " WHERE integration_id = ? AND consumer = ? AND id < ? ORDER BY id DESC LIMIT ?")) {
                select.setString(1, integration.value());
                select.setString(2, consumer);
                select.setLong(3, beforeId);
                select.setInt(4, limit);
                List<LoggedAttempt> attempts = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        int status = rows.getInt("status");
                        OptionalInt answered = rows.wasNull() ? OptionalInt.empty() : OptionalInt.of(status);
                        DeliveryAttempt attempt = new DeliveryAttempt(
                                rows.getString("change_id"),
                                rows.getBoolean("delivered"),
                                answered,
                                rows.getString("detail"),
                                Duration.ofNanos(rows.getLong("latency_micros") * 1000));
                        attempts.add(new LoggedAttempt(
                                rows.getLong("id"),
                                new RecordedAttempt(
                                        rows.getLong("seq"), attempt, Columns.require(rows, "attempted_at"))));
                    }
                }
                return List.copyOf(attempts);
            }
        });
    }

    @Override
    public void deadLetter(IntegrationId integration, String consumer, DeadLetter letter) {
        Jdbc.inTransaction(transactions, "dead-lettering change " + letter.changeId(), connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM fs_dead_letter WHERE integration_id = ? AND consumer = ? AND seq = ?")) {
                delete.setString(1, integration.value());
                delete.setString(2, consumer);
                delete.setLong(3, letter.sequence());
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO fs_dead_letter (integration_id,"
                    + " consumer, seq, change_id, attempts, reason, dead_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, integration.value());
                insert.setString(2, consumer);
                insert.setLong(3, letter.sequence());
                insert.setString(4, letter.changeId());
                insert.setInt(5, letter.attempts());
                insert.setString(6, clip(letter.reason()));
                Columns.set(insert, 7, letter.at());
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public List<DeadLetter> deadLetters(IntegrationId integration, String consumer) {
        return Jdbc.onConnection(connections, "reading the dead letters of " + consumer, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT seq, change_id, attempts, reason,"
                    + " dead_at FROM fs_dead_letter WHERE integration_id = ? AND consumer = ? ORDER BY seq")) {
                select.setString(1, integration.value());
                select.setString(2, consumer);
                List<DeadLetter> letters = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        letters.add(new DeadLetter(
                                rows.getLong("seq"),
                                rows.getString("change_id"),
                                rows.getInt("attempts"),
                                rows.getString("reason"),
                                Columns.require(rows, "dead_at")));
                    }
                }
                return List.copyOf(letters);
            }
        });
    }

    @Override
    public void clearDeadLetters(IntegrationId integration, String consumer, long from, long to) {
        Jdbc.inTransaction(transactions, "clearing dead letters of " + consumer, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM fs_dead_letter"
                    + " WHERE integration_id = ? AND consumer = ? AND seq BETWEEN ? AND ?")) {
                delete.setString(1, integration.value());
                delete.setString(2, consumer);
                delete.setLong(3, from);
                delete.setLong(4, to);
                return delete.executeUpdate();
            }
        });
    }

    private static String clip(String text) {
        return text.length() <= TEXT ? text : text.substring(0, TEXT);
    }
}
