package dev.fieldsync.adapters.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.fieldsync.ports.out.delivery.ChangeSink;
import dev.fieldsync.ports.out.delivery.Delivery;
import dev.fieldsync.ports.out.delivery.DeliveryAttempt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * The change sink over RabbitMQ: each delivery is one persistent message (delivery mode 2) whose message id is
 * the change id, published {@code mandatory} to the configured exchange with publisher confirms. A batch counts
 * as delivered only when the broker confirmed every message of it and returned none as unroutable; a nack, a
 * return, a confirm timeout or a lost connection fails the batch from that message on (it is sent again later,
 * so a consumer sees a message at least once and dedupes by message id). The connection is opened on first use
 * and again after a failure.
 */
public final class RabbitMqSink implements ChangeSink, AutoCloseable {
    private final RabbitMqSettings settings;
    private final Clock clock;
    private final Set<String> returned = ConcurrentHashMap.newKeySet();
    private Connection connection;
    private Channel channel;

    public RabbitMqSink(RabbitMqSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Connects now and checks that the exchange exists, so a wrong broker, password or exchange is an error at
     * start, with what to fix.
     */
    public synchronized void start() {
        try {
            channel();
        } catch (IOException | TimeoutException | RuntimeException failed) {
            closeQuietly();
            throw new IllegalStateException(
                    "cannot publish changes to " + settings.describe() + ": " + reason(failed)
                            + " (check the broker's host, port, virtual host, user and password; the exchange must exist:"
                            + " fieldsync never declares it)",
                    failed);
        }
    }

    @Override
    public synchronized List<DeliveryAttempt> deliver(List<Delivery> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        Instant started = clock.instant();
        returned.clear();
        try {
            Channel open = channel();
            for (Delivery delivery : batch) {
                open.basicPublish(
                        settings.exchange(),
                        settings.routingKeyFor(delivery),
                        true,
                        properties(delivery),
                        delivery.body().getBytes(StandardCharsets.UTF_8));
            }
            boolean allAcked = open.waitForConfirms(settings.confirmTimeout().toMillis());
            Duration latency = Duration.between(started, clock.instant());
            if (!allAcked) {
                return failedFrom(batch, 0, "the broker refused (nacked) the batch", latency);
            }
            return confirmed(batch, latency);
        } catch (TimeoutException timedOut) {
            closeQuietly();
            return failedFrom(
                    batch,
                    0,
                    "no publisher confirm within " + settings.confirmTimeout().toMillis() + " ms",
                    Duration.between(started, clock.instant()));
        } catch (IOException | InterruptedException | RuntimeException failed) {
            if (failed instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            closeQuietly();
            return failedFrom(batch, 0, reason(failed), Duration.between(started, clock.instant()));
        }
    }

    private List<DeliveryAttempt> confirmed(List<Delivery> batch, Duration latency) {
        List<DeliveryAttempt> attempts = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Delivery delivery = batch.get(i);
            if (returned.contains(delivery.id())) {
                attempts.addAll(failedFrom(
                        batch,
                        i,
                        "unroutable: exchange '" + settings.exchange() + "' has no queue bound for routing key '"
                                + settings.routingKeyFor(delivery) + "'",
                        latency));
                return attempts;
            }
            attempts.add(DeliveryAttempt.delivered(delivery.id(), OptionalInt.empty(), latency));
        }
        return attempts;
    }

    private static List<DeliveryAttempt> failedFrom(List<Delivery> batch, int first, String detail, Duration latency) {
        return batch.subList(first, batch.size()).stream()
                .map(d -> DeliveryAttempt.failed(d.id(), OptionalInt.empty(), detail, latency))
                .toList();
    }

    private AMQP.BasicProperties properties(Delivery delivery) {
        return new AMQP.BasicProperties.Builder()
                .messageId(delivery.id())
                .deliveryMode(2)
                .contentType("application/json")
                .type(delivery.kind())
                .timestamp(Date.from(delivery.occurredAt()))
                .headers(Map.of(
                        "fieldsync-integration", delivery.integration(),
                        "fieldsync-sequence", delivery.sequence(),
                        "fieldsync-ordering-key", delivery.orderingKey().orElse("")))
                .build();
    }

    private Channel channel() throws IOException, TimeoutException {
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        closeQuietly();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(settings.host());
        factory.setPort(settings.port());
        factory.setUsername(settings.username());
        factory.setPassword(settings.password());
        factory.setVirtualHost(settings.virtualHost());
        factory.setConnectionTimeout(Math.toIntExact(settings.connectTimeout().toMillis()));
        factory.setAutomaticRecoveryEnabled(false); // reopened here on the next batch, confirms and all
        connection = factory.newConnection("fieldsync change feed");
        Channel opened = connection.createChannel();
        opened.exchangeDeclarePassive(settings.exchange());
        opened.confirmSelect();
        opened.addReturnListener(message -> returned.add(message.getProperties().getMessageId()));
        channel = opened;
        return opened;
    }

    private String reason(Exception failed) {
        Throwable cause = failed;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        // The client's messages never carry the password, but a URI typed into a setting might: be sure.
        return message.replace(settings.password().isEmpty() ? "\0" : settings.password(), "[redacted]");
    }

    private void closeQuietly() {
        try {
            if (connection != null && connection.isOpen()) {
                connection.close(Math.toIntExact(settings.connectTimeout().toMillis()));
            }
        } catch (IOException | RuntimeException ignored) {
            // closing a broken connection: nothing more to do
        } finally {
            connection = null;
            channel = null;
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }
}
