package dev.fieldsync.adapters.rabbitmq;

import dev.fieldsync.ports.out.delivery.Delivery;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how {@link RabbitMqSink} publishes: the broker, the exchange (which must exist, so a typo is an
 * error at start and not a silent drop), the routing key ({@code {kind}} in it is replaced by the change's kind,
 * e.g. {@code fieldsync.{kind}} gives {@code fieldsync.job.changed}; {@code {integration}} by the integration the
 * change belongs to, e.g. {@code fieldsync.{integration}.{kind}} gives {@code fieldsync.acme.job.changed}), how long to wait for the broker's confirms
 * and for a connection. The password never shows ({@link #toString()} is redacted).
 */
public record RabbitMqSettings(
        String host,
        int port,
        String username,
        String password,
        String virtualHost,
        String exchange,
        String routingKey,
        Duration confirmTimeout,
        Duration connectTimeout) {
    public RabbitMqSettings {
        require(host, "host");
        require(username, "username");
        Objects.requireNonNull(password, "password");
        require(virtualHost, "virtual host");
        require(exchange, "exchange");
        Objects.requireNonNull(routingKey, "routingKey");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("the RabbitMQ port must be 1..65535, not " + port);
        }
        if (confirmTimeout.isNegative() || confirmTimeout.isZero()) {
            throw new IllegalArgumentException("the RabbitMQ confirm timeout must be positive, not " + confirmTimeout);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("the RabbitMQ connect timeout must be positive, not " + connectTimeout);
        }
    }

    /** The local broker's defaults (guest/guest on 127.0.0.1:5672, vhost /) for an exchange and routing key. */
    public static RabbitMqSettings local(String exchange, String routingKey) {
        return new RabbitMqSettings(
                "127.0.0.1",
                5672,
                "guest",
                "guest",
                "/",
                exchange,
                routingKey,
                Duration.ofSeconds(10),
                Duration.ofSeconds(5));
    }

    public RabbitMqSettings withPassword(String newPassword) {
        return new RabbitMqSettings(
                host, port, username, newPassword, virtualHost, exchange, routingKey, confirmTimeout, connectTimeout);
    }

    public RabbitMqSettings withPort(int newPort) {
        return new RabbitMqSettings(
                host, newPort, username, password, virtualHost, exchange, routingKey, confirmTimeout, connectTimeout);
    }

    /** The routing key for a change of this kind (of an integration the key does not name). */
    public String routingKeyFor(String kind) {
        return routingKey.replace("{kind}", kind);
    }

    /** The routing key for this delivery: {@code {kind}} and {@code {integration}} replaced by its own. */
    public String routingKeyFor(Delivery delivery) {
        return routingKeyFor(delivery.kind()).replace("{integration}", delivery.integration());
    }

    /** {@code amqp://user@host:port/vhost exchange=...}, never the password. */
    public String describe() {
        return "amqp://" + username + "@" + host + ":" + port + virtualHost + " exchange '" + exchange + "'";
    }

    @Override
    public String toString() {
        return "RabbitMqSettings[" + describe() + ", routing key '" + routingKey + "', password redacted]";
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the RabbitMQ " + name + " must not be empty");
        }
    }
}
