package dev.fieldsync.app.e2e;

import static dev.fieldsync.app.e2e.ServiceEndToEndTest.json;
import static dev.fieldsync.app.e2e.ServiceEndToEndTest.poll;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fieldsync.app.cli.Contexts;
import dev.fieldsync.sandbox.GatewaySandbox;
import dev.fieldsync.sandbox.SandboxKeys;
import dev.fieldsync.sandbox.SandboxOptions;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sweep through the service's API against the sandbox: 20 % of the jobs moved out of the key's scope trip the
 * 10 % guard (nothing marked; the review shows in GET /api/sweep, GET /api/sync, readiness and the metric), the
 * operator's accept marks exactly them gone (job.gone in the feed, left out of listings unless include_gone), and
 * once they are back in scope the next sweep brings them back (job.returned).
 */
class SweepEndToEndTest {
    static final String TOKEN = "test-token-sweep-0123456789";
    GatewaySandbox sandbox;
    ApplicationContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void theGuardHoldsUntilAnOperatorAcceptsAndJobsBackInScopeComeBack() {
        sandbox = GatewaySandbox.start(SandboxOptions.defaults()
                .seed(7)
                .jobs(250)
                .rateLimited(false)
                .stillWorld()
                .port(0));
        Map<String, Object> properties = new HashMap<>(TestDatabases.h2());
        properties.put("micronaut.server.port", -1);
        properties.put("fieldsync.gateway.base-url", sandbox.baseUrl());
        properties.put("fieldsync.key.value", SandboxKeys.FULL);
        properties.put("fieldsync.api.token", TOKEN);
        properties.put("fieldsync.budget.rate-per-minute", 600);
        properties.put("fieldsync.budget.burst", 60);
        properties.put("fieldsync.sync.interval", "1h");
        properties.put("fieldsync.sweep.enabled", false); // on demand only here
        properties.put("fieldsync.sync.first-pass-horizon", "3650d");
        context = Contexts.server(properties);
        String base =
                "http://127.0.0.1:" + context.getBean(EmbeddedServer.class).getPort();
        poll(
                Duration.ofSeconds(60),
                "the first pass",
                () -> json(Http.get(base + "/api/sync", TOKEN))
                                .path("last_completed_to")
                                .isTextual()
                        ? true
                        : null);
        JsonNode idle = json(Http.get(base + "/api/sweep", TOKEN));
        assertThat(idle.get("remaining_pages").asLong()).isEqualTo(4); // 250 jobs / 100 + 1
        assertThat(idle.get("scheduled").asBoolean()).isFalse();
        List<String> moved = sandbox.scope().moveOutShare(0.20, 7);

        assertThat(Http.post(base + "/api/sweep", TOKEN, "").statusCode()).isEqualTo(202);
        JsonNode reviewed = poll(Duration.ofSeconds(60), "the sweep to complete", () -> {
            JsonNode sweep = json(Http.get(base + "/api/sweep", TOKEN));
            return sweep.path("last_completed").isObject()
                            && !sweep.get("running").asBoolean()
                    ? sweep
                    : null;
        });

        assertThat(reviewed.get("gone_jobs").asLong()).isZero();
        assertThat(reviewed.get("last_completed").get("marked_gone").asLong()).isZero();
        assertThat(reviewed.get("review").get("candidates").asLong()).isEqualTo(moved.size());
        assertThat(reviewed.get("review").get("mirrored").asLong()).isEqualTo(250);
        assertThat(json(Http.get(base + "/api/sync", TOKEN)).get("gone_review").asText())
                .contains("/api/sweep/review/accept");
        var readiness = Http.get(base + "/health/readiness", TOKEN);
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("fieldsync.sweep.gone-guard-share");
        assertThat(Http.get(base + "/prometheus", TOKEN).body()).contains("fieldsync_sweep_review_pending 1.0");
        assertThat(listed(base, false)).hasSize(250);

        JsonNode accepted = json(Http.post(base + "/api/sweep/review/accept", TOKEN, ""));

        assertThat(accepted.get("marked_gone").asLong()).isEqualTo(moved.size());
        assertThat(listed(base, false)).hasSize(250 - moved.size()).doesNotContainAnyElementsOf(moved);
        assertThat(listed(base, true)).hasSize(250).containsAll(moved);
        JsonNode goneJob = json(Http.get(base + "/api/jobs/" + moved.get(0), TOKEN));
        assertThat(goneJob.get("gone_at").isTextual()).as(goneJob.toString()).isTrue();
        assertThat(kinds(base, "job.gone")).containsExactlyInAnyOrderElementsOf(moved);
        assertThat(Http.post(base + "/api/sweep/review/accept", TOKEN, "").statusCode())
                .isEqualTo(409);
        assertThat(Http.get(base + "/prometheus", TOKEN).body())
                .contains("fieldsync_sweep_review_pending 0.0", "fieldsync_jobs_gone " + moved.size() + ".0");

        sandbox.scope().moveAllIn();
        assertThat(Http.post(base + "/api/sweep", TOKEN, "").statusCode()).isEqualTo(202);
        poll(Duration.ofSeconds(60), "the second sweep", () -> {
            JsonNode sweep = json(Http.get(base + "/api/sweep", TOKEN));
            return sweep.path("last_completed").path("sweep").asLong() == 2
                            && !sweep.get("running").asBoolean()
                    ? sweep
                    : null;
        });
        assertThat(listed(base, false)).hasSize(250);
        assertThat(kinds(base, "job.returned")).containsExactlyInAnyOrderElementsOf(moved);
        assertThat(json(Http.get(base + "/api/sweep", TOKEN)).get("gone_jobs").asLong())
                .isZero();
    }

    private static Set<String> listed(String base, boolean includeGone) {
        Set<String> ids = new HashSet<>();
        String next = base + "/api/jobs?limit=500" + (includeGone ? "&include_gone=true" : "");
        JsonNode page = json(Http.get(next, TOKEN));
        page.get("jobs").forEach(job -> ids.add(job.get("id").asText()));
        return ids;
    }

    private static List<String> kinds(String base, String kind) {
        List<String> ids = new ArrayList<>();
        JsonNode page = json(Http.get(base + "/api/changes?kinds=" + kind + "&limit=500", TOKEN));
        page.get("changes").forEach(change -> ids.add(change.get("job_id").asText()));
        return ids;
    }
}
