package dev.fieldsync.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldsync.sandbox.GatewaySandbox;
import dev.fieldsync.sandbox.SandboxKeys;
import dev.fieldsync.sandbox.SandboxOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The built jar's {@code serve} with {@code FIELDSYNC_LOG_FORMAT=json}, against a sandbox, as a separate process:
 * every line on stderr is one JSON object; the gateway call lines carry both request ids, the integration and
 * (for the create) the submission as members; no key or token appears. An unknown format stops start-up.
 */
class JsonLogsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "json-logs-token-" + UUID.randomUUID();
    private static final String INTEGRATION = "json-logs-it";

    @Test
    void serveLogsOneJsonObjectALineWithTheStructuredFields() throws Exception {
        Path jar = Path.of(System.getProperty("fieldsync.jar", "target/fieldsync.jar"));
        assertThat(jar)
                .as("run 'mvn verify' so that package builds the jar first")
                .exists();
        Path errors = Files.createTempFile("fieldsync-json", ".err");
        int port = freePort();
        String submissionId;
        try (GatewaySandbox sandbox = GatewaySandbox.start(
                SandboxOptions.defaults().seed(5).jobs(150).rateLimited(false).port(0))) {
            ProcessBuilder builder = new ProcessBuilder(
                            java(), "-Dfieldsync.log.level=INFO", "-jar", jar.toString(), "serve")
                    .redirectError(errors.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            Map<String, String> env = builder.environment();
            env.put("FIELDSYNC_LOG_FORMAT", "json");
            env.put("FIELDSYNC_GATEWAY_URL", sandbox.baseUrl());
            env.put("FIELDSYNC_API_KEY", SandboxKeys.FULL);
            env.put("FIELDSYNC_API_TOKEN", TOKEN);
            env.put("FIELDSYNC_PORT", Integer.toString(port));
            env.put("FIELDSYNC_INTEGRATION_ID", INTEGRATION);
            env.put("FIELDSYNC_SYNC_HORIZON", "3650d");
            env.put(
                    "FIELDSYNC_DB_URL",
                    "jdbc:h2:file:"
                            + Path.of("target", "json-logs-it-" + UUID.randomUUID(), "db")
                                    .toAbsolutePath() + ";MODE=PostgreSQL;LOCK_TIMEOUT=10000;WRITE_DELAY=0");
            Process serve = builder.start();
            try {
                String base = "http://127.0.0.1:" + port;
                HttpClient client = HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
                JsonNode lookups = poll(client, base + "/api/lookups", serve, errors);
                String site = lookups.get("sites").get(0).get("id").asText();
                String jobType = lookups.get("job_types").get(0).get("name").asText();
                HttpResponse<String> accepted = client.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/jobs"))
                                .header("Authorization", "Bearer " + TOKEN)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"site\":\"" + site + "\",\"job_type\":\"" + jobType
                                                + "\",\"title\":\"Logged as JSON\",\"start_time\":\"2026-07-01T09:00:00+10:00\","
                                                + "\"end_time\":\"2026-07-01T11:00:00+10:00\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
                submissionId =
                        JSON.readTree(accepted.body()).get("submission_id").asText();
                Instant deadline = Instant.now().plusSeconds(30);
                while (!poll(client, base + "/api/submissions/" + submissionId, serve, errors)
                        .get("state")
                        .asText()
                        .equals("created")) {
                    assertThat(Instant.now())
                            .as("the create was not sent within 30 s")
                            .isBefore(deadline);
                    Thread.sleep(200);
                }
            } finally {
                serve.destroy();
                if (!serve.waitFor(30, TimeUnit.SECONDS)) {
                    serve.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }

        List<String> lines = Files.readAllLines(errors).stream()
                .filter(line -> !line.isBlank())
                .toList();
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            events.add(JSON.readTree(line)); // fails the test on any line that is not JSON
        }
        assertThat(events).isNotEmpty().allSatisfy(event -> {
            assertThat(event.isObject()).isTrue();
            assertThat(event.path("@timestamp").isTextual()).isTrue();
            assertThat(event.path("level").isTextual()).isTrue();
        });
        // Our lines name the integration (framework lines from before the settings were read, such as Flyway's, not).
        assertThat(events)
                .filteredOn(event -> event.path("logger_name").asText().startsWith("dev.fieldsync."))
                .hasSizeGreaterThan(5)
                .allSatisfy(
                        event -> assertThat(event.path("integration").asText()).isEqualTo(INTEGRATION));
        List<JsonNode> gatewayCalls = events.stream()
                .filter(event -> event.path("logger_name").asText().endsWith("VertxGateway"))
                .toList();
        assertThat(gatewayCalls).isNotEmpty().allSatisfy(call -> {
            assertThat(call.path("request_id").asText()).hasSize(26);
            assertThat(call.path("gateway_request_id").asText()).isNotBlank().isNotEqualTo("-");
            assertThat(call.path("message").asText())
                    .contains("request_id=" + call.path("request_id").asText());
        });
        JsonNode create = gatewayCalls.stream()
                .filter(call -> call.path("gateway_call").asText().equals("POST /v1/jobs"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no log line of the create: " + lines));
        assertThat(create.path("submission").asText()).isEqualTo(submissionId);
        assertThat(create.path("gateway_status").asText()).isEqualTo("201");
        assertThat(events)
                .filteredOn(event -> event.path("message").asText().contains(" created job "))
                .singleElement()
                .satisfies(created ->
                        assertThat(created.path("submission").asText()).isEqualTo(submissionId));
        assertThat(events)
                .filteredOn(event -> event.path("logger_name").asText().endsWith("JobSyncService"))
                .isNotEmpty()
                .allSatisfy(
                        sync -> assertThat(sync.has("submission")).isFalse()); // fields do not leak onto later lines
        String all = String.join("\n", lines);
        assertThat(all).doesNotContain(SandboxKeys.FULL).doesNotContain(TOKEN).doesNotContain("Bearer ");
    }

    @Test
    void anUnknownFormatStopsStartUpWithTheFix() throws Exception {
        Path jar = Path.of(System.getProperty("fieldsync.jar", "target/fieldsync.jar"));
        ProcessBuilder builder =
                new ProcessBuilder(java(), "-jar", jar.toString(), "lookups").redirectErrorStream(true);
        builder.environment().put("FIELDSYNC_LOG_FORMAT", "xml");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output.strip())
                .isEqualTo("configuration: fieldsync.log.format is 'xml', not a log format; "
                        + "set FIELDSYNC_LOG_FORMAT (or -Dfieldsync.log.format) to text (the default) or json");
    }

    private static JsonNode poll(HttpClient client, String url, Process serve, Path errors) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (true) {
            assertThat(serve.isAlive())
                    .as("serve exited early:%n%s", Files.readString(errors))
                    .isTrue();
            try {
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", "Bearer " + TOKEN)
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return JSON.readTree(response.body());
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            assertThat(Instant.now()).as("%s did not answer 200 in time", url).isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
