package dev.fieldsync.adapters.persistence.webhook;

import dev.fieldsync.adapters.persistence.sql.Database;
import dev.fieldsync.adapters.persistence.sql.Jdbc;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.webhook.WebhookEvent;
import dev.fieldsync.ports.out.store.WebhookEvents;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Webhook events in table {@code fs_webhook_event}, through a Micronaut Data repository. The primary key
 * (integration, event id) is the dedupe: a redelivery fails the insert and is reported as already seen. Events
 * leave {@link #unprocessed} when marked processed or failed (a failed event keeps its error and failure count for
 * inspection; the next sync pass covers what it announced).
 */
@Singleton
public final class SqlWebhookEvents implements WebhookEvents {
    private static final String RECEIVED = "RECEIVED";

    private final WebhookEventRepository rows;

    SqlWebhookEvents(WebhookEventRepository rows) {
        this.rows = rows;
    }

    @Override
    public boolean accept(WebhookEvent event) {
        Objects.requireNonNull(event, "event");
        WebhookEventRow row = new WebhookEventRow(
                new WebhookEventRow.Key(event.integration().value(), event.eventId()),
                event.eventType(),
                event.occurredAt(),
                event.job().map(JobId::value).orElse(null),
                event.status().orElse(null),
                event.previousStatus().orElse(null),
                event.receivedAt(),
                event.rawBody(),
                RECEIVED,
                null,
                0,
                null);
        try {
            // Outside a caller's transaction this insert commits on its own, so a duplicate aborts nothing else.
            rows.save(row);
            return true;
        } catch (DataAccessException e) {
            if (Database.isDuplicateKey(e)) {
                return false;
            }
            throw Jdbc.translate("storing webhook event " + event.eventId(), e);
        }
    }

    @Override
    public List<WebhookEvent> unprocessed(IntegrationId integration, int max) {
        Objects.requireNonNull(integration, "integration");
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, got " + max);
        }
        try {
            return rows.findReceived(integration.value(), max).stream()
                    .map(SqlWebhookEvents::toEvent)
                    .toList();
        } catch (DataAccessException e) {
            throw Jdbc.translate("listing unprocessed webhook events of " + integration, e);
        }
    }

    @Override
    public void markProcessed(IntegrationId integration, String eventId, Instant at) {
        Objects.requireNonNull(at, "at");
        mark(integration, eventId, "processed", () -> rows.markProcessed(integration.value(), eventId, at));
    }

    @Override
    public void markFailed(IntegrationId integration, String eventId, String error, Instant at) {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(at, "at");
        mark(integration, eventId, "failed", () -> rows.markFailed(integration.value(), eventId, error, at));
    }

    private void mark(IntegrationId integration, String eventId, String outcome, LongSupplier update) {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(eventId, "eventId");
        long updated;
        try {
            updated = update.getAsLong();
        } catch (DataAccessException e) {
            throw Jdbc.translate("marking webhook event " + eventId + " " + outcome, e);
        }
        if (updated == 0) {
            throw new IllegalStateException("no webhook event " + eventId + " was accepted for integration "
                    + integration + "; accept() it first");
        }
    }

    private static WebhookEvent toEvent(WebhookEventRow row) {
        return new WebhookEvent(
                IntegrationId.of(row.key().integrationId()),
                row.key().eventId(),
                row.eventType(),
                row.occurredAt(),
                Optional.ofNullable(row.jobId()).map(JobId::of),
                Optional.ofNullable(row.status()),
                Optional.ofNullable(row.previousStatus()),
                row.receivedAt(),
                row.rawBody());
    }
}
