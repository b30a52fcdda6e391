package dev.fieldsync.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldsync.app.cli.Contexts;
import dev.fieldsync.domain.webhook.WebhookSecret;
import dev.fieldsync.domain.webhook.WebhookSignature;
import dev.fieldsync.ports.in.query.QueryJobs;
import dev.fieldsync.ports.out.store.JobSearch;
import dev.fieldsync.ports.out.store.JobSlice;
import dev.fieldsync.ports.out.store.MirroredJob;
import dev.fieldsync.sandbox.GatewaySandbox;
import dev.fieldsync.sandbox.SandboxJob;
import dev.fieldsync.sandbox.SandboxKeys;
import dev.fieldsync.sandbox.SandboxOptions;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The service in one JVM against the gateway sandbox, over HTTP, on a real database (H2 and PostgreSQL
 * subclasses): sync convergence, writes through the API, webhooks, the token, and bad input.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ServiceEndToEndTest {
    static final String TOKEN = "test-token-0123456789abcdef";
    static final String WEBHOOK_SECRET = "whsec-test-current";
    static final String OLD_WEBHOOK_SECRET = "whsec-test-previous";
    static final int JOBS = 450;
    static final ObjectMapper JSON = new ObjectMapper();

    GatewaySandbox sandbox;
    ApplicationContext context;
    String base;

    abstract Map<String, Object> database();

    @BeforeAll
    void start() {
        sandbox = GatewaySandbox.start(SandboxOptions.defaults().seed(7).jobs(JOBS).rateLimited(false).port(0));
        Map<String, Object> properties = new HashMap<>(database());
        properties.put("micronaut.server.port", -1);
        properties.put("fieldsync.gateway.base-url", sandbox.baseUrl());
        properties.put("fieldsync.key.value", SandboxKeys.FULL);
        properties.put("fieldsync.api.token", TOKEN);
        properties.put("fieldsync.webhook.secret", WEBHOOK_SECRET);
        properties.put("fieldsync.webhook.secondary-secret", OLD_WEBHOOK_SECRET);
        properties.put("fieldsync.budget.rate-per-minute", 600);
        properties.put("fieldsync.budget.burst", 60);
        properties.put("fieldsync.sync.interval", "1h");
        properties.put("fieldsync.sync.catch-up-check", "200ms");
        properties.put("fieldsync.sync.first-pass-horizon", "3650d");
        properties.put("fieldsync.dispatch.interval", "200ms");
        context = Contexts.server(properties);
        base = "http://127.0.0.1:" + context.getBean(EmbeddedServer.class).getPort();
        sandbox.webhooks(base + "/webhooks/fieldinsight", WEBHOOK_SECRET);
    }

    @AfterAll
    void stop() {
        if (context != null) {
            context.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    @Order(1)
    void theMirrorConvergesToTheSandbox() throws Exception {
        awaitCompletedPass();
        Map<String, String> expected = sandbox.dump().stream()
                .collect(Collectors.toMap(SandboxJob::id, job -> job.title() + "|" + job.state() + "|" + job.siteId()));
        Map<String, String> mirrored = new HashMap<>();
        QueryJobs query = context.getBean(QueryJobs.class);
        Optional<String> after = Optional.empty();
        do {
            JobSlice slice = query.search(JobSearch.builder().limit(JobSearch.MAX_LIMIT).after(after.orElse(null)).build());
            for (MirroredJob job : slice.jobs()) {
                mirrored.put(job.job().id().value(), job.job().title() + "|" + job.job().state().wireName() + "|"
                        + job.job().site().id().value());
            }
            after = slice.nextCursor();
        } while (after.isPresent());
        assertThat(mirrored).hasSize(JOBS).isEqualTo(expected);

        JsonNode status = json(Http.get(base + "/api/sync", TOKEN));
        assertThat(status.get("mirrored_jobs").asLong()).isEqualTo(JOBS);
        assertThat(status.get("leader").asBoolean()).isTrue();
    }

    @Test
    @Order(2)
    void theApiRefusesCallsWithoutTheToken() throws Exception {
        HttpResponse<String> none = Http.get(base + "/api/jobs", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(none).get("code").asText()).isEqualTo("unauthorized");
        assertThat(Http.get(base + "/api/jobs", "wrong-token-0123456789").statusCode()).isEqualTo(401);
        assertThat(Http.get(base + "/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(Http.get(base + "/health", null).statusCode()).isEqualTo(200);
        HttpResponse<String> openApi = Http.get(base + dev.fieldsync.app.rest.ApiDocument.PATH, null);
        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(openApi.body()).contains("openapi:", "/api/jobs:", "/api/submissions/{id}:", "/webhooks/fieldinsight:");
        assertThat(Http.get(base + "/api/jobs?limit=2", TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void badInputGetsOneProblemListingEveryFieldError() throws Exception {
        HttpResponse<String> malformed = Http.post(base + "/api/jobs", TOKEN, "{\"title\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).get("errors").get(0).get("rule").asText()).isEqualTo("json");

        HttpResponse<String> wrongTypes = Http.post(base + "/api/jobs", TOKEN,
                "{\"site\": 123, \"title\": true, \"custom_fields\": {\"scope\": 5}, \"titel\": \"x\"}");
        assertThat(wrongTypes.statusCode()).isEqualTo(400);
        assertThat(fields(json(wrongTypes))).contains("site", "title", "custom_fields.scope", "titel");

        HttpResponse<String> rules = Http.post(base + "/api/jobs", TOKEN,
                "{\"title\": \"\", \"start_time\": \"2026-07-01T09:00:00\", \"end_time\": \"tomorrow\"}");
        assertThat(rules.statusCode()).isEqualTo(400);
        assertThat(fields(json(rules))).contains("site", "job_type", "title", "start_time", "end_time");

        HttpResponse<String> badQuery = Http.get(base + "/api/jobs?limit=abc&state=nope&site=x", TOKEN);
        assertThat(badQuery.statusCode()).isEqualTo(400);
        assertThat(fields(json(badQuery))).containsExactlyInAnyOrder("limit", "state", "site");

        assertThat(Http.get(base + "/api/jobs/abc", TOKEN).statusCode()).isEqualTo(400);
        assertThat(Http.get(base + "/api/jobs/999999999", TOKEN).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void aJobCreatedThroughTheApiAppearsInTheMirror() throws Exception {
        JsonNode lookups = json(Http.get(base + "/api/lookups", TOKEN));
        String site = lookups.get("sites").get(0).get("id").asText();
        String jobType = lookups.get("job_types").get(0).get("name").asText();
        String body = "{\"site\": \"" + site + "\", \"job_type\": \"" + jobType + "\", \"title\": \"Made by the e2e test\","
                + "\"start_time\": \"2026-07-01T09:00:00+10:00\", \"end_time\": \"2026-07-01T11:00:00+10:00\"}";
        HttpResponse<String> accepted = Http.post(base + "/api/jobs", TOKEN, body);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String statusUrl = accepted.headers().firstValue("Location").orElseThrow();
        assertThat(statusUrl).isEqualTo(json(accepted).get("status_url").asText());

        JsonNode created = poll(Duration.ofSeconds(30), "the submission is created", () -> {
            JsonNode submission = json(Http.get(base + statusUrl, TOKEN));
            return "created".equals(submission.get("state").asText()) ? submission : null;
        });
        String jobId = created.get("job_id").asText();
        assertThat(sandbox.job(jobId)).isPresent();

        // The job.created webhook asks for a catch-up pass; POST /api/sync would do the same.
        JsonNode job = poll(Duration.ofSeconds(30), "the new job is mirrored", () -> {
            HttpResponse<String> response = Http.get(base + "/api/jobs/" + jobId, TOKEN);
            return response.statusCode() == 200 ? json(response) : null;
        });
        assertThat(job.get("title").asText()).isEqualTo("Made by the e2e test");
        assertThat(job.get("site").get("id").asText()).isEqualTo(site);
    }

    @Test
    @Order(5)
    void aSignedWebhookFlowsThroughAndForgedOrStaleOnesAreRefused() throws Exception {
        SandboxJob target = sandbox.dump().stream().filter(job -> job.state().equals("pending")).findFirst().orElseThrow();
        String eventId = "evt_e2e_" + System.nanoTime();
        String body = "{\"event_id\":\"" + eventId + "\",\"event_type\":\"job.status_changed\",\"occurred_at\":\""
                + Instant.now() + "\",\"job\":{\"id\":\"" + target.id() + "\",\"number\":\"" + target.number()
                + "\",\"status\":\"scheduled\",\"previous_status\":\"pending\"}}";
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();

        HttpResponse<String> forged = deliver(body, WebhookSignature.sign(WebhookSecret.of("not-the-secret"), now, raw));
        assertThat(forged.statusCode()).isEqualTo(401);
        HttpResponse<String> stale = deliver(body, WebhookSignature.sign(WebhookSecret.of(WEBHOOK_SECRET), now - 600, raw));
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(json(stale).get("detail").asText()).contains("stale");
        HttpResponse<String> unsigned = deliver(body, null);
        assertThat(unsigned.statusCode()).isEqualTo(400);

        // Signed with the previous secret during a rotation: accepted; a redelivery is a duplicate.
        HttpResponse<String> accepted = deliver(body, WebhookSignature.sign(WebhookSecret.of(OLD_WEBHOOK_SECRET), now, raw));
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(json(accepted).get("result").asText()).isEqualTo("accepted");
        HttpResponse<String> again = deliver(body, WebhookSignature.sign(WebhookSecret.of(WEBHOOK_SECRET), now, raw));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("result").asText()).isEqualTo("duplicate");

        JsonNode job = poll(Duration.ofSeconds(20), "the webhook's state reaches the mirror", () -> {
            JsonNode mirrored = json(Http.get(base + "/api/jobs/" + target.id(), TOKEN));
            return "scheduled".equals(mirrored.get("effective_state").asText()) ? mirrored : null;
        });
        assertThat(job.get("provisional").asBoolean()).isTrue();
    }

    @Test
    @Order(6)
    void healthAndMetricsSpendNoBudget() throws Exception {
        poll(Duration.ofSeconds(30), "sync to settle", () -> {
            JsonNode status = json(Http.get(base + "/api/sync", TOKEN));
            return !status.get("running").asBoolean() && !status.get("catch_up_requested").asBoolean() ? status : null;
        });
        long before = sandbox.stats().totalRequests();
        JsonNode health = json(Http.get(base + "/health/readiness", null));
        String metrics = Http.get(base + "/prometheus", TOKEN).body();
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(metrics).contains("fieldsync_gateway_calls_seconds_count{", "route=\"GET /v1/jobs\"",
                "fieldsync_mirrored_jobs", "fieldsync_submissions{", "fieldsync_budget_wait_seconds");
        assertThat(sandbox.stats().totalRequests()).isEqualTo(before);
    }

    private HttpResponse<String> deliver(String body, String signature) {
        Map<String, String> headers = new HashMap<>();
        if (signature != null) {
            headers.put("X-FI-Gateway-Signature", signature);
        }
        return Http.send("POST", base + "/webhooks/fieldinsight", null, body, headers);
    }

    private void awaitCompletedPass() {
        poll(Duration.ofSeconds(60), "a completed sync pass", () -> {
            JsonNode status = json(Http.get(base + "/api/sync", TOKEN));
            return status.hasNonNull("last_completed_to") ? status : null;
        });
    }

    static java.util.List<String> fields(JsonNode problem) {
        java.util.List<String> names = new java.util.ArrayList<>();
        problem.get("errors").forEach(error -> names.add(error.get("field").asText()));
        return names;
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    static <T> T poll(Duration timeout, String what, Supplier<T> probe) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
