package dev.fieldsync.application.delivery;

import dev.fieldsync.domain.change.Change;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.ports.out.delivery.ConsumerCursors;
import dev.fieldsync.ports.out.delivery.DeliveryAttempt;
import dev.fieldsync.ports.out.delivery.DeliveryLog;
import dev.fieldsync.ports.out.store.ChangeLog;
import java.util.ArrayList;
import java.util.List;

/**
 * An operator's hand on one consumer: send one change or a range again now (dead letters among them are
 * cleared once delivered), rewind the consumer to a sequence (everything from there is sent again by the
 * dispatcher), or resume a paused one.
 */
public final class ChangeReplay {
    /** What a replay of a range did: the changes it found, and the attempts (stopping at the first failure). */
    public record Result(int found, List<DeliveryAttempt> attempts) {
        public long delivered() {
            return attempts.stream().filter(DeliveryAttempt::delivered).count();
        }
    }

    private final IntegrationId integration;
    private final ChangeLog log;
    private final ConsumerCursors cursors;
    private final DeliveryLog deliveryLog;
    private final ChangeDeliveries deliveries;

    public ChangeReplay(
            IntegrationId integration,
            ChangeLog log,
            ConsumerCursors cursors,
            DeliveryLog deliveryLog,
            ChangeDeliveries deliveries) {
        this.integration = integration;
        this.log = log;
        this.cursors = cursors;
        this.deliveryLog = deliveryLog;
        this.deliveries = deliveries;
    }

    /** Sends the changes with a sequence in {@code [from, to]} (of the consumer's kinds) again, now, in order. */
    public Result replay(ChangeConsumer consumer, long from, long to) {
        if (from < 1 || to < from) {
            throw new IllegalArgumentException(
                    "a replay range is from ≥ 1 to ≥ from (e.g. from=120&to=180), not " + from + ".." + to);
        }
        List<DeliveryAttempt> attempts = new ArrayList<>();
        int found = 0;
        long after = from - 1;
        while (after < to) {
            List<Change> page = log.read(integration, after, consumer.batchSize(), consumer.kinds()).stream()
                    .filter(change -> change.sequence() <= to)
                    .toList();
            if (page.isEmpty()) {
                break;
            }
            found += page.size();
            List<DeliveryAttempt> answered = deliveries.deliver(consumer, page);
            attempts.addAll(answered);
            int delivered = ChangeDeliveries.deliveredPrefix(answered);
            if (delivered > 0) {
                deliveryLog.clearDeadLetters(
                        integration,
                        consumer.name(),
                        from,
                        page.get(delivered - 1).sequence());
            }
            if (delivered < page.size()) {
                break;
            }
            after = page.get(page.size() - 1).sequence();
        }
        return new Result(found, List.copyOf(attempts));
    }

    /** From now on the dispatcher delivers every change from {@code sequence} on again (and resumes it). */
    public void rewind(ChangeConsumer consumer, long sequence) {
        if (sequence < 1) {
            throw new IllegalArgumentException("rewind to a sequence ≥ 1, not " + sequence);
        }
        cursors.save(
                integration,
                consumer.name(),
                cursors.load(integration, consumer.name()).rewoundTo(sequence));
    }

    /** A paused consumer delivers again at once, from where it stood. */
    public void resume(ChangeConsumer consumer) {
        cursors.save(
                integration,
                consumer.name(),
                cursors.load(integration, consumer.name()).resumed());
    }
}
