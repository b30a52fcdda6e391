package dev.fieldsync.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldsync.app.cli.Contexts;
import dev.fieldsync.app.webhook.WebhookController;
import dev.fieldsync.domain.webhook.WebhookSecret;
import dev.fieldsync.domain.webhook.WebhookSignature;
import dev.fieldsync.sandbox.SandboxKeys;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;

/**
 * What a hostile client tried in the security review (issue 19), against the service on H2 with a gateway that
 * nothing listens on: huge bodies, unsigned identities, log floods, probing health, framework internals in
 * answers, an unreachable or hanging gateway behind a lookup refresh, and who may read the database files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest {
    static final String TOKEN = "hostile-token-0123456789abcdef";
    static final String WEBHOOK_SECRET = "whsec-hostile-input";
    static final Duration DEADLINE = Duration.ofSeconds(3);
    static final ObjectMapper JSON = new ObjectMapper();
    /** Package and class names of the frameworks and the JDK: none may reach an answer. */
    static final String[] INTERNALS = {
        "io.micronaut",
        "com.fasterxml",
        "io.netty",
        "io.vertx",
        "java.",
        "Exception",
        "StreamReadConstraints",
        "No enum constant"
    };

    Path dataDir;
    ApplicationContext context;
    String base;
    ListAppender<ILoggingEvent> webhookLog;

    @BeforeAll
    void start() throws IOException {
        dataDir = Path.of("target", "hostile", UUID.randomUUID().toString(), "data")
                .toAbsolutePath();
        context = Contexts.server(properties("http://127.0.0.1:" + closedPort(), dataDir));
        base = "http://127.0.0.1:" + context.getBean(EmbeddedServer.class).getPort();
        webhookLog = new ListAppender<>();
        webhookLog.start();
        ((Logger) LoggerFactory.getLogger(WebhookController.class)).addAppender(webhookLog);
    }

    @AfterAll
    void stop() {
        ((Logger) LoggerFactory.getLogger(WebhookController.class)).detachAppender(webhookLog);
        if (context != null) {
            context.close();
        }
    }

    static Map<String, Object> properties(String gatewayUrl, Path dataDir) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put(
                "datasources.default.url",
                "jdbc:h2:file:" + dataDir.resolve("fieldsync") + ";MODE=PostgreSQL;LOCK_TIMEOUT=10000;WRITE_DELAY=0");
        properties.put("datasources.default.username", "sa");
        properties.put("datasources.default.password", "");
        properties.put("fieldsync.integration-id", TestDatabases.uniqueIntegration());
        properties.put("fieldsync.gateway.base-url", gatewayUrl);
        properties.put("fieldsync.gateway.attempt-timeout", "1s");
        properties.put("fieldsync.gateway.deadline", DEADLINE.toSeconds() + "s");
        properties.put("fieldsync.key.value", SandboxKeys.FULL);
        properties.put("fieldsync.api.token", TOKEN);
        properties.put("fieldsync.webhook.secret", WEBHOOK_SECRET);
        properties.put("fieldsync.webhook.refusal-log-interval", "1h");
        properties.put("fieldsync.sync.enabled", false);
        return properties;
    }

    // ---- row 1: bodies that would make the service build a huge answer ------------------------------------

    @Test
    void aTenMegabyteBodyIsRefusedWithASmallAnswerBeforeItIsRead() throws Exception {
        String body = unknownMembers(880_000);
        assertThat(body.length()).isGreaterThan(10_000_000);
        HttpResponse<String> answer = Http.post(base + "/api/jobs", TOKEN, body);
        assertThat(answer.statusCode()).as(abbreviate(answer.body())).isEqualTo(413);
        assertThat(answer.body().length()).as("a small answer").isLessThan(1_000);
        assertProblem(answer, "body-too-large");
        assertThat(json(answer).get("detail").asText()).contains("1048576");
    }

    @Test
    void tooManyMembersAreOneProblemNotOnePerMember() throws Exception {
        String body = unknownMembers(80_000);
        assertThat(body.length()).as("fits the request size limit").isLessThan(1_048_576);
        HttpResponse<String> answer = Http.post(base + "/api/jobs", TOKEN, body);
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body().length()).isLessThan(1_000);
        JsonNode problem = assertProblem(answer, "invalid-input");
        assertThat(problem.get("errors")).hasSize(1);
        assertThat(problem.get("errors").get(0).get("rule").asText()).isEqualTo("max-members");
        assertThat(problem.get("errors").get(0).get("message").asText()).contains("at most 100");
    }

    @Test
    void tooManyCustomFieldsAreOneProblem() throws Exception {
        StringBuilder body = new StringBuilder("{\"title\":\"x\",\"custom_fields\":{");
        for (int i = 0; i < 60_000; i++) {
            body.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":\"v\"");
        }
        HttpResponse<String> answer =
                Http.post(base + "/api/jobs", TOKEN, body.append("}}").toString());
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body().length()).isLessThan(1_000);
        JsonNode problem = assertProblem(answer, "invalid-input");
        assertThat(problem.get("errors")).hasSize(1);
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("custom_fields");
        assertThat(problem.get("errors").get(0).get("rule").asText()).isEqualTo("max-members");
    }

    @Test
    void manyProblemsAreListedUpToACapWithTheCountOfTheRestAndTheKnownMembersOnce() throws Exception {
        String body = unknownMembers(100);
        HttpResponse<String> answer = Http.post(base + "/api/jobs", TOKEN, body);
        assertThat(answer.statusCode()).isEqualTo(400);
        JsonNode problem = assertProblem(answer, "invalid-input");
        // 100 unknown members plus the required members that are missing.
        int total = Integer.parseInt(problem.get("title").asText().replaceAll("\\D", ""));
        assertThat(total).isGreaterThan(100);
        assertThat(problem.get("errors")).hasSize(50);
        assertThat(problem.get("detail").asText()).contains("and " + (total - 50) + " more");
        assertThat(problem.get("hint").asText()).contains("end_time, external_id, job_type");
        long listingKnownMembers = 0;
        for (JsonNode error : problem.get("errors")) {
            listingKnownMembers += error.get("message").asText().contains("job_type") ? 1 : 0;
        }
        assertThat(listingKnownMembers)
                .as("the known members are listed once, in the hint")
                .isZero();
        assertThat(answer.body().length()).isLessThan(8_000);
    }

    // ---- row 2: a webhook's identity comes from the signed body only ----------------------------------------

    @Test
    void aSignedBodyWithoutEventIdIsRefusedWhateverTheHeaderSays() {
        String body =
                "{\"event_type\":\"job.created\",\"occurred_at\":\"" + Instant.now() + "\",\"job\":{\"id\":\"123\"}}";
        for (String headerId : List.of("evt_replay_1", "evt_replay_2", "evt_replay_3")) {
            HttpResponse<String> answer =
                    deliver(body, Map.of("X-FI-Gateway-Event-Id", headerId, "X-FI-Gateway-Event-Type", "job.created"));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
            assertThat(fields(json(answer))).containsExactly("event_id");
        }
    }

    @Test
    void aHeaderThatDisagreesWithTheSignedBodyIsRefused() {
        String eventId = "evt_signed_" + UUID.randomUUID();
        String body = "{\"event_id\":\"" + eventId + "\",\"event_type\":\"job.created\",\"occurred_at\":\""
                + Instant.now() + "\",\"job\":{\"id\":\"123\"}}";
        HttpResponse<String> otherId = deliver(body, Map.of("X-FI-Gateway-Event-Id", "evt_other"));
        assertThat(otherId.statusCode()).as(otherId.body()).isEqualTo(400);
        assertThat(json(otherId).get("code").asText()).isEqualTo("webhook-header-mismatch");
        assertThat(json(otherId).get("detail").asText()).contains("X-FI-Gateway-Event-Id");
        HttpResponse<String> otherType = deliver(body, Map.of("X-FI-Gateway-Event-Type", "job.status_changed"));
        assertThat(otherType.statusCode()).as(otherType.body()).isEqualTo(400);
        assertThat(json(otherType).get("detail").asText()).contains("X-FI-Gateway-Event-Type");

        HttpResponse<String> agreeing =
                deliver(body, Map.of("X-FI-Gateway-Event-Id", eventId, "X-FI-Gateway-Event-Type", "job.created"));
        assertThat(agreeing.statusCode()).as(agreeing.body()).isEqualTo(200);
        assertThat(json(agreeing).get("result").asText()).isEqualTo("accepted");
        HttpResponse<String> withoutHeaders = deliver(body, Map.of());
        assertThat(json(withoutHeaders).get("result").asText()).isEqualTo("duplicate");
    }

    // ---- row 3: refused deliveries cannot flood or forge the log --------------------------------------------

    @Test
    @Order(1) // first: it opens the refusal log's interval (1 h here), so its one line is this test's
    void refusedDeliveriesAreLoggedOncePerIntervalEscapedAndTheRestCounted() throws Exception {
        String folded = rawPost(
                "/webhooks/fieldinsight",
                "X-FI-Gateway-Event-Id: evt_folded\r\n"
                        + " 12:00:00.000 ERROR [main] forged.Logger - the database was dropped\r\n"
                        + "X-FI-Gateway-Signature: t=1,v1=00\r\n",
                "{}");
        assertThat(folded).startsWith("HTTP/1.1 401");
        String longId = "evt_" + "A".repeat(7_800); // with the other headers just under Netty's 8 KB limit
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> refused = Http.send(
                    "POST",
                    base + "/webhooks/fieldinsight",
                    null,
                    "{}",
                    Map.of("X-FI-Gateway-Event-Id", longId, "X-FI-Gateway-Signature", "t=1,v1=00"));
            assertThat(refused.statusCode()).isEqualTo(401);
        }

        List<String> lines =
                webhookLog.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).as("one line for the interval, the other 200 counted").hasSize(1);
        assertThat(lines.get(0))
                .hasSizeLessThan(400)
                .doesNotContain("\n", "\r")
                .contains("event id header \"evt_folded", "further refusals in the next 3600 s are counted");
    }

    // ---- row 4: health tells anonymous probes the status only -----------------------------------------------

    @Test
    void anonymousHealthShowsTheStatusOnlyAndTheTokenShowsTheDetails() throws Exception {
        for (String path : List.of("/health", "/health/readiness", "/health/liveness")) {
            HttpResponse<String> anonymous = Http.get(base + path, null);
            assertThat(anonymous.statusCode()).as(path).isIn(200, 503);
            JsonNode status = json(anonymous);
            assertThat(status.has("status")).as(path).isTrue();
            assertThat(status.has("details")).as(path + ": " + anonymous.body()).isFalse();
            assertThat(anonymous.body()).doesNotContain("jdbc:", "h2", "lastCall", dataDir.toString());
        }
        HttpResponse<String> wrongToken = Http.get(base + "/health", "not-the-token-0123456789");
        assertThat(json(wrongToken).has("details"))
                .as("a wrong token is anonymous")
                .isFalse();
        HttpResponse<String> authenticated = Http.get(base + "/health/readiness", TOKEN);
        assertThat(json(authenticated).get("details").has("jdbc"))
                .as(authenticated.body())
                .isTrue();
        assertThat(json(authenticated).get("details").has("gateway")).isTrue();
    }

    // ---- row 6: answers in the project's own words ----------------------------------------------------------

    @Test
    void errorAnswersNameNoFrameworkInternals() throws Exception {
        HttpResponse<String> selector = Http.get(base + "/health/jdbc", null);
        assertThat(selector.statusCode()).isEqualTo(400);
        assertOwnWords(selector);
        assertThat(selector.body()).contains("liveness", "readiness");

        HttpResponse<String> deep = Http.post(base + "/api/jobs", TOKEN, "[".repeat(5_000));
        assertThat(deep.statusCode()).isEqualTo(400);
        assertOwnWords(deep);
        assertThat(json(deep).get("errors").get(0).get("message").asText()).contains("nests deeper");

        HttpResponse<String> truncated = Http.post(base + "/api/jobs", TOKEN, "{\"title\": ");
        assertThat(truncated.statusCode()).isEqualTo(400);
        assertOwnWords(truncated);

        HttpResponse<String> wrongMethod = Http.send("DELETE", base + "/api/jobs", TOKEN, null, Map.of());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertOwnWords(wrongMethod);
        HttpResponse<String> wrongType = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/jobs"))
                                .header("Authorization", "Bearer " + TOKEN)
                                .header("Content-Type", "text/plain")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("x"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(wrongType.statusCode()).isEqualTo(415);
        assertOwnWords(wrongType);
        HttpResponse<String> badQuery = Http.get(base + "/api/jobs?limit=" + "9".repeat(50), TOKEN);
        assertThat(badQuery.statusCode()).isEqualTo(400);
        assertOwnWords(badQuery);

        HttpResponse<String> unreachable = Http.get(base + "/api/verify", TOKEN);
        assertThat(unreachable.body()).as("the checklist report").doesNotContain(INTERNALS);
    }

    // ---- row 7: an unreachable or hanging gateway behind a lookup refresh ----------------------------------

    @Test
    void aLookupRefreshWithTheGatewayUnreachableIsA502WithinTheDeadline() throws Exception {
        Instant started = Instant.now();
        HttpResponse<String> answer = Http.get(base + "/api/lookups?refresh=true", TOKEN);
        Duration took = Duration.between(started, Instant.now());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(502);
        JsonNode problem = assertProblem(answer, "gateway-unavailable");
        assertThat(problem.get("detail").asText()).contains("GET /v1/customers", "could not connect");
        assertThat(problem.get("hint").asText()).contains("base URL");
        assertOwnWords(answer);
        assertThat(took).as("the configured deadline, not a minute").isLessThan(DEADLINE.plusSeconds(10));
    }

    @Test
    void aLookupRefreshWithAHangingGatewayIsA502WithinTheDeadline() throws Exception {
        try (ServerSocket hanging = new ServerSocket(0)) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(
                    () -> {
                        while (!hanging.isClosed()) {
                            try {
                                held.add(hanging.accept()); // read nothing, answer nothing
                            } catch (IOException closed) {
                                return;
                            }
                        }
                    },
                    "hanging-gateway");
            acceptor.setDaemon(true);
            acceptor.start();
            Path otherData = dataDir.resolveSibling("hanging");
            ApplicationContext second =
                    Contexts.server(properties("http://127.0.0.1:" + hanging.getLocalPort(), otherData));
            try {
                String secondBase = "http://127.0.0.1:"
                        + second.getBean(EmbeddedServer.class).getPort();
                Instant started = Instant.now();
                HttpResponse<String> answer = Http.get(secondBase + "/api/lookups?refresh=true", TOKEN);
                Duration took = Duration.between(started, Instant.now());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(502);
                JsonNode problem = assertProblem(answer, "gateway-unavailable");
                assertThat(problem.get("detail").asText()).contains("no complete answer");
                assertOwnWords(answer);
                assertThat(took).isLessThan(DEADLINE.plusSeconds(10));
            } finally {
                second.close();
                for (Socket socket : held) {
                    socket.close();
                }
            }
        }
    }

    // ---- row 8: the database is private to the service's user ----------------------------------------------

    @Test
    void theDatabaseDirectoryAndFilesAreOwnerOnly() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)))
                .isEqualTo("rwx------");
        List<Path> files;
        try (Stream<Path> listing = Files.list(dataDir)) {
            files = listing.toList();
        }
        assertThat(files).extracting(file -> file.getFileName().toString()).contains("fieldsync.mv.db");
        for (Path file : files) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .as(file.toString())
                    .isEqualTo("rw-------");
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private HttpResponse<String> deliver(String body, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put(
                "X-FI-Gateway-Signature",
                WebhookSignature.sign(
                        WebhookSecret.of(WEBHOOK_SECRET),
                        Instant.now().getEpochSecond(),
                        body.getBytes(StandardCharsets.UTF_8)));
        return Http.send("POST", base + "/webhooks/fieldinsight", null, body, all);
    }

    /** Sends a request byte for byte (the JDK client refuses folded headers) and returns the status line. */
    private String rawPost(String path, String headers, String body) throws IOException {
        int port = Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Connection: close\r\n" + headers + "Content-Length: " + bytes.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return answer.lines().findFirst().orElse("");
        }
    }

    static String unknownMembers(int count) {
        StringBuilder body = new StringBuilder(count * 12).append('{');
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ",").append("\"u").append(i).append("\":1");
        }
        return body.append('}').toString();
    }

    static JsonNode assertProblem(HttpResponse<String> answer, String code) {
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(answer);
        assertThat(problem.get("code").asText()).as(abbreviate(answer.body())).isEqualTo(code);
        return problem;
    }

    static void assertOwnWords(HttpResponse<String> answer) {
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.body()).as("answer %d", answer.statusCode()).doesNotContain(INTERNALS);
    }

    static List<String> fields(JsonNode problem) {
        List<String> names = new ArrayList<>();
        problem.get("errors").forEach(error -> names.add(error.get("field").asText()));
        return names;
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(
                    "not JSON (" + response.statusCode() + "): " + abbreviate(response.body()), e);
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "… (" + text.length() + " chars)";
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
