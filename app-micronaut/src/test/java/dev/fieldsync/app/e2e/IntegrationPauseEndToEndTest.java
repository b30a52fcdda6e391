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
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pausing the integration through {@code /api/integrations}: once the loops see the pause, the sandbox's request
 * counter (the oracle) stands still across several sync intervals; the pause survives a restart (no request from the
 * new process either); resume makes the passes run again. "Sync now" is refused while paused.
 */
abstract class IntegrationPauseEndToEndTest {
    static final String TOKEN = "test-token-integrations-0123456789";
    static final String INSTANCE = "it-instance-1";
    static final Duration INTERVAL = Duration.ofMillis(500);

    GatewaySandbox sandbox;
    ApplicationContext context;
    String base;
    String integration;

    abstract Map<String, Object> database();

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private void startService(Map<String, Object> database) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("micronaut.server.port", -1);
        properties.put("fieldsync.integration-id", integration);
        properties.put("fieldsync.instance-id", INSTANCE);
        properties.put("fieldsync.gateway.base-url", sandbox.baseUrl());
        properties.put("fieldsync.key.value", SandboxKeys.FULL);
        properties.put("fieldsync.api.token", TOKEN);
        properties.put("fieldsync.budget.rate-per-minute", 600);
        properties.put("fieldsync.budget.burst", 60);
        properties.put("fieldsync.sync.interval", INTERVAL.toMillis() + "ms");
        properties.put("fieldsync.sync.requested-pass-interval", "0s");
        properties.put("fieldsync.sync.first-pass-horizon", "3650d");
        context = Contexts.server(properties);
        base = "http://127.0.0.1:" + context.getBean(EmbeddedServer.class).getPort();
    }

    private JsonNode integrationView() {
        HttpResponse<String> answer = Http.get(base + "/api/integrations/" + integration, TOKEN);
        assertThat(answer.statusCode()).isEqualTo(200);
        return json(answer);
    }

    /** The loops have seen the pause (readiness says so) and no pass is running. */
    private void awaitPausedLoops() {
        poll(Duration.ofSeconds(30), "the loops to see the pause", () -> {
            JsonNode sync = json(Http.get(base + "/health/readiness", TOKEN))
                    .path("details")
                    .path("sync")
                    .path("details");
            return sync.path("paused").asBoolean() && !sync.path("running").asBoolean() ? true : null;
        });
    }

    /** The sandbox sees no request across four sync intervals. */
    private void assertNoRequestsFor(String why) throws InterruptedException {
        long before = sandbox.stats().totalRequests();
        Thread.sleep(INTERVAL.multipliedBy(4).plusMillis(500).toMillis());
        assertThat(sandbox.stats().totalRequests()).as(why).isEqualTo(before);
    }

    @Test
    void aPauseStopsThePassesSurvivesARestartAndResumeRestartsThem() throws InterruptedException {
        sandbox = GatewaySandbox.start(SandboxOptions.defaults()
                .seed(15)
                .jobs(40)
                .rateLimited(false)
                .officeEditRatePerSecond(0)
                .port(0));
        integration = TestDatabases.uniqueIntegration();
        Map<String, Object> database = database();
        startService(database);

        JsonNode running = poll(Duration.ofSeconds(60), "a first completed pass", () -> {
            JsonNode view = integrationView();
            return view.hasNonNull("last_completed_pass") ? view : null;
        });
        assertThat(running.get("state").asText()).isEqualTo("running");
        assertThat(running.get("leader").asText()).isEqualTo(INSTANCE);
        assertThat(running.get("instance").asText()).isEqualTo(INSTANCE);
        assertThat(running.get("mirrored_jobs").asLong())
                .isEqualTo(sandbox.dump().size());
        assertThat(running.get("key_source").asText()).isEqualTo("property:fieldsync.key.value");
        assertThat(running.get("links").get("pause").asText()).isEqualTo("/api/integrations/" + integration + "/pause");
        JsonNode list = json(Http.get(base + "/api/integrations", TOKEN));
        assertThat(list.get("integrations")).hasSize(1);
        assertThat(list.get("integrations").get(0).get("id").asText()).isEqualTo(integration);

        HttpResponse<String> paused = Http.post(base + "/api/integrations/" + integration + "/pause", TOKEN, "");
        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(json(paused).get("state").asText()).isEqualTo("paused");
        Instant pausedAt = Instant.parse(json(paused).get("paused_at").asText());
        awaitPausedLoops();
        assertNoRequestsFor("no pass while paused");
        HttpResponse<String> refused = Http.post(base + "/api/integrations/" + integration + "/sync", TOKEN, "");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused).get("code").asText()).isEqualTo("integration-paused");
        assertThat(Http.post(base + "/api/sync", TOKEN, "").statusCode()).isEqualTo(409);
        assertThat(Http.get(base + "/health/readiness", TOKEN).statusCode())
                .as("a paused integration keeps the instance ready")
                .isEqualTo(200);

        long beforeRestart = sandbox.stats().totalRequests();
        context.close();
        context = null;
        startService(database);
        awaitPausedLoops();
        assertNoRequestsFor("the pause holds after a restart");
        assertThat(sandbox.stats().totalRequests())
                .as("not one request from the restarted service")
                .isEqualTo(beforeRestart);
        JsonNode afterRestart = integrationView();
        assertThat(afterRestart.get("state").asText()).isEqualTo("paused");
        assertThat(Instant.parse(afterRestart.get("paused_at").asText())).isEqualTo(pausedAt);

        Instant lastPass = Instant.parse(afterRestart.get("last_completed_pass").asText());
        HttpResponse<String> resumed = Http.post(base + "/api/integrations/" + integration + "/resume", TOKEN, "");
        assertThat(resumed.statusCode()).isEqualTo(200);
        assertThat(json(resumed).get("state").asText()).isEqualTo("running");
        assertThat(json(resumed).hasNonNull("paused_at")).isFalse();
        poll(Duration.ofSeconds(30), "a pass after the resume", () -> {
            JsonNode view = integrationView();
            return view.hasNonNull("last_completed_pass")
                            && Instant.parse(view.get("last_completed_pass").asText())
                                    .isAfter(lastPass)
                            && sandbox.stats().totalRequests() > beforeRestart
                    ? true
                    : null;
        });
        assertThat(Http.get(base + "/api/integrations/nobody", TOKEN).statusCode())
                .isEqualTo(404);
        assertThat(Http.post(base + "/api/integrations/nobody/pause", TOKEN, "").statusCode())
                .isEqualTo(404);
    }
}
