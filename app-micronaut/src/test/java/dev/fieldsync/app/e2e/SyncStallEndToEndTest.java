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
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A sync that keeps running but does not move: passes that fail at one checkpoint again and again turn readiness
 * DOWN with what failed and where, show in GET /api/sync and as {@code fieldsync_sync_stalled}; once the gateway
 * answers again the next pass moves the checkpoint and readiness is UP.
 */
class SyncStallEndToEndTest {
    static final String TOKEN = "test-token-stall-0123456789";
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
    void passesFailingAtOneCheckpointTurnReadinessDownUntilAPassMovesIt() {
        sandbox = GatewaySandbox.start(SandboxOptions.defaults()
                .seed(5)
                .jobs(40)
                .rateLimited(false)
                .officeEditRatePerSecond(0)
                .port(0));
        sandbox.faults().internalErrorProbability(1.0); // every call answers 500 from the start
        Map<String, Object> properties = new HashMap<>(TestDatabases.h2());
        properties.put("micronaut.server.port", -1);
        properties.put("fieldsync.gateway.base-url", sandbox.baseUrl());
        properties.put("fieldsync.key.value", SandboxKeys.FULL);
        properties.put("fieldsync.api.token", TOKEN);
        properties.put("fieldsync.budget.rate-per-minute", 600);
        properties.put("fieldsync.budget.burst", 60);
        properties.put("fieldsync.sync.interval", "1s");
        properties.put("fieldsync.sync.stall-after-failed-passes", 2);
        properties.put("fieldsync.sync.stall-after-intervals", 1000); // only the "same checkpoint" rule here
        properties.put("fieldsync.gateway.max-attempts", 2); // a pass fails fast
        properties.put("fieldsync.gateway.backoff-base", "10ms");
        properties.put("fieldsync.gateway.backoff-cap", "20ms");
        properties.put("fieldsync.sync.first-pass-horizon", "3650d");
        context = Contexts.server(properties);
        String base =
                "http://127.0.0.1:" + context.getBean(EmbeddedServer.class).getPort();

        HttpResponse<String> down = poll(Duration.ofSeconds(90), "readiness DOWN for the stall", () -> {
            HttpResponse<String> readiness = Http.get(base + "/health/readiness", TOKEN);
            return readiness.statusCode() == 503 && readiness.body().contains("sync is stalled") ? readiness : null;
        });
        assertThat(down.body()).contains("the last 2 passes each failed", "\"stalled\":\"same_checkpoint\"");
        JsonNode stall = json(Http.get(base + "/api/sync", TOKEN)).get("stall");
        assertThat(stall.get("reason").asText()).isEqualTo("same_checkpoint");
        assertThat(stall.get("where").asText()).isNotBlank();
        assertThat(stall.get("last_error").asText()).isNotBlank();
        assertThat(stall.get("message").asText())
                .contains(stall.get("last_error").asText());
        String integration = context.getBean(dev.fieldsync.app.config.FieldsyncSettings.class)
                .integration()
                .value();
        assertThat(Http.get(base + "/prometheus", TOKEN).body())
                .contains("fieldsync_sync_stalled{integration=\"" + integration + "\"} 1.0");

        sandbox.faults().internalErrorProbability(0);

        poll(Duration.ofSeconds(60), "readiness UP after a pass moved the checkpoint", () -> {
            HttpResponse<String> readiness = Http.get(base + "/health/readiness", TOKEN);
            return readiness.statusCode() == 200 ? readiness : null;
        });
        assertThat(json(Http.get(base + "/api/sync", TOKEN)).has("stall")).isFalse();
        assertThat(Http.get(base + "/prometheus", TOKEN).body())
                .contains("fieldsync_sync_stalled{integration=\"" + integration + "\"} 0.0");
    }
}
