package dev.fieldsync.app.health;

import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.delivery.ConsumerOperations;
import dev.fieldsync.app.delivery.ConsumerStatus;
import dev.fieldsync.app.metrics.MeteredGateway;
import dev.fieldsync.app.scheduling.ServedIntegrationsListener;
import dev.fieldsync.domain.id.IntegrationId;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Gauges per (integration, consumer) pair of the change feed, tagged {@code integration} and {@code consumer}, read at
 * scrape time (one read of an integration's consumers per scrape, however many gauges ask): lag in changes and in
 * seconds, dead letters, paused. A pair's series come and go with its integration ({@link #served}); a consumer
 * limited to some integrations ({@code fieldsync.changes.<kind>.<name>.integrations}) has series for those only. The
 * attempts by outcome are counted where they happen ({@code MeteredChangeSink}).
 */
@Singleton
public class ChangeConsumerMetrics implements ServedIntegrationsListener {
    /** Gauges read within this of each other share one read of the consumers. */
    private static final Duration SAME_SCRAPE = Duration.ofSeconds(1);

    /** One integration's consumers as last read, and when. */
    private record Read(Instant at, Map<String, ConsumerStatus> statuses) {}

    private final MeterRegistry registry;
    private final BeanProvider<ConsumerOperations> operations;
    private final BeanProvider<FieldsyncSettings> settings;
    private final Clock clock;
    private final Map<IntegrationId, List<Meter>> meters = new HashMap<>();
    private final Map<IntegrationId, Read> reads = new HashMap<>();

    public ChangeConsumerMetrics(
            MeterRegistry registry,
            BeanProvider<ConsumerOperations> operations,
            BeanProvider<FieldsyncSettings> settings,
            Clock clock) {
        this.registry = registry;
        this.operations = operations;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public synchronized void served(Set<IntegrationId> served, Set<IntegrationId> troubled) {
        Map<String, Set<IntegrationId>> consumers = consumers();
        Set<IntegrationId> wanted = new LinkedHashSet<>();
        wanted.add(settings.get().integration());
        wanted.addAll(served);
        for (IntegrationId gone : List.copyOf(meters.keySet())) {
            if (!wanted.contains(gone)) {
                meters.remove(gone).forEach(registry::remove);
                reads.remove(gone);
            }
        }
        for (IntegrationId integration : wanted) {
            meters.computeIfAbsent(integration, id -> register(id, consumers));
        }
    }

    /** Each consumer's name with the integrations it is limited to (empty: all), from the settings. */
    private Map<String, Set<IntegrationId>> consumers() {
        var delivery = settings.get().changeDelivery();
        Map<String, Set<IntegrationId>> consumers = new LinkedHashMap<>();
        Stream.concat(
                        delivery.endpoints().stream().map(e -> Map.entry(e.name(), e.integrations())),
                        delivery.brokers().stream().map(b -> Map.entry(b.name(), b.integrations())))
                .forEach(entry -> consumers.put(entry.getKey(), entry.getValue()));
        return consumers;
    }

    private List<Meter> register(IntegrationId integration, Map<String, Set<IntegrationId>> consumers) {
        List<Meter> registered = new ArrayList<>();
        consumers.forEach((name, limited) -> {
            if (!limited.isEmpty() && !limited.contains(integration)) {
                return;
            }
            registered.add(tagged(
                    Gauge.builder(
                            "fieldsync.change.consumer.lag.changes",
                            this,
                            m -> m.value(integration, name, s -> s.lag().changes())),
                    integration,
                    name,
                    "Changes the consumer has not got yet"));
            registered.add(tagged(
                    Gauge.builder(
                            "fieldsync.change.consumer.lag.seconds",
                            this,
                            m -> m.value(integration, name, s -> s.lag().age().toMillis() / 1000.0)),
                    integration,
                    name,
                    "Age of the oldest change the consumer has not got yet"));
            registered.add(tagged(
                    Gauge.builder(
                            "fieldsync.change.consumer.dead.letters",
                            this,
                            m -> m.value(integration, name, s -> s.deadLetters().size())),
                    integration,
                    name,
                    "Changes given up after their last attempt"));
            registered.add(tagged(
                    Gauge.builder(
                            "fieldsync.change.consumer.paused",
                            this,
                            m -> m.value(integration, name, s -> s.state().paused() ? 1 : 0)),
                    integration,
                    name,
                    "1 while delivery waits for an operator to resume it"));
        });
        return registered;
    }

    private Meter tagged(Gauge.Builder<?> gauge, IntegrationId integration, String consumer, String description) {
        return gauge.description(description)
                .tag(MeteredGateway.INTEGRATION_TAG, integration.value())
                .tag("consumer", consumer)
                .register(registry);
    }

    private double value(IntegrationId integration, String consumer, ToDoubleFunction<ConsumerStatus> value) {
        ConsumerStatus status = statuses(integration).get(consumer);
        return status == null ? Double.NaN : value.applyAsDouble(status);
    }

    private synchronized Map<String, ConsumerStatus> statuses(IntegrationId integration) {
        Instant now = clock.instant();
        Read last = reads.get(integration);
        if (last != null && Duration.between(last.at(), now).compareTo(SAME_SCRAPE) <= 0) {
            return last.statuses();
        }
        Map<String, ConsumerStatus> fresh = new HashMap<>();
        try {
            operations.get().of(integration).all().forEach(status -> fresh.put(status.name(), status));
        } catch (RuntimeException unreadable) {
            // the database is away: NaN this scrape, readiness says why
        }
        reads.put(integration, new Read(now, Map.copyOf(fresh)));
        return fresh;
    }
}
