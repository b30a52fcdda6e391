package dev.fieldsync.ports.out.delivery;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One change on its way to a consumer, already encoded: {@code id} is the change id (receivers dedupe by it),
 * {@code sequence} its place in the integration's change log, {@code kind} e.g. {@code job.changed},
 * {@code orderingKey} the job it concerns (changes with the same key must arrive in sequence order), and
 * {@code body} the JSON document sent.
 */
public record Delivery(
        String id, long sequence, String kind, Optional<String> orderingKey, Instant occurredAt, String body) {
    public Delivery {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a delivery needs the change id");
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(orderingKey, "orderingKey");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(body, "body");
    }
}
