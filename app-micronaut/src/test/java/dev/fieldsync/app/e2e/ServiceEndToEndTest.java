package dev.fieldsync.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldsync.app.cli.Contexts;
import dev.fieldsync.domain.mirror.JobSearch;
import dev.fieldsync.domain.mirror.JobSlice;
import dev.fieldsync.domain.mirror.MirroredJob;
import dev.fieldsync.domain.webhook.WebhookSecret;
import dev.fieldsync.domain.webhook.WebhookSignature;
import dev.fieldsync.ports.in.query.QueryJobs;
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
import java.util.List;
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
        // A still world: these tests compare the mirror with the sandbox at instants and watch transient submission
        // states; the scheduling team and the office (on by default) are SubmissionReviewEndToEndTest's subject.
        sandbox = GatewaySandbox.start(SandboxOptions.defaults()
                .seed(7)
                .jobs(JOBS)
                .rateLimited(false)
                .port(0)
                .stillWorld());
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
        properties.put("fieldsync.sync.requested-pass-interval", "0s"); // every "sync now" may start one
        properties.put("fieldsync.sync.catch-up-check", "200ms");
        properties.put("fieldsync.sync.first-pass-horizon", "3650d");
        properties.put("fieldsync.dispatch.interval", "200ms");
        // The sync lock is a PostgreSQL advisory lock per integration, database-wide: a fresh id keeps other
        // processes on the same database (another test run, a demo) from holding it.
        properties.put("fieldsync.integration-id", TestDatabases.uniqueIntegration());
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
            JobSlice slice = query.search(JobSearch.builder()
                    .limit(JobSearch.MAX_LIMIT)
                    .after(after.orElse(null))
                    .build());
            for (MirroredJob job : slice.jobs()) {
                mirrored.put(
                        job.job().id().value(),
                        job.job().title() + "|" + job.job().state().wireName() + "|"
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
        assertThat(none.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(none).get("code").asText()).isEqualTo("unauthorized");
        assertThat(Http.get(base + "/api/jobs", "wrong-token-0123456789").statusCode())
                .isEqualTo(401);
        assertThat(Http.get(base + "/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(Http.get(base + "/health", null).statusCode()).isEqualTo(200);
        HttpResponse<String> openApi = Http.get(base + dev.fieldsync.app.rest.ApiDocument.PATH, null);
        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(openApi.body())
                .contains("openapi:", "/api/jobs:", "/api/submissions/{id}:", "/webhooks/fieldinsight:");
        assertThat(Http.get(base + "/api/jobs?limit=2", TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void badInputGetsOneProblemListingEveryFieldError() throws Exception {
        HttpResponse<String> malformed = Http.post(base + "/api/jobs", TOKEN, "{\"title\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).get("errors").get(0).get("rule").asText()).isEqualTo("json");

        HttpResponse<String> wrongTypes = Http.post(
                base + "/api/jobs",
                TOKEN,
                "{\"site\": 123, \"title\": true, \"custom_fields\": {\"scope\": 5}, \"titel\": \"x\"}");
        assertThat(wrongTypes.statusCode()).isEqualTo(400);
        assertThat(fields(json(wrongTypes))).contains("site", "title", "custom_fields.scope", "titel");

        HttpResponse<String> rules = Http.post(
                base + "/api/jobs",
                TOKEN,
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
        String body =
                "{\"site\": \"" + site + "\", \"job_type\": \"" + jobType + "\", \"title\": \"Made by the e2e test\","
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
        // Times come back as they were sent, seconds included (OffsetDateTime.toString would drop ":00").
        assertThat(job.get("start_time").asText()).isEqualTo("2026-07-01T09:00:00+10:00");
        assertThat(job.get("end_time").asText()).isEqualTo("2026-07-01T11:00:00+10:00");
    }

    @Test
    @Order(5)
    void aSignedWebhookFlowsThroughAndForgedOrStaleOnesAreRefused() throws Exception {
        SandboxJob target = sandbox.dump().stream()
                .filter(job -> job.state().equals("pending"))
                .findFirst()
                .orElseThrow();
        String eventId = "evt_e2e_" + System.nanoTime();
        String body = "{\"event_id\":\"" + eventId + "\",\"event_type\":\"job.status_changed\",\"occurred_at\":\""
                + Instant.now() + "\",\"job\":{\"id\":\"" + target.id() + "\",\"number\":\"" + target.number()
                + "\",\"status\":\"scheduled\",\"previous_status\":\"pending\"}}";
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();

        HttpResponse<String> forged =
                deliver(body, WebhookSignature.sign(WebhookSecret.of("not-the-secret"), now, raw));
        assertThat(forged.statusCode()).isEqualTo(401);
        HttpResponse<String> stale =
                deliver(body, WebhookSignature.sign(WebhookSecret.of(WEBHOOK_SECRET), now - 600, raw));
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(json(stale).get("detail").asText()).contains("stale");
        HttpResponse<String> unsigned = deliver(body, null);
        assertThat(unsigned.statusCode()).isEqualTo(400);

        // Signed with the previous secret during a rotation: accepted; a redelivery is a duplicate.
        HttpResponse<String> accepted =
                deliver(body, WebhookSignature.sign(WebhookSecret.of(OLD_WEBHOOK_SECRET), now, raw));
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
            return !status.get("running").asBoolean()
                            && !status.get("catch_up_requested").asBoolean()
                    ? status
                    : null;
        });
        // A catch-up pass for a webhook of an earlier create may still send a request meanwhile; health and
        // metrics that spent budget would spend it on every try, so one try without a request proves they do not.
        long spentMeanwhile = Long.MAX_VALUE;
        JsonNode health = null;
        String metrics = "";
        for (int attempt = 0; attempt < 3 && spentMeanwhile != 0; attempt++) {
            long before = sandbox.stats().totalRequests();
            health = json(Http.get(base + "/health/readiness", null));
            metrics = Http.get(base + "/prometheus", TOKEN).body();
            spentMeanwhile = sandbox.stats().totalRequests() - before;
            if (spentMeanwhile != 0) {
                Thread.sleep(500);
            }
        }
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(metrics)
                .contains(
                        "fieldsync_gateway_calls_seconds_count{",
                        "route=\"GET /v1/jobs\"",
                        "fieldsync_mirrored_jobs",
                        "fieldsync_submissions{",
                        "fieldsync_budget_wait_seconds",
                        "fieldsync_gateway_clock_offset_seconds");
        assertThat(spentMeanwhile).isZero();
    }

    @Test
    @Order(9)
    void patchChangesAPendingJobAndIsRefusedWithTheHintOnAnotherOne() throws Exception {
        settle();
        SandboxJob pending = pendingJob(1);
        HttpResponse<String> patched = Http.send(
                "PATCH",
                base + "/api/jobs/" + pending.id(),
                TOKEN,
                "{\"title\": \"Patched by the e2e test\", \"purchase_order_number\": \"PO-E2E-7\"}",
                Map.of());
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(json(patched).get("result").asText()).isEqualTo("updated");
        SandboxJob after = sandbox.job(pending.id()).orElseThrow();
        assertThat(after.title()).isEqualTo("Patched by the e2e test");
        assertThat(after.purchaseOrderNumber()).isEqualTo("PO-E2E-7");
        assertThat(json(Http.get(base + "/api/jobs/" + pending.id(), TOKEN))
                        .get("title")
                        .asText())
                .as("the mirror sees our write at once")
                .isEqualTo("Patched by the e2e test");

        SandboxJob locked = sandbox.dump().stream()
                .filter(job -> job.state().equals("scheduled") || job.state().equals("in_progress"))
                .findFirst()
                .orElseThrow();
        HttpResponse<String> refused =
                Http.send("PATCH", base + "/api/jobs/" + locked.id(), TOKEN, "{\"title\": \"Too late\"}", Map.of());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(refused);
        assertThat(problem.get("code").asText()).isEqualTo("editing-locked");
        assertThat(problem.get("hint").asText()).contains("scheduling team");
        assertThat(problem.get("gateway_request_id").asText())
                .as("the id to quote to the gateway operator")
                .isNotBlank();
        assertThat(sandbox.job(locked.id()).orElseThrow().title()).isEqualTo(locked.title());

        HttpResponse<String> notWritable = Http.send(
                "PATCH", base + "/api/jobs/" + pending.id(), TOKEN, "{\"title\": \"\", \"colour\": \"red\"}", Map.of());
        assertThat(notWritable.statusCode()).isEqualTo(400);
        assertThat(fields(json(notWritable))).contains("title", "colour");
    }

    @Test
    @Order(8)
    void notesAreAppendedKeepingEveryLineAndTheLimitIsCheckedBeforeAnyCall() throws Exception {
        settle();
        SandboxJob job = pendingJob(2);
        String original = job.notes();

        long before = sandbox.stats().totalRequests();
        String tooLong = "x".repeat(2001);
        HttpResponse<String> refused =
                Http.post(base + "/api/jobs/" + job.id() + "/notes", TOKEN, "{\"text\": \"" + tooLong + "\"}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(json(refused).get("errors").get(0).get("rule").asText()).isEqualTo("max-length");
        assertThat(json(refused).get("errors").get(0).get("message").asText()).contains("2000");
        assertThat(sandbox.stats().totalRequests())
                .as("no gateway call for a note over the limit")
                .isEqualTo(before);
        assertThat(sandbox.job(job.id()).orElseThrow().notes()).isEqualTo(original);

        HttpResponse<String> first = Http.post(
                base + "/api/jobs/" + job.id() + "/notes", TOKEN, "{\"text\": \"Customer called: gate code 4711\"}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        HttpResponse<String> second =
                Http.post(base + "/api/jobs/" + job.id() + "/notes", TOKEN, "{\"text\": \"Bring the long ladder\"}");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);

        String notes = sandbox.job(job.id()).orElseThrow().notes();
        assertThat(notes).startsWith(original).contains("] Customer called: gate code 4711", "] Bring the long ladder");
        assertThat(notes.indexOf("gate code")).isLessThan(notes.indexOf("long ladder"));
        assertThat(json(second).get("notes").asText()).isEqualTo(notes);

        HttpResponse<String> empty = Http.post(base + "/api/jobs/" + job.id() + "/notes", TOKEN, "{\"text\": \" \"}");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(fields(json(empty))).containsExactly("text");
    }

    @Test
    @Order(11)
    void aCancelIsDoneOnceAndASecondOneIsLocked() throws Exception {
        settle();
        SandboxJob job = pendingJob(3);
        HttpResponse<String> cancelled =
                Http.post(base + "/api/jobs/" + job.id() + "/cancel", TOKEN, "{\"reason\": \"Customer rescheduled\"}");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(json(cancelled).get("result").asText()).isEqualTo("cancelled");
        SandboxJob after = sandbox.job(job.id()).orElseThrow();
        assertThat(after.state()).isEqualTo("cancelled");
        assertThat(after.cancelReason()).isEqualTo("Customer rescheduled");
        assertThat(json(Http.get(base + "/api/jobs/" + job.id(), TOKEN))
                        .get("effective_state")
                        .asText())
                .isEqualTo("cancelled");

        HttpResponse<String> again = Http.post(base + "/api/jobs/" + job.id() + "/cancel", TOKEN, null);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(json(again).get("code").asText()).isEqualTo("cancellation-locked");
        assertThat(json(again).get("hint").asText()).isNotBlank();
    }

    @Test
    @Order(12)
    void aSiteCreatedByCustomerNameIsUsableByNameAtOnce() throws Exception {
        JsonNode customers = json(Http.get(base + "/api/lookups", TOKEN)).get("customers");
        Map<String, Long> nameCounts = new HashMap<>();
        customers.forEach(c -> nameCounts.merge(c.get("name").asText(), 1L, Long::sum));
        String customer = nameCounts.entrySet().stream()
                .filter(e -> e.getValue() == 1)
                .map(Map.Entry::getKey)
                .sorted()
                .findFirst()
                .orElseThrow();
        String siteName = "E2E Depot " + System.nanoTime();
        HttpResponse<String> created = Http.post(
                base + "/api/sites",
                TOKEN,
                "{\"customer\": \"" + customer + "\", \"business_name\": \"" + siteName
                        + "\", \"address\": \"1 Test St, Pimpama QLD 4209\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String siteId = json(created).get("site_id").asText();
        assertThat(siteId).matches("\\d+");

        JsonNode lookups = json(Http.get(base + "/api/lookups", TOKEN));
        assertThat(lookups.get("sites").findValuesAsText("name")).contains(siteName);

        String jobType = lookups.get("job_types").get(0).get("name").asText();
        HttpResponse<String> accepted = Http.post(
                base + "/api/jobs",
                TOKEN,
                "{\"site\": \"" + siteName
                        + "\", \"job_type\": \"" + jobType + "\", \"title\": \"On the new site\","
                        + "\"start_time\": \"2026-08-01T09:00:00+10:00\", \"end_time\": \"2026-08-01T10:00:00+10:00\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String statusUrl = accepted.headers().firstValue("Location").orElseThrow();
        JsonNode submission = poll(Duration.ofSeconds(30), "the job on the new site is created", () -> {
            JsonNode now = json(Http.get(base + statusUrl, TOKEN));
            return "created".equals(now.get("state").asText()) ? now : null;
        });
        SandboxJob job = sandbox.job(submission.get("job_id").asText()).orElseThrow();
        assertThat(job.siteId()).isEqualTo(siteId);
        assertThat(job.customerName()).isEqualTo(customer);
        assertThat(job.siteAddress()).isEqualTo("1 Test St, Pimpama QLD 4209");

        HttpResponse<String> unknown =
                Http.post(base + "/api/sites", TOKEN, "{\"customer\": \"No Such Customer Pty\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(fields(json(unknown))).containsExactly("customer");
    }

    @Test
    @Order(7)
    void lookupsComeFromTheCacheAndARefreshSpendsSixRequests() throws Exception {
        settle();
        long before = sandbox.stats().totalRequests();
        JsonNode cached = json(Http.get(base + "/api/lookups", TOKEN));
        assertThat(sandbox.stats().totalRequests()).as("served from the cache").isEqualTo(before);
        JsonNode fresh = json(Http.get(base + "/api/lookups?refresh=true", TOKEN));
        assertThat(sandbox.stats().totalRequests() - before).isEqualTo(6);

        java.util.Set<String> siteIds =
                new java.util.HashSet<>(fresh.get("sites").findValuesAsText("id"));
        java.util.Set<String> customerNames =
                new java.util.HashSet<>(fresh.get("customers").findValuesAsText("name"));
        for (SandboxJob job : sandbox.dump()) {
            assertThat(siteIds).contains(job.siteId());
            assertThat(customerNames).contains(job.customerName());
            assertThat(fresh.get("job_types").findValuesAsText("id")).contains(job.jobTypeId());
        }
        assertThat(fresh.get("sites").size()).isEqualTo(cached.get("sites").size());
        assertThat(fresh.get("job_statuses").size()).isPositive();
        assertThat(fresh.get("custom_fields").get(0).has("external_name")).isTrue();
    }

    @Test
    @Order(10)
    void verifyReportsTheChecklistAndItsWriteTestLeavesACancelledJob() throws Exception {
        settle();
        long before = sandbox.stats().totalRequests();
        HttpResponse<String> response = Http.get(base + "/api/verify", TOKEN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = json(response);
        assertThat(report.get("passed").asBoolean()).isTrue();
        assertThat(report.get("steps").findValuesAsText("outcome")).doesNotContain("failed");
        assertThat(report.get("requests_spent").asInt())
                .isPositive()
                .isLessThanOrEqualTo(report.get("planned_requests").asInt());
        assertThat(sandbox.stats().totalRequests() - before)
                .isEqualTo(report.get("requests_spent").asLong());

        JsonNode lookups = json(Http.get(base + "/api/lookups", TOKEN));
        String site = lookups.get("sites").get(0).get("id").asText();
        String jobType = lookups.get("job_types").get(0).get("name").asText();
        java.util.Set<String> existing =
                sandbox.dump().stream().map(SandboxJob::id).collect(Collectors.toSet());
        JsonNode withWrite = json(Http.get(
                base + "/api/verify?write=true&site=" + site + "&job_type="
                        + java.net.URLEncoder.encode(jobType, StandardCharsets.UTF_8),
                TOKEN));
        assertThat(withWrite.get("passed").asBoolean()).as(withWrite.toString()).isTrue();
        java.util.List<SandboxJob> made = sandbox.dump().stream()
                .filter(job -> !existing.contains(job.id()))
                .toList();
        assertThat(made).singleElement().satisfies(job -> {
            assertThat(job.title()).startsWith("Integration check");
            assertThat(job.state()).isEqualTo("cancelled");
            assertThat(job.siteId()).isEqualTo(site);
        });

        HttpResponse<String> incomplete = Http.get(base + "/api/verify?write=true", TOKEN);
        assertThat(incomplete.statusCode()).isEqualTo(400);
    }

    @Test
    @Order(13)
    void submissionsMoveToFailedOrFromOutcomeUnknownToCreated() throws Exception {
        JsonNode lookups = json(Http.get(base + "/api/lookups", TOKEN));
        String site = lookups.get("sites").get(1).get("id").asText();
        String jobType = lookups.get("job_types").get(0).get("id").asText();
        try {
            sandbox.faults().writesDisabled(true);
            String refusedTitle = "Refused create " + System.nanoTime();
            JsonNode failed = awaitSubmission(submit(site, jobType, refusedTitle), "failed");
            assertThat(failed.get("last_error").asText()).contains("writes-disabled");
            assertThat(failed.hasNonNull("job_id")).isFalse();
            assertThat(sandbox.dump()).noneMatch(job -> job.title().equals(refusedTitle));
            sandbox.faults().writesDisabled(false);

            // The gateway creates the job, then answers 500: fieldsync must not send it again but reconcile it.
            // Without webhooks no catch-up pass reconciles it early: only the pass asked for below does.
            sandbox.disableWebhooks();
            sandbox.faults().ambiguousCreateErrorProbability(1.0);
            String ambiguousTitle = "Ambiguous create " + System.nanoTime();
            String statusUrl = submit(site, jobType, ambiguousTitle);
            // Usually outcome_unknown until the pass below; a catch-up pass for a webhook of an earlier create may
            // reconcile it first (by its reference line): then it is created already, with the same one attempt.
            JsonNode unknown = awaitSubmission(statusUrl, "outcome_unknown", "created");
            assertThat(unknown.get("attempts").asInt()).isEqualTo(1);
            sandbox.faults().ambiguousCreateErrorProbability(0);
            java.util.List<SandboxJob> inSandbox = sandbox.dump().stream()
                    .filter(job -> job.title().equals(ambiguousTitle))
                    .toList();
            assertThat(inSandbox).hasSize(1);

            settle();
            HttpResponse<String> syncNow = Http.post(base + "/api/sync", TOKEN, null);
            assertThat(syncNow.statusCode()).isEqualTo(202);
            JsonNode created = awaitSubmission(statusUrl, "created");
            assertThat(created.get("job_id").asText())
                    .isEqualTo(inSandbox.get(0).id());
            assertThat(created.get("resent").asBoolean()).isFalse();
            assertThat(sandbox.dump().stream().filter(job -> job.title().equals(ambiguousTitle)))
                    .hasSize(1);
        } finally {
            sandbox.faults().writesDisabled(false).ambiguousCreateErrorProbability(0);
            sandbox.webhooks(base + "/webhooks/fieldinsight", WEBHOOK_SECRET);
        }
        HttpResponse<String> unknown = Http.get(base + "/api/submissions/no-such-submission", TOKEN);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("code").asText()).isEqualTo("not-found");
    }

    @Test
    @Order(14)
    void syncNowBringsTheGatewaysChangesIntoTheMirror() throws Exception {
        settle();
        assertThat(sandbox.touch(5)).isEqualTo(5);
        assertThat(mirrorMatchesSandbox())
                .as("touched jobs are not mirrored yet")
                .isFalse();
        // A pass that started before the touch may not see it: ask until a pass starts after it.
        JsonNode started = poll(Duration.ofSeconds(30), "a pass started by sync now", () -> {
            HttpResponse<String> response = Http.post(base + "/api/sync", TOKEN, null);
            assertThat(response.statusCode()).isEqualTo(202);
            JsonNode answer = json(response);
            return answer.get("message").asText().contains("has started") ? answer : null;
        });
        assertThat(started.get("status_url").asText()).isEqualTo("/api/sync");
        poll(Duration.ofSeconds(30), "the mirror to match the sandbox after sync now", () -> {
            JsonNode status = json(Http.get(base + "/api/sync", TOKEN));
            if (status.get("running").asBoolean()) {
                return null;
            }
            return mirrorMatchesSandbox() ? status : null;
        });
        assertThat(mirrorMatchesSandbox()).isTrue();
    }

    private boolean mirrorMatchesSandbox() {
        Map<String, String> expected = sandbox.dump().stream()
                .collect(Collectors.toMap(SandboxJob::id, job -> job.title() + "|" + job.state() + "|" + job.notes()));
        Map<String, String> mirrored = new HashMap<>();
        QueryJobs query = context.getBean(QueryJobs.class);
        Optional<String> after = Optional.empty();
        do {
            JobSlice slice = query.search(JobSearch.builder()
                    .limit(JobSearch.MAX_LIMIT)
                    .after(after.orElse(null))
                    .build());
            for (MirroredJob job : slice.jobs()) {
                mirrored.put(
                        job.job().id().value(),
                        job.job().title() + "|" + job.job().state().wireName() + "|"
                                + job.job().notes());
            }
            after = slice.nextCursor();
        } while (after.isPresent());
        return mirrored.equals(expected);
    }

    private String submit(String site, String jobType, String title) {
        HttpResponse<String> accepted = Http.post(
                base + "/api/jobs",
                TOKEN,
                "{\"site\": \"" + site
                        + "\", \"job_type\": \"" + jobType + "\", \"title\": \"" + title + "\","
                        + "\"start_time\": \"2026-09-01T09:00:00+10:00\", \"end_time\": \"2026-09-01T10:00:00+10:00\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(json(accepted).get("state").asText()).isEqualTo("pending");
        return accepted.headers().firstValue("Location").orElseThrow();
    }

    private JsonNode awaitSubmission(String statusUrl, String... states) {
        List<String> wanted = List.of(states);
        return poll(Duration.ofSeconds(30), "submission " + statusUrl + " to be " + wanted, () -> {
            JsonNode now = json(Http.get(base + statusUrl, TOKEN));
            return wanted.contains(now.get("state").asText()) ? now : null;
        });
    }

    /** The index-th pending job of the generated data, never the webhook scenario's (the first pending one). */
    private SandboxJob pendingJob(int index) {
        java.util.List<SandboxJob> pending = sandbox.dump().stream()
                .filter(job -> job.state().equals("pending"))
                .toList();
        return pending.stream()
                .skip(1)
                .sorted(java.util.Comparator.comparing(SandboxJob::id))
                .skip(index)
                .findFirst()
                .orElseThrow();
    }

    /**
     * Waits until no pass runs or is asked for. The scenarios that count the sandbox's requests run before any
     * scenario whose writes make the sandbox send webhooks (creates, cancels), so no catch-up pass can start
     * behind this check.
     */
    private void settle() {
        poll(Duration.ofSeconds(30), "sync to settle", () -> {
            JsonNode status = json(Http.get(base + "/api/sync", TOKEN));
            return !status.get("running").asBoolean()
                            && !status.get("catch_up_requested").asBoolean()
                    ? status
                    : null;
        });
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
