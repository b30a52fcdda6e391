package dev.fieldsync.app.metrics;

import dev.fieldsync.ports.out.delivery.ChangeSink;
import dev.fieldsync.ports.out.delivery.Delivery;
import dev.fieldsync.ports.out.delivery.DeliveryAttempt;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * Counts a consumer's delivery attempts by outcome ({@code fieldsync_change_deliveries_total{consumer,outcome}},
 * outcome {@code delivered} or {@code failed}) around its sink, so the sinks stay framework-free.
 */
public final class MeteredChangeSink implements ChangeSink {
    private final ChangeSink sink;
    private final Counter delivered;
    private final Counter failed;

    public MeteredChangeSink(ChangeSink sink, String consumer, MeterRegistry registry) {
        this.sink = sink;
        this.delivered = counter(registry, consumer, "delivered");
        this.failed = counter(registry, consumer, "failed");
    }

    private static Counter counter(MeterRegistry registry, String consumer, String outcome) {
        return Counter.builder("fieldsync.change.deliveries")
                .description("Attempts to deliver a change to a consumer of the change feed, by outcome")
                .tag("consumer", consumer)
                .tag("outcome", outcome)
                .register(registry);
    }

    @Override
    public List<DeliveryAttempt> deliver(List<Delivery> batch) {
        List<DeliveryAttempt> attempts = sink.deliver(batch);
        for (DeliveryAttempt attempt : attempts) {
            (attempt.delivered() ? delivered : failed).increment();
        }
        return attempts;
    }

    @Override
    public String toString() {
        return sink.toString();
    }
}
