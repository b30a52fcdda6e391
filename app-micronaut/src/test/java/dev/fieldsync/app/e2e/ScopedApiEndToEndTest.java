package dev.fieldsync.app.e2e;

import static dev.fieldsync.app.e2e.ServiceEndToEndTest.json;
import static dev.fieldsync.app.e2e.ServiceEndToEndTest.poll;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldsync.app.cli.Contexts;
import dev.fieldsync.app.config.TokenHash;
import dev.fieldsync.domain.webhook.WebhookSecret;
import dev.fieldsync.domain.webhook.WebhookSignature;
import dev.fieldsync.sandbox.GatewaySandbox;
import dev.fieldsync.sandbox.SandboxJob;
import dev.fieldsync.sandbox.SandboxKeys;
import dev.fieldsync.sandbox.SandboxOptions;
import dev.fieldsync.sandbox.SandboxTenant;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The integration-scoped API ({@code /api/integrations/{id}/...}, {@code /webhooks/fieldinsight/{id}}) against the
 * sandbox with two tenants, on H2: the default integration's scoped paths answer as their unscoped twins, each of two
 * integrations sees only its own tenant's jobs, submissions and changes (the sandbox's per-tenant dump is the
 * oracle), webhooks are checked with each integration's own secret, ids that name nothing served get a problem, and
 * the console's pages of an integration show its own jobs.
 * The second integration comes from the test double {@link TwoIntegrationCores} (until the service builds one core per
 * registry integration).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScopedApiEndToEndTest {
    static final String TOKEN = "scoped-admin-token-0123456789";
    static final String VIEWER = "scoped-viewer-token-0123456789";
    static final String WEBHOOK_SECRET = "whsec-scoped-default";
    static final String GLOBEX = "globex";
    static final String GLOBEX_KEY = "fi_pk_live_tenantGlobex00000000000000";
    static final String GLOBEX_SECRET = "whsec-scoped-globex";
    static final int JOBS = 120;
    static final int GLOBEX_JOBS = 80;

    /**
     * The calls compared between {@code /api/X} and {@code /api/integrations/{default}/X}: method, path under /api,
     * body. Reads, and writes that are refused before they change anything.
     */
    static final List<List<String>> TWINS = List.of(
            List.of("GET", "/jobs?limit=5", ""),
            List.of("GET", "/jobs?state=pending&limit=3", ""),
            List.of("GET", "/jobs/{job}", ""),
            List.of("GET", "/jobs/abc", ""),
            List.of("GET", "/jobs/999999999", ""),
            List.of("GET", "/jobs?limit=0", ""),
            List.of("POST", "/jobs", "{\"title\": 3}"),
            List.of("PATCH", "/jobs/abc", "{}"),
            List.of("POST", "/jobs/{job}/notes", "{}"),
            List.of("POST", "/jobs/999999999/cancel", "{\"colour\": 1}"),
            List.of("GET", "/changes?limit=5", ""),
            List.of("GET", "/changes?after=x&limit=0", ""),
            List.of("GET", "/submissions", ""),
            List.of("GET", "/submissions?state=nope", ""),
            List.of("GET", "/submissions/nope", ""),
            List.of("POST", "/submissions/nope/confirm", "{}"),
            List.of("GET", "/sync", ""),
            List.of("GET", "/lookups", ""),
            List.of("GET", "/verify", ""),
            List.of("GET", "/verify?write=true", ""),
            List.of("POST", "/sites", "{}"),
            List.of("GET", "/sweep", ""),
            List.of("POST", "/sweep/review/accept", ""),
            List.of("POST", "/sweep/review/dismiss", ""));

    /** Members that move with the clock between two calls. */
    static final Set<String> MOVING = Set.of("lag_seconds", "next_due_at");

    GatewaySandbox sandbox;
    SandboxTenant globex;
    ApplicationContext context;
    String base;
    String integration;

    @BeforeAll
    void start() {
        sandbox = GatewaySandbox.start(SandboxOptions.defaults()
                .seed(17)
                .jobs(JOBS)
                .rateLimited(false)
                .port(0)
                .stillWorld());
        globex = sandbox.tenants().add(GLOBEX, GLOBEX_KEY, GLOBEX_JOBS, 23);
        integration = TestDatabases.uniqueIntegration();
        Map<String, Object> properties = new HashMap<>(TestDatabases.h2());
        properties.put("micronaut.server.port", -1);
        properties.put("fieldsync.integration-id", integration);
        properties.put("fieldsync.gateway.base-url", sandbox.baseUrl());
        properties.put("fieldsync.key.value", SandboxKeys.FULL);
        properties.put("fieldsync.api.token", TOKEN);
        properties.put(
                "fieldsync.api.tokens.viewer.hashes", TokenHash.of(VIEWER).text());
        properties.put("fieldsync.api.tokens.viewer.scopes", "read");
        properties.put("fieldsync.webhook.secret", WEBHOOK_SECRET);
        properties.put("fieldsync.budget.rate-per-minute", 600);
        properties.put("fieldsync.budget.burst", 60);
        properties.put("fieldsync.sync.interval", "1h");
        properties.put("fieldsync.sync.requested-pass-interval", "0s");
        properties.put("fieldsync.sync.first-pass-horizon", "3650d");
        properties.put("fieldsync.dispatch.interval", "200ms");
        properties.put("fieldsync.test.second.id", GLOBEX);
        properties.put("fieldsync.test.second.key", GLOBEX_KEY);
        properties.put("fieldsync.test.second.webhook-secret", GLOBEX_SECRET);
        context = Contexts.server(properties);
        base = "http://127.0.0.1:" + context.getBean(EmbeddedServer.class).getPort();
        poll(Duration.ofSeconds(60), "the default integration's first pass", () -> {
            JsonNode status = json(Http.get(base + "/api/sync", TOKEN));
            return status.hasNonNull("last_completed_to") ? status : null;
        });
        context.getBean(TwoIntegrationCores.class).second().work().syncNow();
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
    void everyScopedPathOfTheDefaultIntegrationAnswersAsItsUnscopedTwin() throws Exception {
        // Warm the verify report so both twins answer the reused one.
        assertThat(Http.get(base + "/api/verify", TOKEN).statusCode()).isEqualTo(200);
        String job = sandbox.dump().get(0).id();
        String scoped = "/api/integrations/" + integration;
        for (List<String> twin : TWINS) {
            String method = twin.get(0);
            String path = twin.get(1).replace("{job}", job);
            String body = twin.get(2).isEmpty() ? null : twin.get(2);
            HttpResponse<String> plain = Http.send(method, base + "/api" + path, TOKEN, body, Map.of());
            HttpResponse<String> inScope = Http.send(method, base + scoped + path, TOKEN, body, Map.of());
            assertThat(inScope.statusCode())
                    .as("%s %s: %s", method, path, inScope.body())
                    .isEqualTo(plain.statusCode());
            assertThat(comparable(inScope.body().replace(scoped + "/", "/api/")))
                    .as("%s %s", method, path)
                    .isEqualTo(comparable(plain.body()));
        }
    }

    @Test
    @Order(2)
    void eachIntegrationListsOnlyItsTenantsJobs() {
        assertThat(listedJobIds("/api/integrations/" + integration))
                .isEqualTo(ids(sandbox.dump()))
                .isEqualTo(listedJobIds("/api"));
        Set<String> globexIds = listedJobIds("/api/integrations/" + GLOBEX);
        assertThat(globexIds).hasSize(GLOBEX_JOBS).isEqualTo(ids(globex.dump()));
        assertThat(globexIds).doesNotContainAnyElementsOf(ids(sandbox.dump()));
        String globexJob = globex.dump().get(0).id();
        assertThat(Http.get(base + "/api/integrations/" + GLOBEX + "/jobs/" + globexJob, TOKEN)
                        .statusCode())
                .isEqualTo(200);
        assertThat(Http.get(base + "/api/jobs/" + globexJob, TOKEN).statusCode())
                .isEqualTo(404);
        JsonNode globexSync = json(Http.get(base + "/api/integrations/" + GLOBEX + "/sync", TOKEN));
        assertThat(globexSync.get("mirrored_jobs").asLong()).isEqualTo(GLOBEX_JOBS);
    }

    @Test
    @Order(3)
    void aCreateOnOneIntegrationLandsInItsTenantAndItsSubmissionsOnly() throws Exception {
        String scoped = base + "/api/integrations/" + GLOBEX;
        JsonNode lookups = json(Http.get(scoped + "/lookups", TOKEN));
        String site = lookups.get("sites").get(0).get("id").asText();
        String jobType = lookups.get("job_types").get(0).get("name").asText();
        HttpResponse<String> accepted = Http.post(
                scoped + "/jobs",
                TOKEN,
                "{\"site\": \"" + site + "\", \"job_type\": \"" + jobType + "\", \"title\": \"Globex's own\","
                        + "\"start_time\": \"2026-07-01T09:00:00+10:00\", \"end_time\": \"2026-07-01T11:00:00+10:00\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String statusUrl = json(accepted).get("status_url").asText();
        assertThat(statusUrl).startsWith("/api/integrations/" + GLOBEX + "/submissions/");
        JsonNode created = poll(Duration.ofSeconds(30), "the globex create is sent", () -> {
            JsonNode submission = json(Http.get(base + statusUrl, TOKEN));
            return "created".equals(submission.get("state").asText()) ? submission : null;
        });
        String jobId = created.get("job_id").asText();
        assertThat(globex.job(jobId))
                .hasValueSatisfying(job -> assertThat(job.title()).isEqualTo("Globex's own"));
        assertThat(sandbox.job(jobId)).as("not in the default tenant").isEmpty();
        assertThat(sandbox.dump()).hasSize(JOBS);

        String submission = created.get("id").asText();
        assertThat(submissionIds(scoped + "/submissions?state=created")).containsExactly(submission);
        assertThat(submissionIds(base + "/api/submissions?state=created")).doesNotContain(submission);
        assertThat(Http.get(base + "/api/submissions/" + submission, TOKEN).statusCode())
                .isEqualTo(404);
    }

    @Test
    @Order(4)
    void eachChangeFeedHoldsOnlyItsIntegrationsJobs() throws Exception {
        context.getBean(TwoIntegrationCores.class).second().work().syncNow();
        Set<String> globexChanged = changedJobIds("/api/integrations/" + GLOBEX);
        Set<String> defaultChanged = changedJobIds("/api");
        assertThat(globexChanged).isNotEmpty().isSubsetOf(ids(globex.dump()));
        assertThat(defaultChanged).isNotEmpty().isSubsetOf(ids(sandbox.dump()));
        assertThat(changedJobIds("/api/integrations/" + integration)).isEqualTo(defaultChanged);
    }

    @Test
    @Order(5)
    void aWebhookIsCheckedWithItsIntegrationsOwnSecret() throws Exception {
        SandboxJob target = globex.dump().get(0);
        String body = "{\"event_id\":\"evt_scoped_" + System.nanoTime()
                + "\",\"event_type\":\"job.status_changed\",\"occurred_at\":\"" + Instant.now()
                + "\",\"job\":{\"id\":\""
                + target.id() + "\",\"status\":\"scheduled\",\"previous_status\":\"pending\"}}";
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();
        String byGlobex = WebhookSignature.sign(WebhookSecret.of(GLOBEX_SECRET), now, raw);
        String byDefault = WebhookSignature.sign(WebhookSecret.of(WEBHOOK_SECRET), now, raw);

        HttpResponse<String> atDefault = deliver("/webhooks/fieldinsight", body, byGlobex);
        assertThat(atDefault.statusCode()).isEqualTo(401);
        assertThat(atDefault.body()).doesNotContain(GLOBEX_SECRET, WEBHOOK_SECRET);
        assertThat(deliver("/webhooks/fieldinsight/" + GLOBEX, body, byDefault).statusCode())
                .isEqualTo(401);
        HttpResponse<String> accepted = deliver("/webhooks/fieldinsight/" + GLOBEX, body, byGlobex);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(json(accepted).get("result").asText()).isEqualTo("accepted");
        assertThat(deliver("/webhooks/fieldinsight/nobody", body, byGlobex).statusCode())
                .isEqualTo(404);
    }

    @Test
    @Order(6)
    void idsThatNameNothingServedGetAProblemSayingWhy() throws Exception {
        HttpResponse<String> unknown = Http.get(base + "/api/integrations/nobody/jobs", TOKEN);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(unknown).get("code").asText()).isEqualTo("unknown-integration");
        assertThat(json(unknown).get("hint").asText()).contains("GET /api/integrations");

        HttpResponse<String> malformed = Http.get(base + "/api/integrations/Not_Valid!/changes", TOKEN);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(ServiceEndToEndTest.fields(json(malformed))).containsExactly("integration");

        HttpResponse<String> registered = Http.post(
                base + "/api/integrations",
                TOKEN,
                "{\"id\":\"dormant\",\"gateway_url\":\"https://dormant.example\",\"key\":\"env:DORMANT_KEY\","
                        + "\"enabled\":false}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        HttpResponse<String> disabled = Http.get(base + "/api/integrations/dormant/submissions", TOKEN);
        assertThat(disabled.statusCode()).isEqualTo(409);
        assertThat(json(disabled).get("code").asText()).isEqualTo("integration-not-served");
        assertThat(json(disabled).get("detail").asText()).contains("disabled");
        assertThat(json(disabled).get("hint").asText()).contains("enabled");
    }

    @Test
    @Order(7)
    void aReadTokenReadsAScopedPathButCannotWriteThroughOne() {
        assertThat(Http.get(base + "/api/integrations/" + GLOBEX + "/jobs?limit=1", VIEWER)
                        .statusCode())
                .isEqualTo(200);
        assertThat(Http.post(base + "/api/integrations/" + GLOBEX + "/jobs", VIEWER, "{}")
                        .statusCode())
                .isEqualTo(403);
        assertThat(Http.post(base + "/api/integrations/x/jobs", VIEWER, "{}").statusCode())
                .isEqualTo(403);
        assertThat(Http.post(base + "/api/integrations/" + GLOBEX + "/sync", VIEWER, null)
                        .statusCode())
                .as("the registry's own action stays admin")
                .isEqualTo(403);
    }

    @Test
    @Order(8)
    void theConsolesPagesOfAnIntegrationShowItsOwnData() {
        String globexJob = globex.dump().get(0).id();
        String defaultJob = sandbox.dump().get(0).id();
        HttpResponse<String> jobs = Http.get(base + "/console/integrations/" + GLOBEX + "/jobs?limit=500", TOKEN);
        assertThat(jobs.statusCode()).isEqualTo(200);
        assertThat(jobs.body())
                .contains("href=\"/console/integrations/" + GLOBEX + "/jobs/" + globexJob + "\"")
                .doesNotContain("/jobs/" + defaultJob + "\"");
        assertThat(Http.get(base + "/console/integrations/" + GLOBEX + "/jobs/" + globexJob, TOKEN)
                        .body())
                .contains("Job " + globexJob);
        assertThat(Http.get(base + "/console/integrations/" + GLOBEX + "/submissions", TOKEN)
                        .statusCode())
                .isEqualTo(200);
        assertThat(Http.get(base + "/console/integrations/" + GLOBEX + "/budget", TOKEN)
                        .body())
                .contains("Not kept for " + GLOBEX);
        assertThat(Http.get(base + "/console/integrations/nobody/jobs", TOKEN).statusCode())
                .isEqualTo(404);
        // The integrations page lists the registry: globex is there once it is registered (configured, or here).
        assertThat(Http.post(
                                base + "/api/integrations",
                                TOKEN,
                                "{\"id\":\"" + GLOBEX + "\",\"gateway_url\":\"https://globex.example\","
                                        + "\"key\":\"env:GLOBEX_KEY\"}")
                        .statusCode())
                .isIn(201, 409);
        assertThat(Http.get(base + "/console/integrations", TOKEN).body())
                .contains("href=\"/console/integrations/" + GLOBEX + "/jobs\"", "href=\"/console/jobs\"");
        assertThat(Http.get(base + "/console/integrations/" + integration + "/jobs?limit=500", TOKEN)
                        .body())
                .contains("/jobs/" + defaultJob + "\"")
                .doesNotContain("/jobs/" + globexJob + "\"");
    }

    private static JsonNode comparable(String body) throws Exception {
        JsonNode node = ServiceEndToEndTest.JSON.readTree(body);
        if (node instanceof ObjectNode object) {
            MOVING.forEach(object::remove);
        }
        return node;
    }

    private Set<String> listedJobIds(String api) {
        Set<String> ids = new HashSet<>();
        String next = api + "/jobs?limit=500";
        while (next != null) {
            JsonNode page = json(Http.get(base + next, TOKEN));
            page.get("jobs").forEach(job -> ids.add(job.get("id").asText()));
            next = page.hasNonNull("next") ? page.get("next").asText() : null;
        }
        return ids;
    }

    private Set<String> changedJobIds(String api) {
        Set<String> ids = new HashSet<>();
        String next = api + "/changes?limit=1000";
        while (next != null) {
            JsonNode page = json(Http.get(base + next, TOKEN));
            page.get("changes").forEach(change -> {
                if (change.hasNonNull("job_id")) {
                    ids.add(change.get("job_id").asText());
                }
            });
            next = page.get("changes").isEmpty() ? null : page.get("next").asText();
        }
        return ids;
    }

    private List<String> submissionIds(String url) {
        HttpResponse<String> answer = Http.get(url, TOKEN);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode list = json(answer);
        List<String> ids = new java.util.ArrayList<>();
        if (list.has("submissions")) { // an empty list is left out, as every empty member
            list.get("submissions").forEach(s -> ids.add(s.get("id").asText()));
        }
        return ids;
    }

    private static Set<String> ids(List<SandboxJob> jobs) {
        return jobs.stream().map(SandboxJob::id).collect(Collectors.toSet());
    }

    private HttpResponse<String> deliver(String path, String body, String signature) {
        return Http.send("POST", base + path, null, body, Map.of("X-FI-Gateway-Signature", signature));
    }
}
