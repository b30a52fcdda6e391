package dev.fieldsync.app.wiring;

import dev.fieldsync.adapters.persistence.change.SqlChangeLog;
import dev.fieldsync.adapters.persistence.delivery.SqlConsumerCursors;
import dev.fieldsync.adapters.persistence.delivery.SqlDeliveryLog;
import dev.fieldsync.adapters.rabbitmq.RabbitMqSink;
import dev.fieldsync.adapters.vertx.webhook.WebhookSink;
import dev.fieldsync.adapters.vertx.webhook.WebhookTarget;
import dev.fieldsync.app.config.ChangeDeliverySettings;
import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.delivery.ChangeConsumers;
import dev.fieldsync.app.metrics.MeteredChangeSink;
import dev.fieldsync.app.rest.ChangeView;
import dev.fieldsync.app.scheduling.ChangeDispatchers;
import dev.fieldsync.application.delivery.ChangeConsumer;
import dev.fieldsync.application.delivery.ChangeDeliveries;
import dev.fieldsync.application.delivery.ChangeDispatcher;
import dev.fieldsync.ports.out.delivery.ChangeEncoder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.json.JsonMapper;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The push side of the change feed as beans: every configured consumer with its sink (a {@link WebhookSink} per
 * endpoint on one Vert.x instance of its own, a {@link RabbitMqSink} per broker sink, each counted by
 * {@link MeteredChangeSink}), the encoder (the document of {@code GET /api/changes}), and the core's dispatcher per
 * integration over the SQL change log and delivery state ({@code ConsumerOperations} builds each integration's replay
 * and lag over the same stores).
 */
@Factory
public class ChangeDeliveryFactory {

    @Singleton
    ChangeEncoder changeEncoder(JsonMapper json) {
        return change -> {
            try {
                return json.writeValueAsString(ChangeView.of(change));
            } catch (IOException failed) {
                throw new UncheckedIOException("could not encode change " + change.id(), failed);
            }
        };
    }

    @Singleton
    @Bean(preDestroy = "close")
    ChangeConsumers changeConsumers(FieldsyncSettings settings, MeterRegistry registry, Clock clock) {
        ChangeDeliverySettings delivery = settings.changeDelivery();
        List<ChangeConsumers.Configured> consumers = new ArrayList<>();
        List<AutoCloseable> resources = new ArrayList<>();
        if (!delivery.endpoints().isEmpty()) {
            Vertx vertx = Vertx.vertx();
            resources.add(() ->
                    vertx.close().toCompletionStage().toCompletableFuture().get());
            for (ChangeDeliverySettings.Endpoint endpoint : delivery.endpoints()) {
                WebhookSink sink = new WebhookSink(
                        vertx,
                        new WebhookTarget(endpoint.name(), endpoint.url(), endpoint.secrets(), endpoint.timeout()),
                        clock);
                resources.add(sink);
                consumers.add(new ChangeConsumers.Configured(
                        consumer(
                                endpoint.name(),
                                endpoint.kinds(),
                                new MeteredChangeSink(sink, endpoint.name(), registry),
                                delivery),
                        "webhook",
                        shown(endpoint.url()),
                        endpoint.enabled(),
                        endpoint.integrations()));
            }
        }
        for (ChangeDeliverySettings.Broker broker : delivery.brokers()) {
            RabbitMqSink sink = new RabbitMqSink(broker.settings(), clock);
            resources.add(sink);
            consumers.add(new ChangeConsumers.Configured(
                    consumer(
                            broker.name(),
                            broker.kinds(),
                            new MeteredChangeSink(sink, broker.name(), registry),
                            delivery),
                    "rabbitmq",
                    broker.settings().describe(),
                    true,
                    broker.integrations()));
        }
        return new ChangeConsumers(consumers, resources);
    }

    /** The endpoint as logs and the API show it: no user info, no query (either may carry a token). */
    private static String shown(java.net.URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    private static ChangeConsumer consumer(
            String name,
            java.util.Set<dev.fieldsync.domain.change.ChangeKind> kinds,
            dev.fieldsync.ports.out.delivery.ChangeSink sink,
            ChangeDeliverySettings delivery) {
        return new ChangeConsumer(name, kinds, sink, delivery.policy(), delivery.batchSize());
    }

    /** A dispatcher per integration: {@code DeliveryLoops} builds one for each served integration's deliverers. */
    @Singleton
    ChangeDispatchers changeDispatchers(
            ChangeEncoder encoder,
            SqlChangeLog log,
            SqlConsumerCursors cursors,
            SqlDeliveryLog deliveryLog,
            Clock clock) {
        return integration -> new ChangeDispatcher(
                integration,
                log,
                cursors,
                deliveryLog,
                new ChangeDeliveries(integration, encoder, deliveryLog, clock),
                clock);
    }
}
