package dev.fieldsync.adapters.persistence.webhook;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;

/** A row of {@code fs_webhook_event}; the key (integration, event id) is the dedupe. */
@MappedEntity(value = "fs_webhook_event", escape = false)
record WebhookEventRow(
        @EmbeddedId Key key,
        String eventType,
        Instant occurredAt,
        @Nullable String jobId,
        @Nullable String status,
        @Nullable String previousStatus,
        Instant receivedAt,
        String rawBody,
        String processingState,
        @Nullable Instant processedAt,
        int failures,
        @Nullable String lastError) {

    /** The primary key columns. */
    @Embeddable
    record Key(
            @MappedProperty("integration_id") String integrationId,
            @MappedProperty("event_id") String eventId) {}
}
