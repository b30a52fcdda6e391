package dev.fieldsync.adapters.vertx.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldsync.adapters.vertx.testing.TinyServer;
import dev.fieldsync.adapters.vertx.testing.TinyServer.Reply;
import dev.fieldsync.domain.webhook.StandardWebhookSignature;
import dev.fieldsync.domain.webhook.WebhookSecret;
import dev.fieldsync.ports.out.delivery.Delivery;
import dev.fieldsync.ports.out.delivery.DeliveryAttempt;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookSinkTest {
    private static final Instant NOW = Instant.parse("2026-07-01T08:00:00Z");
    private static final String CURRENT_TEXT = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String NEXT_TEXT = "whsec_QkVSWVNFQ1JFVC1ORVhULTAxMjM0NTY3ODlhYmNkZWY=";
    private static final WebhookSecret CURRENT = WebhookSecret.standard(CURRENT_TEXT);
    private static final WebhookSecret NEXT = WebhookSecret.standard(NEXT_TEXT);

    private final Vertx vertx = Vertx.vertx();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private TinyServer receiver;
    private WebhookSink sink;

    @AfterEach
    void close() throws Exception {
        if (sink != null) {
            sink.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    private WebhookSink sink(String url, List<WebhookSecret> secrets, Duration timeout) {
        sink = new WebhookSink(vertx, new WebhookTarget("erp", URI.create(url), secrets, timeout), clock);
        return sink;
    }

    private static Delivery change(long seq) {
        return new Delivery(
                "it",
                "chg_it_" + seq,
                seq,
                "job.changed",
                Optional.of("21172159"),
                NOW,
                "{\"id\":\"chg_it_" + seq + "\",\"sequence\":" + seq + "}");
    }

    @Test
    void eachChangeIsPostedSignedSoTheReceiverVerifiesItWithEitherSecretOfARotation() throws Exception {
        receiver = new TinyServer().otherwise(Reply.noContent());
        WebhookSink sink = sink(receiver.baseUrl() + "/hooks/fieldsync", List.of(CURRENT, NEXT), Duration.ofSeconds(5));

        List<DeliveryAttempt> attempts = sink.deliver(List.of(change(1), change(2)));

        assertThat(attempts).extracting(DeliveryAttempt::delivered).containsExactly(true, true);
        assertThat(attempts.get(0).status()).hasValue(204);
        List<TinyServer.Request> requests = receiver.requests();
        assertThat(requests).extracting(TinyServer.Request::path).containsOnly("/hooks/fieldsync");
        TinyServer.Request first = requests.get(0);
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.header("content-type")).isEqualTo("application/json");
        assertThat(first.header("webhook-id")).isEqualTo("chg_it_1");
        assertThat(first.header(WebhookSink.INTEGRATION_HEADER)).isEqualTo("it");
        assertThat(first.header("webhook-timestamp")).isEqualTo(Long.toString(NOW.getEpochSecond()));
        assertThat(first.body()).isEqualTo(change(1).body());
        StandardWebhookSignature.Headers received = new StandardWebhookSignature.Headers(
                first.header("webhook-id"), first.header("webhook-timestamp"), first.header("webhook-signature"));
        byte[] body = first.body().getBytes(StandardCharsets.UTF_8);
        assertThat(StandardWebhookSignature.verify(received, body, List.of(CURRENT), NOW)
                        .valid())
                .isTrue();
        assertThat(StandardWebhookSignature.verify(received, body, List.of(NEXT), NOW)
                        .valid())
                .isTrue();
        assertThat(requests.get(1).header("webhook-id")).isEqualTo("chg_it_2");
    }

    @Test
    void theReceiverSnippetInTheReadmeVerifiesARealDelivery() throws Exception {
        receiver = new TinyServer().otherwise(Reply.noContent());
        sink = new WebhookSink(
                vertx,
                new WebhookTarget("erp", URI.create(receiver.baseUrl()), List.of(CURRENT, NEXT), Duration.ofSeconds(5)),
                Clock.systemUTC());

        assertThat(sink.deliver(List.of(change(7))).get(0).delivered()).isTrue();

        TinyServer.Request request = receiver.requests().get(0);
        byte[] body = request.body().getBytes(StandardCharsets.UTF_8);
        String id = request.header("webhook-id");
        String timestamp = request.header("webhook-timestamp");
        String signatures = request.header("webhook-signature");
        assertThat(verified(id, timestamp, signatures, body, CURRENT_TEXT)).isTrue();
        assertThat(verified(id, timestamp, signatures, body, NEXT_TEXT)).isTrue();
        assertThat(verified(id, timestamp, signatures, "{}".getBytes(StandardCharsets.UTF_8), CURRENT_TEXT))
                .isFalse();
        assertThat(verified("chg_other", timestamp, signatures, body, CURRENT_TEXT))
                .isFalse();
    }

    // Verbatim from adapters-vertx/README.md ("A receiver verifies a delivery with the JDK alone").
    static boolean verified(String id, String timestamp, String signatures, byte[] body, String whsecSecret)
            throws Exception {
        if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) return false; // replayed
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(
                java.util.Base64.getDecoder().decode(whsecSecret.substring("whsec_".length())), "HmacSHA256"));
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        byte[] expected = mac.doFinal(body);
        for (String signature : signatures.split(" ")) {
            if (signature.startsWith("v1,")
                    && java.security.MessageDigest.isEqual(
                            expected, java.util.Base64.getDecoder().decode(signature.substring(3)))) return true;
        }
        return false;
    }

    @Test
    void aNon2xxAnswerFailsTheAttemptAndNothingAfterItIsSent() throws Exception {
        receiver =
                new TinyServer().then(Reply.noContent(), Reply.json(500, "{}")).otherwise(Reply.noContent());
        WebhookSink sink = sink(receiver.baseUrl(), List.of(CURRENT), Duration.ofSeconds(5));

        List<DeliveryAttempt> attempts = sink.deliver(List.of(change(1), change(2), change(3)));

        assertThat(attempts).extracting(DeliveryAttempt::delivered).containsExactly(true, false);
        assertThat(attempts.get(1).status()).hasValue(500);
        assertThat(attempts.get(1).detail()).isEqualTo("HTTP 500");
        assertThat(receiver.requests()).hasSize(2);
    }

    @Test
    void aRedirectIsNotFollowedAndCountsAsAFailure() throws Exception {
        receiver = new TinyServer().otherwise(Reply.of(302, null, "", "Location: http://127.0.0.1:1/elsewhere"));
        WebhookSink sink = sink(receiver.baseUrl(), List.of(CURRENT), Duration.ofSeconds(5));

        assertThat(sink.deliver(List.of(change(1)))).singleElement().satisfies(a -> {
            assertThat(a.delivered()).isFalse();
            assertThat(a.status()).hasValue(302);
        });
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeIsAFailedAttemptAfterTheTimeout() throws Exception {
        receiver = new TinyServer().otherwise(Reply.silence(3_000));
        WebhookSink sink = sink(receiver.baseUrl(), List.of(CURRENT), Duration.ofMillis(300));

        DeliveryAttempt attempt = sink.deliver(List.of(change(1))).get(0);

        assertThat(attempt.delivered()).isFalse();
        assertThat(attempt.status()).isEmpty();
        assertThat(attempt.detail())
                .isEqualTo("no answer within 300 ms")
                .doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertThat(attempt.latency())
                .isGreaterThanOrEqualTo(Duration.ofMillis(250))
                .isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aReceiverThatIsDownOrResetsIsAFailedAttemptNotAnException() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        WebhookSink down = sink("http://127.0.0.1:" + closedPort + "/hooks", List.of(CURRENT), Duration.ofSeconds(2));
        assertThat(down.deliver(List.of(change(1)))).singleElement().satisfies(a -> {
            assertThat(a.delivered()).isFalse();
            assertThat(a.detail()).isNotBlank();
        });
        down.close();

        receiver = new TinyServer().otherwise(Reply.reset());
        WebhookSink resetting = sink(receiver.baseUrl(), List.of(CURRENT), Duration.ofSeconds(2));
        assertThat(resetting.deliver(List.of(change(1))))
                .singleElement()
                .satisfies(a -> assertThat(a.delivered()).isFalse());
    }

    @Test
    void badEndpointsAreRefusedWithWhatToWrite() {
        assertThatThrownBy(() -> new WebhookTarget(
                        "erp", URI.create("erp.example.com/hooks"), List.of(CURRENT), Duration.ofSeconds(1)))
                .hasMessageContaining("absolute http(s) URL");
        assertThatThrownBy(() -> new WebhookTarget(
                        "erp", URI.create("https://erp.example.com"), List.of(), Duration.ofSeconds(1)))
                .hasMessageContaining("needs one secret, or two during a rotation");
        assertThatThrownBy(() -> new WebhookTarget(
                        "erp",
                        URI.create("https://erp.example.com"),
                        List.of(CURRENT, NEXT, CURRENT),
                        Duration.ofSeconds(1)))
                .hasMessageContaining("not 3");
        assertThatThrownBy(() -> new WebhookTarget(
                        "erp", URI.create("https://erp.example.com"), List.of(CURRENT), Duration.ZERO))
                .hasMessageContaining("timeout must be positive");
        WebhookTarget target = new WebhookTarget(
                "erp", URI.create("https://erp.example.com"), List.of(CURRENT, NEXT), Duration.ofSeconds(1));
        assertThat(target.toString())
                .doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
                .doesNotContain("QkVSWVNF");
    }
}
