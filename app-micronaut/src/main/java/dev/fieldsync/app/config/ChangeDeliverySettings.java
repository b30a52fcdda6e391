package dev.fieldsync.app.config;

import dev.fieldsync.adapters.rabbitmq.RabbitMqSettings;
import dev.fieldsync.domain.change.ChangeKind;
import dev.fieldsync.domain.delivery.DeliveryPolicy;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.webhook.WebhookSecret;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The push side of the change feed: the outbound webhook endpoints and broker sinks (each one consumer with its own
 * durable cursor), the retry and pause rules they share, when readiness warns about a lagging consumer, how often an
 * idle deliverer looks for another instance's changes, how many changes one batch holds and how many threads run
 * the deliverers of all (integration, consumer) pairs (each running one holds two pooled connections: its lock, the
 * stores). Secrets are held as
 * {@link WebhookSecret}s and {@link RabbitMqSettings}, which never print them.
 */
public record ChangeDeliverySettings(
        List<Endpoint> endpoints,
        List<Broker> brokers,
        DeliveryPolicy policy,
        Duration maxLag,
        Duration pollInterval,
        int batchSize,
        int threads) {
    public ChangeDeliverySettings {
        endpoints = List.copyOf(endpoints);
        brokers = List.copyOf(brokers);
    }

    /** No consumer configured: the defaults, nothing pushed. */
    public static ChangeDeliverySettings none() {
        return new ChangeDeliverySettings(
                List.of(), List.of(), DeliveryPolicy.DEFAULT, Duration.ofMinutes(15), Duration.ofSeconds(1), 50, 2);
    }

    /**
     * One outbound webhook endpoint: changes of {@code kinds} (empty: all) are POSTed to {@code url}, signed with the
     * secrets (the current one, then the next during a rotation); a disabled one keeps its cursor and waits. The
     * changes come from the integrations listed in {@code integrations} (empty: every integration the service serves).
     */
    public record Endpoint(
            String name,
            URI url,
            List<WebhookSecret> secrets,
            Set<ChangeKind> kinds,
            Duration timeout,
            boolean enabled,
            Set<IntegrationId> integrations) {
        public Endpoint {
            secrets = List.copyOf(secrets);
            kinds = Set.copyOf(kinds);
            integrations = Set.copyOf(integrations);
        }
    }

    /**
     * One RabbitMQ sink: changes of {@code kinds} (empty: all) of the listed {@code integrations} (empty: all served)
     * published to the exchange of {@code settings}.
     */
    public record Broker(
            String name, RabbitMqSettings settings, Set<ChangeKind> kinds, Set<IntegrationId> integrations) {
        public Broker {
            kinds = Set.copyOf(kinds);
            integrations = Set.copyOf(integrations);
        }
    }
}
