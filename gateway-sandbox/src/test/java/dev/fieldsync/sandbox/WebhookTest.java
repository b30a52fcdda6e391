package dev.fieldsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookTest {
    static final String SECRET = "whsec_test_only";
    static GatewaySandbox sandbox;
    static Wire wire;
    static HttpServer receiver;
    static final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
    static final AtomicInteger failNext = new AtomicInteger();
    static final AtomicLong sleepNextMillis = new AtomicLong();

    record Delivery(String eventId, String eventType, String signature, String body) {}

    @BeforeAll
    static void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        receiver.createContext("/hook", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            long sleep = sleepNextMillis.getAndSet(0);
            if (sleep > 0) {
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            deliveries.add(new Delivery(
                    ex.getRequestHeaders().getFirst("X-FI-Gateway-Event-Id"),
                    ex.getRequestHeaders().getFirst("X-FI-Gateway-Event-Type"),
                    ex.getRequestHeaders().getFirst("X-FI-Gateway-Signature"),
                    new String(body, StandardCharsets.UTF_8)));
            int status = failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 204;
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        // A still world: these tests count deliveries exactly, so the scheduling team's own status_changed
        // events (it confirms every created job) must not interleave.
        sandbox = GatewaySandbox.start(SandboxOptions.defaults()
                .jobs(50)
                .rateLimited(false)
                .timeScale(20)
                .webhookUrl(url)
                .webhookSecret(SECRET)
                .stillWorld());
        wire = new Wire(sandbox.baseUrl());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
        receiver.stop(0);
    }

    @BeforeEach
    @AfterEach
    void clear() throws InterruptedException {
        // Drain until quiet, so deliveries of an earlier test never leak into the next one.
        while (deliveries.poll(250, TimeUnit.MILLISECONDS) != null) {
            deliveries.clear();
        }
        failNext.set(0);
        sandbox.duplicateWebhooks(false);
    }

    static Delivery next() throws InterruptedException {
        Delivery d = deliveries.poll(10, TimeUnit.SECONDS);
        assertThat(d).as("a webhook delivery").isNotNull();
        return d;
    }

    /** Independent verification, as a receiver would do it. */
    static void assertSigned(Delivery d) throws Exception {
        assertThat(d.signature()).matches("t=\\d+,v1=[0-9a-f]{64}");
        String[] parts = d.signature().split(",");
        long t = Long.parseLong(parts[0].substring(2));
        String v1 = parts[1].substring(3);
        assertThat(Math.abs(Instant.now().getEpochSecond() - t)).isLessThan(300);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal((t + "." + d.body()).getBytes(StandardCharsets.UTF_8));
        assertThat(MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1)))
                .as("signature matches")
                .isTrue();
        JsonObject body = new JsonObject(d.body());
        assertThat(body.fieldNames()).containsExactlyInAnyOrder("event_id", "event_type", "occurred_at", "job");
        assertThat(body.getString("event_id")).isEqualTo(d.eventId()).matches("evt_[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(body.getString("event_type")).isEqualTo(d.eventType());
        assertThat(Instant.parse(body.getString("occurred_at")))
                .isBefore(Instant.now().plusSeconds(1));
    }

    static String createJob() {
        var r = wire.post("/v1/jobs", SandboxKeys.FULL, JobWriteTest.draft().encode());
        assertThat(r.statusCode()).isEqualTo(201);
        return Wire.json(r).getString("id");
    }

    @Test
    void createAndCancelAreSignedEvents() throws Exception {
        String id = createJob();
        Delivery created = next();
        assertSigned(created);
        assertThat(created.eventType()).isEqualTo("job.created");
        assertThat(new JsonObject(created.body()).getJsonObject("job").getString("id"))
                .isEqualTo(id);

        assertThat(wire.post("/v1/jobs/" + id + "/cancel", SandboxKeys.FULL, null)
                        .statusCode())
                .isEqualTo(204);
        Delivery cancelled = next();
        assertSigned(cancelled);
        assertThat(cancelled.eventType()).isEqualTo("job.status_changed");
        JsonObject job = new JsonObject(cancelled.body()).getJsonObject("job");
        assertThat(job.getString("id")).isEqualTo(id);
        assertThat(job.getString("status")).isEqualTo("cancelled");
        assertThat(job.getString("previous_status")).isEqualTo("pending");
    }

    @Test
    void tamperedBodyFailsVerification() throws Exception {
        createJob();
        Delivery d = next();
        Delivery tampered =
                new Delivery(d.eventId(), d.eventType(), d.signature(), d.body().replace("pending", "scheduled"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertSigned(tampered))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void nonTwoHundredIsRetriedWithTheSameEventId() throws Exception {
        failNext.set(2);
        createJob();
        Delivery a = next();
        Delivery b = next();
        Delivery c = next();
        assertThat(List.of(a.eventId(), b.eventId(), c.eventId())).containsOnly(a.eventId());
        assertSigned(c);
        assertThat(deliveries.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void timeoutIsRetried() throws Exception {
        sandbox.webhookTimeoutMillis(300);
        try {
            sleepNextMillis.set(1_000);
            createJob();
            Delivery first = next();
            Delivery retry = next();
            assertThat(retry.eventId()).isEqualTo(first.eventId());
        } finally {
            sandbox.webhookTimeoutMillis(5_000);
        }
    }

    @Test
    void duplicatesOnPurpose() throws Exception {
        sandbox.duplicateWebhooks(true);
        createJob();
        Delivery a = next();
        Delivery b = next();
        assertThat(a.eventId()).isEqualTo(b.eventId());
        assertThat(a.body()).isEqualTo(b.body());
    }

    @Test
    void schedulingSimulationEmitsStatusChanges() throws Exception {
        sandbox.settings().schedulingRatePerSecond(20); // scaled seconds: 400 moves per real second at scale 20
        try {
            Delivery d = next();
            assertSigned(d);
            assertThat(d.eventType()).isEqualTo("job.status_changed");
            JsonObject job = new JsonObject(d.body()).getJsonObject("job");
            assertThat(job.getString("status")).isIn("scheduled", "in_progress", "completed");
            assertThat(job.getString("previous_status")).isIn("pending", "scheduled", "in_progress");
        } finally {
            sandbox.settings().schedulingRatePerSecond(0);
        }
        // The moves really happened in the data, with updated_at = now.
        Instant recent = Instant.now().minusSeconds(10);
        assertThat(sandbox.dump().stream()
                        .filter(j -> j.updatedAt().isAfter(recent))
                        .count())
                .isPositive();
    }

    @Test
    void disabledWebhooksSendNothing() throws Exception {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        sandbox.disableWebhooks();
        try {
            createJob();
            assertThat(deliveries.poll(300, TimeUnit.MILLISECONDS)).isNull();
        } finally {
            sandbox.webhooks(url, SECRET);
        }
    }
}
