package dev.fieldsync.benchmarks.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.fieldsync.adapters.memory.UnlimitedRateBudget;
import dev.fieldsync.benchmarks.harness.Databases;
import dev.fieldsync.benchmarks.harness.Drafts;
import dev.fieldsync.benchmarks.harness.Stack;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.job.JobDraft;
import dev.fieldsync.domain.lookup.LookupCatalog;
import dev.fieldsync.domain.webhook.WebhookEvent;
import dev.fieldsync.domain.webhook.WebhookSecret;
import dev.fieldsync.domain.webhook.WebhookSignature;
import dev.fieldsync.ports.in.webhook.HandleWebhookEvent.Acceptance;
import dev.fieldsync.sandbox.GatewaySandbox;
import dev.fieldsync.sandbox.SandboxKeys;
import dev.fieldsync.sandbox.SandboxOptions;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhooks: signed deliveries from the sandbox (each delivered twice) reach the core once; forged, stale,
 * future-dated and tampered deliveries are refused; a replay and a thousand concurrent duplicates are
 * processed once. The receiver here is a minimal HTTP endpoint doing what the service's receiver does
 * (verify with {@link WebhookSignature} against either of two secrets, then {@code HandleWebhookEvent.accept}).
 */
class WebhookReliabilityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "whsec_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private static final String OLD_SECRET = "whsec_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private static GatewaySandbox sandbox;
    private static HttpServer receiver;
    private static Stack stack;
    private static final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        CapturedLogs.install();
        stack = Stack.sql(
                Stack.Options.of("http://127.0.0.1:1", SandboxKeys.FULL, new UnlimitedRateBudget()),
                Databases.h2Memory("webhooks" + System.nanoTime(), 8),
                true);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newFixedThreadPool(8));
        receiver.createContext("/webhooks", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String header = exchange.getRequestHeaders().getFirst("X-FI-Gateway-Signature");
            WebhookSignature.Verdict verdict = WebhookSignature.verify(
                    header == null ? "" : header,
                    body,
                    List.of(WebhookSecret.of(SECRET), WebhookSecret.of(OLD_SECRET)),
                    Instant.now());
            int status;
            if (!verdict.valid()) {
                status = 401;
                outcomes.computeIfAbsent("refused", k -> new AtomicInteger()).incrementAndGet();
            } else {
                Acceptance acceptance = stack.core()
                        .webhooks()
                        .accept(event(exchange.getRequestHeaders().getFirst("X-FI-Gateway-Event-Id"), body));
                outcomes.computeIfAbsent(acceptance.name(), k -> new AtomicInteger())
                        .incrementAndGet();
                status = 200;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        sandbox = GatewaySandbox.start(SandboxOptions.defaults()
                .seed(42)
                .jobs(200)
                .rateLimited(false)
                .port(0)
                .webhookUrl("http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhooks")
                .webhookSecret(SECRET)
                .duplicateWebhooks(true));
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
        if (stack != null) {
            stack.close();
        }
        CapturedLogs.assertNoSecret("the webhook secret", SECRET);
        CapturedLogs.assertNoSecret("the second webhook secret", OLD_SECRET);
        CapturedLogs.assertNoSecret("the gateway key", SandboxKeys.FULL);
    }

    private static WebhookEvent event(String eventId, byte[] body) throws java.io.IOException {
        JsonNode json = JSON.readTree(body);
        JsonNode job = json.path("job");
        return new WebhookEvent(
                Stack.INTEGRATION,
                eventId == null ? json.path("event_id").asText() : eventId,
                json.path("event_type").asText(),
                Instant.parse(json.path("occurred_at").asText()),
                job.hasNonNull("id") ? Optional.of(JobId.of(job.path("id").asText())) : Optional.empty(),
                job.hasNonNull("status") ? Optional.of(job.path("status").asText()) : Optional.empty(),
                job.hasNonNull("previous_status")
                        ? Optional.of(job.path("previous_status").asText())
                        : Optional.empty(),
                Instant.now(),
                new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void sandboxDeliveriesEachDeliveredTwiceAreAcceptedOnce() throws Exception {
        try (Stack writer =
                Stack.memory(Stack.Options.of(sandbox.baseUrl(), SandboxKeys.FULL, new UnlimitedRateBudget()))) {
            LookupCatalog catalog = writer.core().lookups().catalog();
            int accepted0 = count("ACCEPTED");
            int duplicates0 = count("DUPLICATE");
            for (int i = 0; i < 20; i++) {
                writer.gateway()
                        .createJob(JobDraft.validate(Drafts.valid(catalog, i, "wh-" + i))
                                .orElseThrow());
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (count("ACCEPTED") - accepted0 + count("DUPLICATE") - duplicates0 < 40
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(count("ACCEPTED") - accepted0).as("distinct events").isEqualTo(20);
            assertThat(count("DUPLICATE") - duplicates0)
                    .as("second deliveries deduped")
                    .isEqualTo(20);
            int processed = drain();
            assertThat(processed).isEqualTo(20);
        }
    }

    @Test
    void forgedStaleFutureAndTamperedDeliveriesAreRefused() throws Exception {
        byte[] body = body("evt_forged_1");
        long now = Instant.now().getEpochSecond();
        assertThat(post("evt_forged_1", body, WebhookSignature.sign(WebhookSecret.of("whsec_wrong"), now, body)))
                .isEqualTo(401);
        assertThat(post("evt_forged_1", body, WebhookSignature.sign(WebhookSecret.of(SECRET), now - 301, body)))
                .isEqualTo(401);
        assertThat(post("evt_forged_1", body, WebhookSignature.sign(WebhookSecret.of(SECRET), now + 301, body)))
                .isEqualTo(401);
        byte[] tampered = new String(body, StandardCharsets.UTF_8)
                .replace("job.created", "job.status_changed")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(post("evt_forged_1", tampered, WebhookSignature.sign(WebhookSecret.of(SECRET), now, body)))
                .isEqualTo(401);
        assertThat(post("evt_forged_1", body, "t=" + now + ",v1=")).isEqualTo(401);
        assertThat(post("evt_forged_1", body, "")).isEqualTo(401);
        // The second secret of a rotation verifies too; a replay of the same event id is then a duplicate.
        int accepted0 = count("ACCEPTED");
        int duplicates0 = count("DUPLICATE");
        assertThat(post("evt_forged_1", body, WebhookSignature.sign(WebhookSecret.of(OLD_SECRET), now, body)))
                .isEqualTo(200);
        assertThat(post("evt_forged_1", body, WebhookSignature.sign(WebhookSecret.of(SECRET), now + 5, body)))
                .isEqualTo(200);
        assertThat(count("ACCEPTED") - accepted0).isEqualTo(1);
        assertThat(count("DUPLICATE") - duplicates0).isEqualTo(1);
        assertThat(drain()).isEqualTo(1);
    }

    @Test
    void aThousandConcurrentDuplicatesAreProcessedOnce() throws Exception {
        byte[] body = body("evt_thousand_1");
        String signature =
                WebhookSignature.sign(WebhookSecret.of(SECRET), Instant.now().getEpochSecond(), body);
        int accepted0 = count("ACCEPTED");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                answers.add(pool.submit(() -> post("evt_thousand_1", body, signature)));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("ACCEPTED") - accepted0).isEqualTo(1);
        assertThat(drain()).isEqualTo(1);
        assertThat(drain()).isZero();
    }

    private int drain() {
        int total = 0;
        for (int i = 0; i < 100; i++) {
            int n = stack.core().webhooks().processPending(100);
            if (n == 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static int count(String outcome) {
        return outcomes.getOrDefault(outcome, new AtomicInteger()).get();
    }

    private static byte[] body(String eventId) {
        return ("{\"event_id\":\"" + eventId + "\",\"event_type\":\"job.created\",\"occurred_at\":\"" + Instant.now()
                        + "\",\"job\":{\"id\":\"21170001\",\"number\":\"1\",\"status\":\"pending\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private int post(String eventId, byte[] body, String signature) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhooks"))
                .header("X-FI-Gateway-Event-Id", eventId)
                .header("X-FI-Gateway-Event-Type", "job.created")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (!signature.isEmpty()) {
            b.header("X-FI-Gateway-Signature", signature);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
