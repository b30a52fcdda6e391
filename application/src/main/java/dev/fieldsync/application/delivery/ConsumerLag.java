package dev.fieldsync.application.delivery;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.ports.out.delivery.ConsumerCursors;
import dev.fieldsync.ports.out.delivery.ConsumerState;
import dev.fieldsync.ports.out.delivery.DeliveryLog;
import dev.fieldsync.ports.out.store.ChangeLog;
import java.time.Clock;
import java.time.Duration;

/**
 * How far a consumer is behind: {@code changes} between its cursor and the log's latest sequence (counting every
 * kind; a consumer of some kinds catches up through the others when it finds none of its own), {@code age} since the oldest change of its kinds it has not got yet (zero when it has all), its dead
 * letters, and whether it is paused. The numbers behind the metrics and the readiness warning.
 */
public final class ConsumerLag {
    /** One consumer's standing. */
    public record Standing(String consumer, long cursor, long changes, Duration age, int deadLetters, boolean paused) {}

    private final IntegrationId integration;
    private final ChangeLog log;
    private final ConsumerCursors cursors;
    private final DeliveryLog deliveryLog;
    private final Clock clock;

    public ConsumerLag(
            IntegrationId integration, ChangeLog log, ConsumerCursors cursors, DeliveryLog deliveryLog, Clock clock) {
        this.integration = integration;
        this.log = log;
        this.cursors = cursors;
        this.deliveryLog = deliveryLog;
        this.clock = clock;
    }

    public Standing of(ChangeConsumer consumer) {
        ConsumerState state = cursors.load(integration, consumer.name());
        long behind = Math.max(0, log.latestSequence(integration) - state.cursor());
        Duration age = log.read(integration, state.cursor(), 1, consumer.kinds()).stream()
                .findFirst()
                .map(oldest -> Duration.between(oldest.occurredAt(), clock.instant()))
                .filter(d -> !d.isNegative())
                .orElse(Duration.ZERO);
        return new Standing(
                consumer.name(),
                state.cursor(),
                behind,
                age,
                deliveryLog.deadLetters(integration, consumer.name()).size(),
                state.paused());
    }
}
