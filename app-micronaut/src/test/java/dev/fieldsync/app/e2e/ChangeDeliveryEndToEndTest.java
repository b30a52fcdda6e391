package dev.fieldsync.app.e2e;

import static dev.fieldsync.app.e2e.ServiceEndToEndTest.json;
import static dev.fieldsync.app.e2e.ServiceEndToEndTest.poll;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.fieldsync.app.cli.Contexts;
import dev.fieldsync.sandbox.GatewaySandbox;
import dev.fieldsync.sandbox.SandboxKeys;
import dev.fieldsync.sandbox.SandboxOptions;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service pushes its change log to a configured webhook endpoint: a local receiver (JDK HttpServer) that refuses
 * its first requests with 500 checks every delivery's signature with the README's receiver snippet; every change of the
 * log (oracle: GET /api/changes) arrives, per job in sequence order. The operator's API: the consumers with state and
 * lag, a delivery log page by page, replay of a change and a range, a rewind, the problems of bad input; an endpoint
 * nothing listens on is paused after failing longer than the bound, says so in readiness, and resumes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChangeDeliveryEndToEndTest {
    static final String TOKEN = "test-token-delivery-0123456789";
    GatewaySandbox sandbox;
    ApplicationContext context;
    String base;
    HttpServer receiver;
    String secret;
    final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    final List<String> badSignatures = new CopyOnWriteArrayList<>();
    final AtomicInteger requests = new AtomicInteger();

    abstract Map<String, Object> database();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        Path secretFile = Files.writeString(dir.resolve("erp.secret"), secret + "\n");
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int n = requests.incrementAndGet();
            if (n <= 2) { // the first two requests fail: the same change is retried, in order
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
                return;
            }
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            try {
                if (!WebhookReceiverExample.verify(
                        secret,
                        id,
                        exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                        exchange.getRequestHeaders().getFirst("webhook-signature"),
                        body)) {
                    badSignatures.add(id);
                }
            } catch (Exception e) {
                badSignatures.add(id + ": " + e);
            }
            JsonNode change = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
            received.add(Map.of(
                    "id", id,
                    "sequence", change.get("sequence").asText(),
                    "job", change.path("job_id").asText("")));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        sandbox = GatewaySandbox.start(SandboxOptions.defaults()
                .seed(17)
                .jobs(60)
                .rateLimited(false)
                .officeEditRatePerSecond(0)
                .port(0));
        Map<String, Object> properties = new HashMap<>(database());
        properties.put("micronaut.server.port", -1);
        properties.put("fieldsync.integration-id", TestDatabases.uniqueIntegration());
        properties.put("fieldsync.gateway.base-url", sandbox.baseUrl());
        properties.put("fieldsync.key.value", SandboxKeys.FULL);
        properties.put("fieldsync.api.token", TOKEN);
        properties.put("fieldsync.budget.rate-per-minute", 600);
        properties.put("fieldsync.budget.burst", 60);
        properties.put("fieldsync.sync.interval", "1h");
        properties.put("fieldsync.sync.first-pass-horizon", "3650d");
        properties.put(
                "fieldsync.changes.endpoints.erp.url",
                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks");
        properties.put("fieldsync.changes.endpoints.erp.secret", "file:" + secretFile);
        properties.put("fieldsync.changes.endpoints.erp.timeout", "2s");
        properties.put("fieldsync.changes.endpoints.down.url", "http://127.0.0.1:" + closedPort + "/nobody");
        properties.put("fieldsync.changes.endpoints.down.secret", "file:" + secretFile);
        properties.put("fieldsync.changes.endpoints.down.kinds", "job.created");
        properties.put( // 60 quick retries: "down" fails for longer than pause-after well before its last one
                "fieldsync.changes.delivery.retry-schedule",
                String.join(",", java.util.Collections.nCopies(60, "100ms")));
        properties.put("fieldsync.changes.delivery.pause-after", "4s"); // erp fails twice at first: well below
        properties.put("fieldsync.changes.delivery.poll-interval", "100ms");
        context = Contexts.server(properties);
        base = "http://127.0.0.1:" + context.getBean(EmbeddedServer.class).getPort();
        poll(
                Duration.ofSeconds(60),
                "the first pass",
                () -> json(Http.get(base + "/api/sync", TOKEN)).hasNonNull("last_completed_to") ? true : null);
    }

    @AfterAll
    void stop() {
        if (context != null) {
            context.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    /** The change log through the pull API: every change, in order. */
    List<JsonNode> log() {
        List<JsonNode> all = new ArrayList<>();
        String next = "/api/changes?limit=1000";
        while (true) {
            JsonNode page = json(Http.get(base + next, TOKEN));
            page.get("changes").forEach(all::add);
            if (page.get("changes").isEmpty()) {
                return all;
            }
            next = page.get("next").asText();
        }
    }

    Map<String, Long> firstArrivals() {
        Map<String, Long> first = new LinkedHashMap<>();
        received.forEach(r -> first.putIfAbsent(r.get("id"), Long.parseLong(r.get("sequence"))));
        return first;
    }

    @Test
    void everyChangeOfTheLogReachesTheEndpointSignedAndPerJobInOrder() {
        List<JsonNode> log = log();
        assertThat(log).hasSizeGreaterThanOrEqualTo(60);
        poll(
                Duration.ofSeconds(30),
                "every change delivered",
                () -> firstArrivals().size() >= log.size() ? true : null);
        assertThat(firstArrivals().keySet())
                .containsAll(log.stream().map(c -> c.get("id").asText()).toList());
        assertThat(badSignatures).isEmpty();
        Map<String, List<Long>> perJob = new HashMap<>();
        Map<String, Boolean> seen = new HashMap<>();
        for (Map<String, String> r : received) {
            if (seen.putIfAbsent(r.get("id"), true) == null) {
                perJob.computeIfAbsent(r.get("job"), k -> new ArrayList<>()).add(Long.parseLong(r.get("sequence")));
            }
        }
        perJob.values().forEach(sequences -> assertThat(sequences).isSorted());
        assertThat(requests.get()).as("the two refused requests were retried").isGreaterThan(log.size());

        JsonNode erp = poll(Duration.ofSeconds(10), "erp caught up", () -> {
            JsonNode consumer = json(Http.get(base + "/api/changes/consumers/erp", TOKEN));
            return consumer.get("lag_changes").asLong() == 0 ? consumer : null;
        });
        assertThat(erp.get("type").asText()).isEqualTo("webhook");
        assertThat(erp.get("cursor").asLong())
                .isEqualTo(log.get(log.size() - 1).get("sequence").asLong());
        assertThat(erp.get("paused").asBoolean()).isFalse();
        assertThat(erp.toString()).doesNotContain(secret.substring(6));
    }

    @Test
    void theDeliveryLogPagesNewestFirstAndShowsTheRefusedAttempts() {
        poll(Duration.ofSeconds(30), "deliveries", () -> firstArrivals().size() >= 60 ? true : null);
        List<JsonNode> attempts = new ArrayList<>();
        String next = "/api/changes/consumers/erp/deliveries?limit=25";
        for (int page = 0; page < 100 && next != null; page++) {
            JsonNode answer = json(Http.get(base + next, TOKEN));
            answer.get("deliveries").forEach(attempts::add);
            next = answer.hasNonNull("next") ? answer.get("next").asText() : null;
        }
        assertThat(attempts).extracting(a -> a.get("id").asLong()).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(attempts).extracting(a -> a.get("id").asLong()).doesNotHaveDuplicates();
        assertThat(attempts)
                .filteredOn(a -> !a.get("delivered").asBoolean())
                .extracting(a -> a.get("status").asInt())
                .contains(500);
        assertThat(attempts).filteredOn(a -> a.get("delivered").asBoolean()).allSatisfy(a -> {
            assertThat(a.get("status").asInt()).isEqualTo(204);
            assertThat(a.get("latency_ms").asDouble()).isGreaterThan(0);
        });
    }

    @Test
    void aChangeARangeAndARewindAreDeliveredAgain() {
        poll(Duration.ofSeconds(30), "deliveries", () -> firstArrivals().size() >= 60 ? true : null);
        List<JsonNode> log = log();
        String third = log.get(2).get("id").asText();
        int before = received.size();
        HttpResponse<String> one = Http.post(base + "/api/changes/consumers/erp/replay?change=" + third, TOKEN, "");
        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        assertThat(json(one).get("delivered").asInt()).isEqualTo(1);
        assertThat(received.subList(before, received.size()))
                .extracting(r -> r.get("id"))
                .containsExactly(third);

        before = received.size();
        HttpResponse<String> range = Http.post(base + "/api/changes/consumers/erp/replay?from=5&to=9", TOKEN, "");
        assertThat(range.statusCode()).as(range.body()).isEqualTo(200);
        assertThat(json(range).get("found").asInt()).isEqualTo(5);
        assertThat(received.subList(before, received.size()))
                .extracting(r -> Long.parseLong(r.get("sequence")))
                .containsExactly(5L, 6L, 7L, 8L, 9L);

        long latest = log.get(log.size() - 1).get("sequence").asLong();
        before = received.size();
        HttpResponse<String> rewind =
                Http.post(base + "/api/changes/consumers/erp/replay?from=" + (latest - 2), TOKEN, "");
        assertThat(rewind.statusCode()).as(rewind.body()).isEqualTo(202);
        int from = before;
        poll(Duration.ofSeconds(10), "the rewound changes", () -> received.size() - from >= 3 ? true : null);
        assertThat(received.subList(from, from + 3))
                .extracting(r -> Long.parseLong(r.get("sequence")))
                .containsExactly(latest - 2, latest - 1, latest);
    }

    @Test
    void badInputNamesTheProblemAndTheFix() {
        HttpResponse<String> unknown = Http.get(base + "/api/changes/consumers/nope", TOKEN);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("hint").asText()).contains("erp", "down");
        HttpResponse<String> badRange = Http.post(base + "/api/changes/consumers/erp/replay?from=9&to=3", TOKEN, "");
        assertThat(badRange.statusCode()).isEqualTo(400);
        assertThat(json(badRange).get("hint").asText()).contains("to ≥ from");
        HttpResponse<String> neither = Http.post(base + "/api/changes/consumers/erp/replay", TOKEN, "");
        assertThat(neither.statusCode()).isEqualTo(400);
        assertThat(neither.body()).contains("change=", "from=");
        HttpResponse<String> foreign =
                Http.post(base + "/api/changes/consumers/erp/replay?change=chg_other_3", TOKEN, "");
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(json(foreign).get("hint").asText()).contains("webhook-id");
        HttpResponse<String> badLimit = Http.get(base + "/api/changes/consumers/erp/deliveries?limit=0", TOKEN);
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(Http.get(base + "/api/changes/consumers", null).statusCode()).isEqualTo(401);
    }

    @Test
    void anEndpointFailingLongerThanTheBoundIsPausedSaysSoAndResumes() {
        JsonNode down = poll(Duration.ofSeconds(20), "down paused", () -> {
            JsonNode consumer = json(Http.get(base + "/api/changes/consumers/down", TOKEN));
            return consumer.get("paused").asBoolean() ? consumer : null;
        });
        assertThat(down.get("kinds")).extracting(JsonNode::asText).containsExactly("job.created");
        assertThat(down.get("failed_attempts").asInt()).isGreaterThan(1);
        assertThat(down.get("dead_letter_count").asInt())
                .as("nothing is given up while paused")
                .isZero();
        assertThat(down.get("warning").asText()).contains("paused", "/resume");
        JsonNode readiness = json(Http.get(base + "/health/readiness", TOKEN));
        assertThat(readiness.get("status").asText()).isEqualTo("UP");
        assertThat(readiness.path("details").path("changeConsumers").toString()).contains("down", "paused");

        HttpResponse<String> resumed = Http.post(base + "/api/changes/consumers/down/resume", TOKEN, "");
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
        assertThat(json(resumed).get("message").asText()).contains("resumed");
        assertThat(json(resumed).path("consumer").path("paused").asBoolean()).isFalse();
    }
}
