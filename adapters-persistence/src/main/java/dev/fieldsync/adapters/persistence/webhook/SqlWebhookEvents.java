package dev.fieldsync.adapters.persistence.webhook;

import dev.fieldsync.adapters.persistence.sql.Columns;
import dev.fieldsync.adapters.persistence.sql.Database;
import dev.fieldsync.adapters.persistence.sql.PersistenceException;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.webhook.WebhookEvent;
import dev.fieldsync.ports.out.store.WebhookEvents;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Webhook events in table {@code fs_webhook_event}. The primary key (integration, event id) is the dedupe:
 * a redelivery fails the insert and is reported as already seen. Events leave {@link #unprocessed} when marked
 * processed or failed (a failed event keeps its error and failure count for inspection; the next sync pass
 * covers what it announced).
 */
public final class SqlWebhookEvents implements WebhookEvents {
    private static final String INSERT = "INSERT INTO fs_webhook_event (integration_id, event_id, event_type, "
            + "occurred_at, job_id, status, previous_status, received_at, raw_body, processing_state, failures) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'RECEIVED', 0)";
    private static final String UNPROCESSED = "SELECT integration_id, event_id, event_type, occurred_at, job_id, "
            + "status, previous_status, received_at, raw_body FROM fs_webhook_event "
            + "WHERE integration_id = ? AND processing_state = 'RECEIVED' "
            + "ORDER BY occurred_at, received_at, event_id LIMIT ?";
    private static final String PROCESSED = "UPDATE fs_webhook_event SET processing_state = 'PROCESSED', "
            + "processed_at = ?, last_error = NULL WHERE integration_id = ? AND event_id = ?";
    private static final String FAILED = "UPDATE fs_webhook_event SET processing_state = 'FAILED', "
            + "processed_at = ?, last_error = ?, failures = failures + 1 WHERE integration_id = ? AND event_id = ?";

    private final Database database;

    public SqlWebhookEvents(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public boolean accept(WebhookEvent event) {
        Objects.requireNonNull(event, "event");
        try {
            database.autoCommit("storing webhook event " + event.eventId(), connection -> {
                try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                    insert.setString(1, event.integration().value());
                    insert.setString(2, event.eventId());
                    insert.setString(3, event.eventType());
                    Columns.set(insert, 4, event.occurredAt());
                    Columns.setText(insert, 5, event.job().map(JobId::value));
                    Columns.setText(insert, 6, event.status());
                    Columns.setText(insert, 7, event.previousStatus());
                    Columns.set(insert, 8, event.receivedAt());
                    insert.setString(9, event.rawBody());
                    return insert.executeUpdate();
                }
            });
            return true;
        } catch (PersistenceException e) {
            if (e.getCause() instanceof SQLException sql && Database.isDuplicateKey(sql)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public List<WebhookEvent> unprocessed(IntegrationId integration, int max) {
        Objects.requireNonNull(integration, "integration");
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, got " + max);
        }
        return database.autoCommit("listing unprocessed webhook events of " + integration, connection -> {
            try (PreparedStatement select = connection.prepareStatement(UNPROCESSED)) {
                select.setString(1, integration.value());
                select.setInt(2, max);
                List<WebhookEvent> events = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        events.add(new WebhookEvent(IntegrationId.of(row.getString("integration_id")),
                                row.getString("event_id"), row.getString("event_type"),
                                Columns.require(row, "occurred_at"), Columns.text(row, "job_id").map(JobId::of),
                                Columns.text(row, "status"), Columns.text(row, "previous_status"),
                                Columns.require(row, "received_at"), row.getString("raw_body")));
                    }
                }
                return events;
            }
        });
    }

    @Override
    public void markProcessed(IntegrationId integration, String eventId, Instant at) {
        Objects.requireNonNull(at, "at");
        mark(integration, eventId, "processed", statement -> {
            Columns.set(statement, 1, at);
            statement.setString(2, integration.value());
            statement.setString(3, eventId);
        }, PROCESSED);
    }

    @Override
    public void markFailed(IntegrationId integration, String eventId, String error, Instant at) {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(at, "at");
        mark(integration, eventId, "failed", statement -> {
            Columns.set(statement, 1, at);
            statement.setString(2, error);
            statement.setString(3, integration.value());
            statement.setString(4, eventId);
        }, FAILED);
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private void mark(IntegrationId integration, String eventId, String outcome, Binder binder, String sql) {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(eventId, "eventId");
        int updated = database.autoCommit("marking webhook event " + eventId + " " + outcome, connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                binder.bind(update);
                return update.executeUpdate();
            }
        });
        if (updated == 0) {
            throw new IllegalStateException("no webhook event " + eventId + " was accepted for integration "
                    + integration + "; accept() it first");
        }
    }
}
