package dev.fieldsync.app.e2e;

import static dev.fieldsync.app.e2e.ServiceEndToEndTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fieldsync.app.cli.Contexts;
import dev.fieldsync.sandbox.GatewaySandbox;
import dev.fieldsync.sandbox.SandboxKeys;
import dev.fieldsync.sandbox.SandboxOptions;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The registry's run-time admin through /api/integrations: one from the configuration is listed and protected, one
 * registered through the API is changed (PUT, PATCH, keeping its pause) and removed; a bad body gets one error per
 * problem and never repeats a secret; no answer ever shows a key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntegrationAdminEndToEndTest {
    static final String TOKEN = "test-token-registry-admin-0123456789";
    static final String LEAKED = "fi_pk_live_leakedSecretValue0000000000";
    GatewaySandbox sandbox;
    ApplicationContext context;
    String base;

    @BeforeAll
    void start() {
        sandbox = GatewaySandbox.start(
                SandboxOptions.defaults().seed(9).jobs(5).rateLimited(false).port(0));
        Map<String, Object> properties = new HashMap<>(TestDatabases.h2());
        properties.put("micronaut.server.port", -1);
        properties.put("fieldsync.gateway.base-url", sandbox.baseUrl());
        properties.put("fieldsync.key.value", SandboxKeys.FULL);
        properties.put("fieldsync.api.token", TOKEN);
        properties.put("fieldsync.sync.enabled", false);
        properties.put("fieldsync.integrations.globex.gateway-url", "https://globex.example");
        properties.put("fieldsync.integrations.globex.key", "env:GLOBEX_API_KEY");
        properties.put("fieldsync.integrations.globex.budget.rate-per-minute", "20");
        context = Contexts.server(properties);
        base = "http://127.0.0.1:" + context.getBean(EmbeddedServer.class).getPort();
    }

    @AfterAll
    void stop() {
        if (context != null) {
            context.close();
        }
        sandbox.close();
    }

    private HttpResponse<String> call(String method, String path, String body) {
        return Http.send(method, base + path, TOKEN, body, Map.of());
    }

    private final List<String> answers = new ArrayList<>();

    private JsonNode ok(HttpResponse<String> answer, int status) {
        answers.add(answer.body());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        return json(answer);
    }

    @Test
    void anOperatorRegistersChangesAndRemovesAnIntegrationAndConfiguredOnesAreProtected() {
        JsonNode list = ok(call("GET", "/api/integrations", null), 200);
        assertThat(list.get("integrations").findValuesAsText("id")).containsExactly("default", "globex");
        JsonNode globex = ok(call("GET", "/api/integrations/globex", null), 200);
        assertThat(globex.get("origin").asText()).isEqualTo("configuration");
        assertThat(globex.get("key_source").asText()).isEqualTo("env:GLOBEX_API_KEY");
        assertThat(globex.get("budget").get("rate_per_minute").asInt()).isEqualTo(20);

        JsonNode bad = ok(
                call(
                        "POST",
                        "/api/integrations",
                        "{\"id\":\"Bad Id\",\"gateway_url\":\"ftp://x\",\"key\":\"" + LEAKED + "\","
                                + "\"next_key\":5,\"sync_interval\":\"soon\",\"rate_per_minute\":0,\"burst\":\"x\","
                                + "\"colour\":\"red\"}"),
                400);
        assertThat(bad.get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder(
                        "colour", "id", "next_key", "burst", "gateway_url", "key", "sync_interval", "rate_per_minute");
        assertThat(bad.toString()).doesNotContain(LEAKED, "leakedSecret");

        JsonNode acme = ok(
                call(
                        "POST",
                        "/api/integrations",
                        "{\"id\":\"acme\",\"gateway_url\":\"https://acme.example\",\"key\":\"env:ACME_KEY\","
                                + "\"webhook_secrets\":[\"file:/run/secrets/acme-hook\"],\"sync_interval\":\"90s\"}"),
                201);
        assertThat(acme.get("state").asText()).isEqualTo("running");
        assertThat(acme.get("origin").asText()).isEqualTo("api");
        assertThat(acme.get("sync_interval_seconds").asLong()).isEqualTo(90);
        assertThat(acme.get("webhook_secrets").get(0).asText()).isEqualTo("file:/run/secrets/acme-hook");
        assertThat(acme.hasNonNull("mirrored_jobs"))
                .as("no core runs it here yet")
                .isFalse();
        JsonNode taken = ok(
                call(
                        "POST",
                        "/api/integrations",
                        "{\"id\":\"acme\",\"gateway_url\":\"https://a.example\",\"key\":\"env:K\"}"),
                409);
        assertThat(taken.get("code").asText()).isEqualTo("integration-exists");

        ok(call("POST", "/api/integrations/acme/pause", ""), 200);
        JsonNode patched = ok(call("PATCH", "/api/integrations/acme", "{\"rate_per_minute\":20,\"burst\":10}"), 200);
        assertThat(patched.get("budget").get("rate_per_minute").asInt()).isEqualTo(20);
        assertThat(patched.get("budget").get("burst").asInt()).isEqualTo(10);
        assertThat(patched.get("key_source").asText()).isEqualTo("env:ACME_KEY");
        assertThat(patched.get("state").asText()).as("a change keeps the pause").isEqualTo("paused");
        JsonNode replaced = ok(
                call(
                        "PUT",
                        "/api/integrations/acme",
                        "{\"gateway_url\":\"https://acme2.example\",\"key\":\"file:/k\"}"),
                200);
        assertThat(replaced.get("budget").get("rate_per_minute").asInt())
                .as("PUT: defaults")
                .isEqualTo(38);
        assertThat(replaced.path("webhook_secrets").size()).isZero();
        assertThat(replaced.get("gateway_url").asText()).isEqualTo("https://acme2.example");
        JsonNode badPatch = ok(call("PATCH", "/api/integrations/acme", "{\"key\":\"" + LEAKED + "\"}"), 400);
        assertThat(badPatch.toString()).doesNotContain(LEAKED);

        assertThat(ok(call("PATCH", "/api/integrations/globex", "{\"burst\":5}"), 409)
                        .get("code")
                        .asText())
                .isEqualTo("integration-configured");
        assertThat(ok(call("DELETE", "/api/integrations/globex", null), 409)
                        .get("code")
                        .asText())
                .isEqualTo("integration-configured");
        assertThat(ok(call("DELETE", "/api/integrations/default", null), 409)
                        .get("code")
                        .asText())
                .isEqualTo("integration-served");

        assertThat(call("DELETE", "/api/integrations/acme", null).statusCode()).isEqualTo(204);
        assertThat(call("GET", "/api/integrations/acme", null).statusCode()).isEqualTo(404);
        assertThat(call("DELETE", "/api/integrations/acme", null).statusCode()).isEqualTo(404);
        assertThat(call("PATCH", "/api/integrations/nobody", "{}").statusCode()).isEqualTo(404);

        answers.add(call("GET", "/api/integrations", null).body());
        assertThat(String.join("\n", answers)).doesNotContain(SandboxKeys.FULL, LEAKED);
    }
}
