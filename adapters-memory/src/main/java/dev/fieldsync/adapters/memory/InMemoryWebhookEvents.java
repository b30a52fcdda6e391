package dev.fieldsync.adapters.memory;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.webhook.WebhookEvent;
import dev.fieldsync.ports.out.store.WebhookEvents;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Received webhook events in memory, deduplicated on (integration, event id). Events leave
 * {@link #unprocessed} when marked processed or failed; a failed event keeps its error for inspection.
 */
public final class InMemoryWebhookEvents implements WebhookEvents {

    /** One stored event and what became of it. */
    public record StoredEvent(
            WebhookEvent event,
            long sequence,
            Optional<Instant> processedAt,
            Optional<Instant> failedAt,
            Optional<String> error) {
        public StoredEvent {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(processedAt, "processedAt");
            Objects.requireNonNull(failedAt, "failedAt");
            Objects.requireNonNull(error, "error");
        }

        public boolean isPending() {
            return processedAt.isEmpty() && failedAt.isEmpty();
        }
    }

    private record Key(IntegrationId integration, String eventId) {}

    private final Map<Key, StoredEvent> events = new LinkedHashMap<>();
    private long sequence;
    private long duplicates;

    @Override
    public synchronized boolean accept(WebhookEvent event) {
        Objects.requireNonNull(event, "event");
        Key key = new Key(event.integration(), event.eventId());
        if (events.containsKey(key)) {
            duplicates++;
            return false;
        }
        events.put(key, new StoredEvent(event, sequence++, Optional.empty(), Optional.empty(), Optional.empty()));
        return true;
    }

    /** Oldest by occurrence first; events that occurred together keep their order of acceptance. */
    @Override
    public synchronized List<WebhookEvent> unprocessed(IntegrationId integration, int max) {
        Objects.requireNonNull(integration, "integration");
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, got " + max);
        }
        return events.values().stream()
                .filter(stored -> stored.event().integration().equals(integration) && stored.isPending())
                .sorted(java.util.Comparator.comparing(
                                (StoredEvent s) -> s.event().occurredAt())
                        .thenComparingLong(StoredEvent::sequence))
                .limit(max)
                .map(StoredEvent::event)
                .toList();
    }

    @Override
    public synchronized void markProcessed(IntegrationId integration, String eventId, Instant at) {
        Objects.requireNonNull(at, "at");
        StoredEvent stored = require(integration, eventId);
        events.put(
                new Key(integration, eventId),
                new StoredEvent(
                        stored.event(), stored.sequence(), Optional.of(at), Optional.empty(), Optional.empty()));
    }

    @Override
    public synchronized void markFailed(IntegrationId integration, String eventId, String error, Instant at) {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(at, "at");
        StoredEvent stored = require(integration, eventId);
        events.put(
                new Key(integration, eventId),
                new StoredEvent(
                        stored.event(), stored.sequence(), Optional.empty(), Optional.of(at), Optional.of(error)));
    }

    /** Test helper: an event and what became of it. */
    public synchronized Optional<StoredEvent> find(IntegrationId integration, String eventId) {
        return Optional.ofNullable(events.get(new Key(integration, eventId)));
    }

    /** Test helper: every stored event of an integration, in order of acceptance. */
    public synchronized List<StoredEvent> all(IntegrationId integration) {
        Objects.requireNonNull(integration, "integration");
        return events.values().stream()
                .filter(s -> s.event().integration().equals(integration))
                .toList();
    }

    /** How many deliveries were refused as duplicates. */
    public synchronized long duplicates() {
        return duplicates;
    }

    private StoredEvent require(IntegrationId integration, String eventId) {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(eventId, "eventId");
        StoredEvent stored = events.get(new Key(integration, eventId));
        if (stored == null) {
            throw new IllegalStateException("no webhook event " + eventId + " was accepted for integration "
                    + integration + "; accept() it first");
        }
        return stored;
    }
}
