package dev.fieldsync.application.delivery;

import dev.fieldsync.domain.change.Change;
import dev.fieldsync.domain.delivery.DeliveryPolicy;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.ports.out.delivery.ConsumerCursors;
import dev.fieldsync.ports.out.delivery.ConsumerState;
import dev.fieldsync.ports.out.delivery.DeliveryAttempt;
import dev.fieldsync.ports.out.delivery.DeliveryLog;
import dev.fieldsync.ports.out.store.ChangeLog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Pushes the change log to one consumer, one batch per {@link #dispatch} call: reads the changes after the
 * consumer's durable cursor, hands them to its sink in sequence order, records every attempt, and advances the
 * cursor past what the sink confirmed. The first change that failed decides what happens next by the consumer's
 * {@link DeliveryPolicy}: retried later (nothing after it is sent meanwhile, so a job's changes stay in order),
 * dead-lettered after its last attempt (the cursor moves past it), or the consumer paused. The cursor is saved
 * after the sink answered: a crash in between sends those changes again (at least once; receivers dedupe by id).
 * One caller per consumer at a time (the service makes sure with a lock).
 */
public final class ChangeDispatcher {
    /** What one call did. */
    public enum Outcome {
        /** Nothing new for the consumer. */
        IDLE,
        /** Every change of the batch was delivered. */
        DELIVERED,
        /** A change failed and will be retried. */
        RETRYING,
        /** A change was given up after its last attempt. */
        DEAD_LETTERED,
        /** The consumer is paused (now or before); nothing was sent. */
        PAUSED,
        /** A retry is not due yet; nothing was sent. */
        WAITING
    }

    private final IntegrationId integration;
    private final ChangeLog log;
    private final ConsumerCursors cursors;
    private final DeliveryLog deliveryLog;
    private final ChangeDeliveries deliveries;
    private final Clock clock;

    public ChangeDispatcher(
            IntegrationId integration,
            ChangeLog log,
            ConsumerCursors cursors,
            DeliveryLog deliveryLog,
            ChangeDeliveries deliveries,
            Clock clock) {
        this.integration = integration;
        this.log = log;
        this.cursors = cursors;
        this.deliveryLog = deliveryLog;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    public Outcome dispatch(ChangeConsumer consumer) {
        ConsumerState state = cursors.load(integration, consumer.name());
        Instant now = clock.instant();
        if (state.paused()) {
            return Outcome.PAUSED;
        }
        if (state.nextAttemptAt().isPresent()
                && now.isBefore(state.nextAttemptAt().get())) {
            return Outcome.WAITING;
        }
        long latest = log.latestSequence(integration); // before the read: sequences commit in order
        List<Change> batch = log.read(integration, state.cursor(), consumer.batchSize(), consumer.kinds());
        if (batch.isEmpty()) {
            if (latest > state.cursor()) { // only other kinds since: the consumer is up to date through latest
                cursors.save(integration, consumer.name(), state.deliveredThrough(latest));
            }
            return Outcome.IDLE;
        }
        List<DeliveryAttempt> attempts = deliveries.deliver(consumer, batch);
        int delivered = ChangeDeliveries.deliveredPrefix(attempts);
        if (delivered > 0) {
            state = state.deliveredThrough(batch.get(delivered - 1).sequence());
        }
        if (delivered == batch.size()) {
            cursors.save(integration, consumer.name(), state);
            return Outcome.DELIVERED;
        }
        Change failed = batch.get(delivered);
        String reason = attempts.size() > delivered ? attempts.get(delivered).detail() : "not delivered";
        Instant failingSince = state.failingSince().orElse(now);
        DeliveryPolicy.Decision decision =
                consumer.policy().afterFailure(state.failedAttempts() + 1, failingSince, now);
        Outcome outcome;
        if (decision instanceof DeliveryPolicy.Retry retry) {
            state = state.failed(failingSince, retry.at());
            outcome = Outcome.RETRYING;
        } else if (decision instanceof DeliveryPolicy.DeadLetter) {
            deliveryLog.deadLetter(
                    integration,
                    consumer.name(),
                    new DeliveryLog.DeadLetter(
                            failed.sequence(), failed.id(), state.failedAttempts() + 1, reason, now));
            state = state.deadLettered(failed.sequence(), failingSince);
            outcome = Outcome.DEAD_LETTERED;
        } else {
            state = state.pausedAfterFailure(failingSince);
            outcome = Outcome.PAUSED;
        }
        cursors.save(integration, consumer.name(), state);
        return outcome;
    }
}
