package dev.fieldsync.ports.out.delivery;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One change on its way to a consumer, already encoded: {@code integration} is the integration whose change log it
 * comes from (a consumer may get several integrations' changes), {@code id} is the change id (receivers dedupe by it),
 * {@code sequence} its place in the integration's change log, {@code kind} e.g. {@code job.changed},
 * {@code orderingKey} the job it concerns (changes with the same key must arrive in sequence order), and
 * {@code body} the JSON document sent.
 */
public record Delivery(
        String integration,
        String id,
        long sequence,
        String kind,
        Optional<String> orderingKey,
        Instant occurredAt,
        String body) {
    public Delivery {
        if (integration == null || integration.isBlank()) {
            throw new IllegalArgumentException("a delivery needs the integration it belongs to");
        }
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a delivery needs the change id");
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(orderingKey, "orderingKey");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(body, "body");
    }

    /**
     * A delivery of the change {@code id} ({@code chg_<integration>_<sequence>}, the change log's form), its
     * integration read from the id.
     *
     * @deprecated name the integration: {@link #Delivery(String, String, long, String, Optional, Instant, String)}
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public Delivery(
            String id, long sequence, String kind, Optional<String> orderingKey, Instant occurredAt, String body) {
        this(integrationOf(id, sequence), id, sequence, kind, orderingKey, occurredAt, body);
    }

    private static String integrationOf(String id, long sequence) {
        String suffix = "_" + sequence;
        if (id == null || !id.startsWith("chg_") || !id.endsWith(suffix) || id.length() <= 4 + suffix.length()) {
            throw new IllegalArgumentException(
                    "a delivery whose id is not chg_<integration>_<sequence> needs its integration named");
        }
        return id.substring(4, id.length() - suffix.length());
    }
}
