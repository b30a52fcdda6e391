package dev.fieldsync.app.health;

import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.delivery.ConsumerOperations;
import dev.fieldsync.app.delivery.ConsumerStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Gauges per consumer of the change feed, read at scrape time (one read of every consumer per scrape, however many
 * gauges ask): lag in changes and in seconds, dead letters, paused. The attempts by outcome are counted where they
 * happen ({@code MeteredChangeSink}).
 */
@Singleton
public class ChangeConsumerMetrics implements MeterBinder {
    /** Gauges read within this of each other share one read of the consumers. */
    private static final Duration SAME_SCRAPE = Duration.ofSeconds(1);

    private final BeanProvider<ConsumerOperations> operations;
    private final BeanProvider<FieldsyncSettings> settings;
    private final Clock clock;
    private Map<String, ConsumerStatus> read = Map.of();
    private Instant readAt = Instant.MIN;

    public ChangeConsumerMetrics(
            BeanProvider<ConsumerOperations> operations, BeanProvider<FieldsyncSettings> settings, Clock clock) {
        this.operations = operations;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The names from the settings (the consumers' sinks are built with the registry, so they cannot be asked here);
     * none in a context that is not the service (the benchmarks' store contexts have no fieldsync settings).
     */
    private java.util.List<String> consumerNames() {
        FieldsyncSettings read;
        try {
            read = settings.get();
        } catch (RuntimeException notTheService) {
            return java.util.List.of();
        }
        return java.util.stream.Stream.concat(
                        read.changeDelivery().endpoints().stream().map(e -> e.name()),
                        read.changeDelivery().brokers().stream().map(b -> b.name()))
                .toList();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String name : consumerNames()) {
            Gauge.builder(
                            "fieldsync.change.consumer.lag.changes",
                            this,
                            m -> m.value(name, s -> s.lag().changes()))
                    .description("Changes the consumer has not got yet")
                    .tag("consumer", name)
                    .register(registry);
            Gauge.builder(
                            "fieldsync.change.consumer.lag.seconds",
                            this,
                            m -> m.value(name, s -> s.lag().age().toMillis() / 1000.0))
                    .description("Age of the oldest change the consumer has not got yet")
                    .tag("consumer", name)
                    .register(registry);
            Gauge.builder(
                            "fieldsync.change.consumer.dead.letters",
                            this,
                            m -> m.value(name, s -> s.deadLetters().size()))
                    .description("Changes given up after their last attempt")
                    .tag("consumer", name)
                    .register(registry);
            Gauge.builder(
                            "fieldsync.change.consumer.paused",
                            this,
                            m -> m.value(name, s -> s.state().paused() ? 1 : 0))
                    .description("1 while delivery waits for an operator to resume it")
                    .tag("consumer", name)
                    .register(registry);
        }
    }

    private double value(String consumer, ToDoubleFunction<ConsumerStatus> value) {
        ConsumerStatus status = statuses().get(consumer);
        return status == null ? Double.NaN : value.applyAsDouble(status);
    }

    private synchronized Map<String, ConsumerStatus> statuses() {
        Instant now = clock.instant();
        if (Duration.between(readAt, now).compareTo(SAME_SCRAPE) > 0) {
            Map<String, ConsumerStatus> fresh = new java.util.HashMap<>();
            try {
                operations.get().all().forEach(status -> fresh.put(status.name(), status));
            } catch (RuntimeException unreadable) {
                // the database is away: NaN this scrape, readiness says why
            }
            read = fresh;
            readAt = now;
        }
        return read;
    }
}
