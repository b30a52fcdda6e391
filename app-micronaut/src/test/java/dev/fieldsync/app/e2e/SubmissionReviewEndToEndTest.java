package dev.fieldsync.app.e2e;

import static dev.fieldsync.app.e2e.ServiceEndToEndTest.json;
import static dev.fieldsync.app.e2e.ServiceEndToEndTest.poll;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fieldsync.app.cli.Contexts;
import dev.fieldsync.sandbox.GatewaySandbox;
import dev.fieldsync.sandbox.SandboxJob;
import dev.fieldsync.sandbox.SandboxKeys;
import dev.fieldsync.sandbox.SandboxOptions;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Creates whose answer the gateway dropped, against a sandbox whose scheduling team reschedules every new job and
 * whose office renames jobs, through the service's REST API on H2: found again by the reference line, or left
 * for a person who settles them with the operator actions; every bad request gets a problem with a hint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SubmissionReviewEndToEndTest {
    static final String TOKEN = "test-token-review-0123456789";
    GatewaySandbox sandbox;
    ApplicationContext context;
    String base;
    String site;
    String jobType;
    String reviewUrl;
    String reviewJob;

    @BeforeAll
    void start() {
        // The scheduling team and the office are on (the default); the team confirms within 0.5-1 s here.
        sandbox = GatewaySandbox.start(SandboxOptions.defaults()
                .seed(21)
                .jobs(120)
                .rateLimited(false)
                .confirmDelaySeconds(0.5, 1)
                .officeEditRatePerSecond(0)
                .port(0));
        Map<String, Object> properties = new HashMap<>(TestDatabases.h2());
        properties.put("micronaut.server.port", -1);
        properties.put("fieldsync.gateway.base-url", sandbox.baseUrl());
        properties.put("fieldsync.key.value", SandboxKeys.FULL);
        properties.put("fieldsync.api.token", TOKEN);
        properties.put("fieldsync.budget.rate-per-minute", 600);
        properties.put("fieldsync.budget.burst", 60);
        properties.put("fieldsync.sync.interval", "1h"); // passes run when this test asks (POST /api/sync)
        properties.put("fieldsync.sync.requested-pass-interval", "0s"); // every "sync now" may start one
        properties.put("fieldsync.sync.first-pass-horizon", "3650d");
        properties.put("fieldsync.dispatch.interval", "200ms");
        properties.put("fieldsync.submissions.reconcile-margin", "1s");
        context = Contexts.server(properties);
        base = "http://127.0.0.1:" + context.getBean(EmbeddedServer.class).getPort();
        poll(
                Duration.ofSeconds(60),
                "the first pass",
                () -> json(Http.get(base + "/api/sync", TOKEN)).hasNonNull("last_completed_to") ? true : null);
        JsonNode lookups = json(Http.get(base + "/api/lookups", TOKEN));
        site = lookups.get("sites").get(0).get("id").asText();
        jobType = lookups.get("job_types").get(0).get("id").asText();
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
    void aDroppedCreateThatTheSchedulerRescheduledIsFoundByItsReferenceAndNotSentAgain() {
        String statusUrl = droppedCreate("Rescheduled before we looked");
        String externalId =
                json(Http.get(base + statusUrl, TOKEN)).get("external_id").asText();
        SandboxJob job = onlyJobWithExternalId(externalId);
        poll(
                Duration.ofSeconds(20),
                "the scheduling team's confirmation",
                () -> sandbox.job(job.id()).orElseThrow().state().equals("scheduled") ? true : null);
        SandboxJob confirmed = sandbox.job(job.id()).orElseThrow();
        assertThat(confirmed.startTime().toInstant())
                .isNotEqualTo(OffsetDateTime.parse("2026-07-01T09:00:00+10:00").toInstant());
        assertThat(confirmed.notes()).contains("[fieldsync:" + externalId + "]"); // the office may have added a line

        JsonNode created = syncUntil(statusUrl, "created");

        assertThat(created.get("job_id").asText()).isEqualTo(job.id());
        assertThat(created.get("history")
                        .get(created.get("history").size() - 1)
                        .get("kind")
                        .asText())
                .isEqualTo("reconciled");
        assertThat(sandbox.duplicateExternalIds()).isEmpty();
        assertThat(onlyJobWithExternalId(externalId).id()).isEqualTo(job.id());
    }

    @Test
    @Order(2)
    void aDroppedCreateTheOfficeRenamedAndStrippedIsLeftForAPersonAndShowsEverywhere() throws Exception {
        reviewUrl = droppedCreate("Office will rename this");
        String externalId =
                json(Http.get(base + reviewUrl, TOKEN)).get("external_id").asText();
        reviewJob = onlyJobWithExternalId(externalId).id();
        assertThat(sandbox.officeEdit(reviewJob, "Renamed by the office", "Office: notes tidied up"))
                .isTrue();

        JsonNode review = syncUntil(reviewUrl, "needs_review");

        assertThat(review.get("candidates").toString()).contains("\"" + reviewJob + "\"");
        assertThat(review.get("actions").toString()).contains("confirm", "resend", "abandon");
        JsonNode queue = json(Http.get(base + "/api/submissions?state=needs_review", TOKEN));
        assertThat(queue.get("submissions")).hasSize(1);
        assertThat(queue.get("submissions").get(0).get("id").asText())
                .isEqualTo(review.get("id").asText());
        JsonNode sync = json(Http.get(base + "/api/sync", TOKEN));
        assertThat(sync.get("submissions").get("needs_review").asLong()).isEqualTo(1);
        assertThat(sync.get("review_queue").asText()).contains("1 job create(s) need a person");
        HttpResponse<String> readiness = Http.get(base + "/health/readiness", TOKEN);
        assertThat(readiness.statusCode())
                .as("a review queue is a warning, not DOWN")
                .isEqualTo(200);
        assertThat(readiness.body()).contains("\"needsReview\":1", "need a person");
        assertThat(Http.get(base + "/prometheus", TOKEN).body())
                .contains("fieldsync_submissions{integration=\""
                        + context.getBean(dev.fieldsync.app.config.FieldsyncSettings.class)
                                .integration()
                                .value()
                        + "\",state=\"needs_review\"} 1.0");
        assertThat(sandbox.duplicateExternalIds()).isEmpty();
    }

    @Test
    @Order(3)
    void badReviewRequestsGetAProblemThatSaysWhatIsWrong() throws Exception {
        assertProblem(
                Http.post(base + reviewUrl + "/confirm", TOKEN, "{\"job_id\": \"abc\"}"),
                400,
                "invalid-input",
                "numeric id");
        assertProblem(
                Http.post(base + reviewUrl + "/confirm", TOKEN, "{\"job_id\": \"99999999\"}"),
                400,
                "invalid-input",
                "not in the mirror");
        assertProblem(
                Http.post(base + reviewUrl + "/confirm", TOKEN, "{\"job\": \"" + reviewJob + "\"}"),
                400,
                "invalid-input",
                "not a member");
        assertProblem(
                Http.post(base + "/api/submissions/no-such-submission/resend", TOKEN, ""),
                404,
                "not-found",
                "was not found");
        assertProblem(
                Http.post(base + "/api/submissions/" + "x".repeat(80) + "/abandon", TOKEN, ""),
                400,
                "invalid-input",
                "1-64 characters");
        assertProblem(
                Http.get(base + "/api/submissions?state=lost&limit=0", TOKEN),
                400,
                "invalid-input",
                "not a submission state");
        assertThat(json(Http.get(base + reviewUrl, TOKEN)).get("state").asText())
                .isEqualTo("needs_review");
    }

    @Test
    @Order(4)
    void confirmSettlesItOnTheChosenJobRecordsTheTokenAndASecondActionIsAConflict() throws Exception {
        HttpResponse<String> confirmed =
                Http.post(base + reviewUrl + "/confirm", TOKEN, "{\"job_id\": \"" + reviewJob + "\"}");

        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        JsonNode now = json(confirmed);
        assertThat(now.get("state").asText()).isEqualTo("created");
        assertThat(now.get("job_id").asText()).isEqualTo(reviewJob);
        JsonNode last = now.get("history").get(now.get("history").size() - 1);
        assertThat(last.get("kind").asText()).isEqualTo("confirmed");
        assertThat(last.get("actor").asText()).isEqualTo("token:default");
        assertThat(json(Http.get(base + reviewUrl, TOKEN)).get("state").asText())
                .isEqualTo("created");
        JsonNode conflict = assertProblem(
                Http.post(base + reviewUrl + "/abandon", TOKEN, "{\"reason\": \"x\"}"),
                409,
                "action-not-allowed",
                "already created as job " + reviewJob);
        assertThat(conflict.get("hint").asText()).contains("needs_review");
    }

    @Test
    @Order(5)
    void resendAndAbandonAreExplicitAndRecorded() throws Exception {
        String unknownUrl = droppedCreate("Sent again on purpose");
        String externalId =
                json(Http.get(base + unknownUrl, TOKEN)).get("external_id").asText();
        HttpResponse<String> resent = Http.post(base + unknownUrl + "/resend", TOKEN, "");
        assertThat(resent.statusCode()).as(resent.body()).isEqualTo(200);
        JsonNode created = poll(Duration.ofSeconds(20), "the explicit re-send", () -> {
            JsonNode s = json(Http.get(base + unknownUrl, TOKEN));
            return s.get("state").asText().equals("created") ? s : null;
        });
        assertThat(created.get("history").toString()).contains("resent_by_operator", "token:default");
        // The person chose to send it again although the first one ran: the gateway now holds two.
        assertThat(sandbox.duplicateExternalIds()).containsOnlyKeys(externalId);

        String abandonUrl = droppedCreate("Given up");
        HttpResponse<String> abandoned =
                Http.post(base + abandonUrl + "/abandon", TOKEN, "{\"reason\": \"booked by phone instead\"}");
        assertThat(abandoned.statusCode()).as(abandoned.body()).isEqualTo(200);
        assertThat(json(abandoned).get("state").asText()).isEqualTo("abandoned");
        assertThat(json(Http.get(base + "/api/submissions?state=abandoned", TOKEN))
                        .get("submissions")
                        .get(0)
                        .get("history")
                        .toString())
                .contains("abandoned: booked by phone instead");
    }

    /** A create the gateway runs but whose answer it drops: the submission is outcome_unknown afterwards. */
    private String droppedCreate(String title) {
        sandbox.faults().ambiguousCreateDropProbability(1.0);
        try {
            String body = "{\"site\": \"" + site + "\", \"job_type\": \"" + jobType + "\", \"title\": \"" + title
                    + "\", \"start_time\": \"2026-07-01T09:00:00+10:00\", \"end_time\": \"2026-07-01T11:00:00+10:00\"}";
            HttpResponse<String> accepted = Http.post(base + "/api/jobs", TOKEN, body);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            String statusUrl = json(accepted).get("status_url").asText();
            poll(
                    Duration.ofSeconds(30),
                    "the create's outcome to be unknown",
                    () -> json(Http.get(base + statusUrl, TOKEN))
                                    .get("state")
                                    .asText()
                                    .equals("outcome_unknown")
                            ? true
                            : null);
            return statusUrl;
        } finally {
            sandbox.faults().reset();
        }
    }

    /** Asks for passes until the submission reaches {@code state} (a pass must reach past the margin). */
    private JsonNode syncUntil(String statusUrl, String state) {
        return poll(Duration.ofSeconds(30), statusUrl + " to be " + state, () -> {
            Http.post(base + "/api/sync", TOKEN, "");
            JsonNode s = json(Http.get(base + statusUrl, TOKEN));
            return s.get("state").asText().equals(state) ? s : null;
        });
    }

    private SandboxJob onlyJobWithExternalId(String externalId) {
        List<SandboxJob> jobs = sandbox.dump().stream()
                .filter(j -> externalId.equals(j.externalId()))
                .toList();
        assertThat(jobs).hasSize(1);
        return jobs.get(0);
    }

    private static JsonNode assertProblem(HttpResponse<String> response, int status, String code, String text) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(response.body()).contains(text);
        return problem;
    }
}
