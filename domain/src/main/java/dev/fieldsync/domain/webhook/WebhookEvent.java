package dev.fieldsync.domain.webhook;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A verified webhook delivery (GATEWAY-API.md §8). {@code status} and {@code previousStatus} are the plain
 * state strings of {@code job.status_changed}. The raw body is kept so nothing the gateway sent is lost.
 */
public record WebhookEvent(
        IntegrationId integration,
        String eventId,
        String eventType,
        Instant occurredAt,
        Optional<JobId> job,
        Optional<String> status,
        Optional<String> previousStatus,
        Instant receivedAt,
        String rawBody) {

    public static final String JOB_CREATED = "job.created";
    public static final String JOB_STATUS_CHANGED = "job.status_changed";

    public WebhookEvent {
        Objects.requireNonNull(integration, "integration");
        if (eventId == null || eventId.isBlank() || eventId.length() > 200) {
            throw new IllegalArgumentException("a webhook event needs an event id of 1-200 characters");
        }
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(previousStatus, "previousStatus");
        Objects.requireNonNull(receivedAt, "receivedAt");
        rawBody = rawBody == null ? "" : rawBody;
    }
}
