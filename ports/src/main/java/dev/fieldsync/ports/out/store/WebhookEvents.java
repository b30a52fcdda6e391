package dev.fieldsync.ports.out.store;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.webhook.WebhookEvent;
import java.time.Instant;
import java.util.List;

/** Received webhook events: durable accept with dedupe by event id, then processing. */
public interface WebhookEvents {

    /** Stores the event durably; false (and nothing stored) when its event id was seen before. */
    boolean accept(WebhookEvent event);

    /** Accepted events not yet processed, oldest first. */
    List<WebhookEvent> unprocessed(IntegrationId integration, int max);

    void markProcessed(IntegrationId integration, String eventId, Instant at);

    void markFailed(IntegrationId integration, String eventId, String error, Instant at);
}
