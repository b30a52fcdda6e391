package dev.fieldsync.adapters.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.fieldsync.ports.out.delivery.Delivery;
import dev.fieldsync.ports.out.delivery.DeliveryAttempt;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against the real broker on 127.0.0.1:5672 (guest/guest); .ci/run starts it. Never skipped. */
class RabbitMqSinkTest {
    private static final Instant AT = Instant.parse("2026-07-01T08:00:00Z");

    private final String exchange = "fieldsync-test-" + UUID.randomUUID();
    private final String queue = exchange + "-q";
    private Connection admin;
    private Channel adminChannel;
    private RabbitMqSink sink;

    @BeforeEach
    void declareAnExchangeWithABoundQueue() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5672);
        admin = factory.newConnection("fieldsync test admin");
        adminChannel = admin.createChannel();
        adminChannel.exchangeDeclare(exchange, "topic", false, true, null);
        adminChannel.queueDeclare(queue, false, false, true, null);
        adminChannel.queueBind(queue, exchange, "fieldsync.job.#");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (sink != null) {
            sink.close();
        }
        if (adminChannel.isOpen()) {
            adminChannel.queueDelete(queue);
            adminChannel.exchangeDelete(exchange);
        }
        admin.close();
    }

    private RabbitMqSink sink(RabbitMqSettings settings) {
        sink = new RabbitMqSink(settings, Clock.systemUTC());
        return sink;
    }

    private static Delivery change(long seq, String kind, String job) {
        return new Delivery(
                "it", "chg_it_" + seq, seq, kind, Optional.of(job), AT.plusSeconds(seq), "{\"sequence\":" + seq + "}");
    }

    private List<GetResponse> drain() throws Exception {
        List<GetResponse> messages = new ArrayList<>();
        for (GetResponse r = adminChannel.basicGet(queue, true); r != null; r = adminChannel.basicGet(queue, true)) {
            messages.add(r);
        }
        return messages;
    }

    @Test
    void aConfirmedBatchArrivesInOrderAsPersistentMessagesWithTheChangeIdAsMessageId() throws Exception {
        RabbitMqSink sink = sink(RabbitMqSettings.local(exchange, "fieldsync.{kind}"));
        sink.start();
        List<Delivery> batch = IntStream.rangeClosed(1, 50)
                .mapToObj(i -> change(i, i % 2 == 0 ? "job.changed" : "job.created", "job-" + (i % 3)))
                .toList();

        List<DeliveryAttempt> attempts = sink.deliver(batch);

        assertThat(attempts).hasSize(50).allMatch(DeliveryAttempt::delivered);
        assertThat(attempts)
                .extracting(DeliveryAttempt::deliveryId)
                .containsExactlyElementsOf(batch.stream().map(Delivery::id).toList());
        List<GetResponse> messages = drain();
        assertThat(messages)
                .extracting(m -> m.getProps().getMessageId())
                .containsExactlyElementsOf(batch.stream().map(Delivery::id).toList());
        GetResponse second = messages.get(1);
        assertThat(second.getProps().getDeliveryMode()).isEqualTo(2);
        assertThat(second.getProps().getContentType()).isEqualTo("application/json");
        assertThat(second.getProps().getType()).isEqualTo("job.changed");
        assertThat(second.getProps().getTimestamp().toInstant()).isEqualTo(AT.plusSeconds(2));
        assertThat(second.getProps().getHeaders().get("fieldsync-sequence")).isEqualTo(2L);
        assertThat(second.getProps().getHeaders().get("fieldsync-ordering-key").toString())
                .isEqualTo("job-2");
        assertThat(second.getEnvelope().getRoutingKey()).isEqualTo("fieldsync.job.changed");
        assertThat(second.getProps().getHeaders().get("fieldsync-integration").toString())
                .isEqualTo("it");
        assertThat(new String(second.getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"sequence\":2}");
    }

    @Test
    void theRoutingKeyCanNameTheIntegrationSoEachIntegrationsChangesGoToTheirOwnQueue() throws Exception {
        String acmeQueue = queue + "-acme";
        adminChannel.queueDeclare(acmeQueue, false, false, true, null);
        adminChannel.queueBind(acmeQueue, exchange, "fieldsync.acme.#");
        RabbitMqSink sink = sink(RabbitMqSettings.local(exchange, "fieldsync.{integration}.{kind}"));
        sink.start();
        Delivery acme = new Delivery("acme", "chg_acme_7", 7, "job.created", Optional.of("j1"), AT, "{\"sequence\":7}");
        Delivery globex =
                new Delivery("globex", "chg_globex_7", 7, "job.created", Optional.of("j1"), AT, "{\"sequence\":7}");

        List<DeliveryAttempt> attempts = sink.deliver(List.of(acme));
        GetResponse routed = adminChannel.basicGet(acmeQueue, true);
        List<DeliveryAttempt> unroutable = sink.deliver(List.of(globex));

        assertThat(attempts).allMatch(DeliveryAttempt::delivered);
        assertThat(routed.getEnvelope().getRoutingKey()).isEqualTo("fieldsync.acme.job.created");
        assertThat(routed.getProps().getHeaders().get("fieldsync-integration").toString())
                .isEqualTo("acme");
        assertThat(unroutable)
                .as("no queue is bound for globex: mandatory, so a failed attempt naming the key")
                .noneMatch(DeliveryAttempt::delivered);
        assertThat(unroutable.get(0).detail()).contains("fieldsync.globex.job.created");
        adminChannel.queueDelete(acmeQueue);
    }

    @Test
    void aMessageNoQueueTakesIsNotDeliveredNorIsAnythingAfterIt() throws Exception {
        RabbitMqSink sink = sink(RabbitMqSettings.local(exchange, "fieldsync.{kind}"));
        List<Delivery> batch = List.of(
                change(1, "job.created", "a"), change(2, "submission.accepted", "a"), change(3, "job.changed", "a"));

        List<DeliveryAttempt> attempts = sink.deliver(batch);

        assertThat(attempts).extracting(DeliveryAttempt::delivered).containsExactly(true, false, false);
        assertThat(attempts.get(1).detail())
                .contains("unroutable")
                .contains("fieldsync.submission.accepted")
                .contains(exchange);
        assertThat(drain()).extracting(m -> m.getProps().getMessageId()).contains("chg_it_1");
    }

    @Test
    void aMissingExchangeIsAnErrorAtStartThatSaysWhatToFix() {
        RabbitMqSink sink = sink(RabbitMqSettings.local(exchange + "-typo", "x"));

        assertThatThrownBy(sink::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(exchange + "-typo")
                .hasMessageContaining("NOT_FOUND")
                .hasMessageContaining("the exchange must exist");
    }

    @Test
    void aBrokerThatIsDownFailsTheBatchWithoutThrowingAndTheNextBatchReconnects() throws Exception {
        RabbitMqSink sink = sink(RabbitMqSettings.local(exchange, "fieldsync.{kind}"));
        assertThat(sink.deliver(List.of(change(1, "job.created", "a"))).get(0).delivered())
                .isTrue();

        // The exchange vanishes under the sink: the broker closes its channel; the batch fails, nothing thrown.
        adminChannel.exchangeDelete(exchange);
        List<DeliveryAttempt> failed =
                sink.deliver(List.of(change(2, "job.changed", "a"), change(3, "job.changed", "a")));
        assertThat(failed).hasSize(2).noneMatch(DeliveryAttempt::delivered);

        adminChannel.exchangeDeclare(exchange, "topic", false, true, null);
        adminChannel.queueBind(queue, exchange, "fieldsync.job.#");
        List<DeliveryAttempt> again =
                sink.deliver(List.of(change(2, "job.changed", "a"), change(3, "job.changed", "a")));

        assertThat(again).allMatch(DeliveryAttempt::delivered);
        assertThat(drain()).extracting(m -> m.getProps().getMessageId()).containsSubsequence("chg_it_2", "chg_it_3");
    }

    @Test
    void aWrongPasswordFailsAndNeverShowsThePassword() {
        String password = "s3cret-" + UUID.randomUUID();
        RabbitMqSink sink = sink(RabbitMqSettings.local(exchange, "x").withPassword(password));

        List<DeliveryAttempt> attempts = sink.deliver(List.of(change(1, "job.created", "a")));

        assertThat(attempts).singleElement().satisfies(a -> {
            assertThat(a.delivered()).isFalse();
            assertThat(a.detail()).doesNotContain(password).isNotBlank();
        });
        assertThatThrownBy(sink::start)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(password));
        assertThat(RabbitMqSettings.local(exchange, "x").withPassword(password).toString())
                .doesNotContain(password)
                .contains("redacted");
    }

    @Test
    void nothingListeningOnThePortIsAFailedAttempt() {
        RabbitMqSink sink = sink(RabbitMqSettings.local(exchange, "x").withPort(1));

        assertThat(sink.deliver(List.of(change(1, "job.created", "a"))))
                .singleElement()
                .satisfies(a -> assertThat(a.delivered()).isFalse());
    }

    @Test
    void badSettingsAreRefusedWithThePropertyToFix() {
        assertThatThrownBy(() -> RabbitMqSettings.local(exchange, "x").withPort(0))
                .hasMessageContaining("RabbitMQ port must be 1..65535, not 0");
        assertThatThrownBy(() -> new RabbitMqSettings(
                        " ",
                        5672,
                        "guest",
                        "guest",
                        "/",
                        exchange,
                        "x",
                        java.time.Duration.ofSeconds(1),
                        java.time.Duration.ofSeconds(1)))
                .hasMessageContaining("RabbitMQ host must not be empty");
    }
}
