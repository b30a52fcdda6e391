package dev.fieldsync.application.delivery;

import dev.fieldsync.domain.change.Change;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.ports.out.delivery.ChangeEncoder;
import dev.fieldsync.ports.out.delivery.Delivery;
import dev.fieldsync.ports.out.delivery.DeliveryAttempt;
import dev.fieldsync.ports.out.delivery.DeliveryLog;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes changes, hands them to a consumer's sink and writes every attempt to the delivery log: the step the
 * dispatcher and a replay share.
 */
public final class ChangeDeliveries {
    private final IntegrationId integration;
    private final ChangeEncoder encoder;
    private final DeliveryLog deliveryLog;
    private final Clock clock;

    public ChangeDeliveries(IntegrationId integration, ChangeEncoder encoder, DeliveryLog deliveryLog, Clock clock) {
        this.integration = integration;
        this.encoder = encoder;
        this.deliveryLog = deliveryLog;
        this.clock = clock;
    }

    /** Delivers {@code changes} in order; answers the sink's attempts (the delivered ones first). */
    public List<DeliveryAttempt> deliver(ChangeConsumer consumer, List<Change> changes) {
        List<Delivery> batch = changes.stream().map(this::delivery).toList();
        Instant at = clock.instant();
        List<DeliveryAttempt> attempts = consumer.sink().deliver(batch);
        List<DeliveryLog.RecordedAttempt> recorded = new ArrayList<>(attempts.size());
        for (int i = 0; i < attempts.size() && i < changes.size(); i++) {
            recorded.add(new DeliveryLog.RecordedAttempt(changes.get(i).sequence(), attempts.get(i), at));
        }
        deliveryLog.recordAttempts(integration, consumer.name(), recorded);
        return attempts;
    }

    /** How many attempts at the start were delivered (nothing after the first failure counts). */
    static int deliveredPrefix(List<DeliveryAttempt> attempts) {
        int delivered = 0;
        while (delivered < attempts.size() && attempts.get(delivered).delivered()) {
            delivered++;
        }
        return delivered;
    }

    private Delivery delivery(Change change) {
        return new Delivery(
                change.integration().value(),
                change.id(),
                change.sequence(),
                change.kind().wireName(),
                change.jobId().map(JobId::value),
                change.occurredAt(),
                encoder.encode(change));
    }
}
