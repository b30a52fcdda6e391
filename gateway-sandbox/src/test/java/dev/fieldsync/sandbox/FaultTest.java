package dev.fieldsync.sandbox;

import static dev.fieldsync.sandbox.Wire.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultTest {
    static GatewaySandbox sandbox;
    static Wire wire;

    @BeforeAll
    static void start() {
        sandbox = GatewaySandbox.start(SandboxOptions.defaults().jobs(50).rateLimited(false));
        wire = new Wire(sandbox.baseUrl());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void fresh() {
        sandbox.faults().reset();
    }

    static HttpResponse<String> raw(String method, String path, String body, Duration timeout) throws Exception {
        return Wire.HTTP.send(
                wire.request(method, path, SandboxKeys.FULL, body, null, timeout),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void problemFaults() {
        sandbox.faults().internalErrorProbability(1);
        assertProblem(wire.get("/v1/jobs", SandboxKeys.FULL), 500, "internal");
        sandbox.faults().reset().schemaDriftProbability(1);
        assertProblem(wire.get("/v1/jobs", SandboxKeys.FULL), 502, "schema-drift");
        sandbox.faults().reset().upstreamScopeViolationProbability(1);
        assertProblem(wire.get("/v1/jobs", SandboxKeys.FULL), 502, "upstream-scope-violation");
        sandbox.faults().reset().unavailableProbability(1);
        assertProblem(wire.get("/v1/jobs", SandboxKeys.FULL), 503, "unavailable");
        // Auth still comes first: a fault never hides a 401.
        assertProblem(wire.get("/v1/jobs", null), 401, "unauthorized");
    }

    @Test
    void htmlErrorPageAsAProxyWouldSend() {
        sandbox.faults().htmlErrorProbability(1);
        HttpResponse<String> r = wire.get("/v1/customers", SandboxKeys.FULL);
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(r.body()).contains("<html>");
    }

    @Test
    void writesDisabledAndCancelNotConfigured() {
        sandbox.faults().writesDisabled(true);
        assertProblem(
                wire.post("/v1/jobs", SandboxKeys.FULL, JobWriteTest.draft().encode()), 503, "writes-disabled");
        assertProblem(wire.patch("/v1/sites/3065700", SandboxKeys.FULL, "{}"), 503, "writes-disabled");
        assertThat(wire.get("/v1/jobs", SandboxKeys.FULL).statusCode()).isEqualTo(200);
        sandbox.faults().reset().cancelNotConfigured(true);
        String id = Wire.json(wire.post(
                        "/v1/jobs", SandboxKeys.FULL, JobWriteTest.draft().encode()))
                .getString("id");
        assertProblem(wire.post("/v1/jobs/" + id + "/cancel", SandboxKeys.FULL, null), 503, "cancel-not-configured");
        assertThat(wire.patch("/v1/jobs/" + id, SandboxKeys.FULL, "{\"title\":\"still writable\"}")
                        .statusCode())
                .isEqualTo(204);
    }

    @Test
    void malformedAndTruncatedJson() {
        sandbox.faults().malformedJsonProbability(1);
        HttpResponse<String> r = wire.get("/v1/jobs", SandboxKeys.FULL);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> new JsonObject(r.body())).isInstanceOf(DecodeException.class);
        sandbox.faults().reset().truncatedJsonProbability(1);
        HttpResponse<String> t = wire.get("/v1/jobs", SandboxKeys.FULL);
        assertThat(t.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> new JsonObject(t.body())).isInstanceOf(DecodeException.class);
    }

    @Test
    void connectionResetMidResponse() {
        sandbox.faults().connectionResetProbability(1);
        assertThatThrownBy(() -> raw("GET", "/v1/jobs?page_size=100&state=all", null, Duration.ofSeconds(5)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void hangPastTheClientTimeout() {
        sandbox.faults().hangProbability(1).hangMillis(5_000);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> raw("GET", "/v1/jobs", null, Duration.ofMillis(400)))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(350);
        sandbox.faults().hangMillis(100);
        assertThatThrownBy(() -> raw("GET", "/v1/jobs", null, Duration.ofSeconds(5)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void addedLatency() throws Exception {
        sandbox.faults().latencyMillis(200);
        long t0 = System.nanoTime();
        assertThat(raw("GET", "/v1/job-types", null, Duration.ofSeconds(5)).statusCode())
                .isEqualTo(200);
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(190);
    }

    @Test
    void ambiguousCreateWithError() {
        int before = sandbox.dump().size();
        sandbox.faults().ambiguousCreateErrorProbability(1);
        assertProblem(
                wire.post(
                        "/v1/jobs",
                        SandboxKeys.FULL,
                        JobWriteTest.draft().put("external_id", "amb-1").encode()),
                500,
                "internal");
        List<SandboxJob> after = sandbox.dump();
        assertThat(after).hasSize(before + 1);
        assertThat(after.get(after.size() - 1).externalId()).isEqualTo("amb-1");
    }

    @Test
    void ambiguousCreateWithDroppedConnection() {
        int before = sandbox.dump().size();
        sandbox.faults().ambiguousCreateDropProbability(1);
        assertThatThrownBy(() -> raw("POST", "/v1/jobs", JobWriteTest.draft().encode(), Duration.ofSeconds(5)))
                .isInstanceOf(IOException.class);
        assertThat(sandbox.dump()).hasSize(before + 1);
    }

    @Test
    void seededFaultsAreReproducible() {
        sandbox.faults().seed(99).internalErrorProbability(0.5);
        List<Integer> first = statuses(20);
        sandbox.faults().seed(99);
        assertThat(statuses(20)).isEqualTo(first).contains(200, 500);
    }

    private List<Integer> statuses(int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(wire.get("/v1/job-types", SandboxKeys.FULL).statusCode());
        }
        return out;
    }

    @Test
    void adminEndpointIsNeverFaultedAndChangesFaults() {
        assertThat(wire.put("/_sandbox/faults", "{\"internal_error_probability\":1,\"writes_disabled\":true}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(sandbox.faults().internalErrorProbability()).isEqualTo(1.0);
        assertThat(sandbox.faults().writesDisabled()).isTrue();
        assertThat(wire.get("/_sandbox/stats", null).statusCode()).isEqualTo(200);
        JsonObject shown = Wire.json(wire.get("/_sandbox/faults", null));
        assertThat(shown.getDouble("internal_error_probability")).isEqualTo(1.0);
        assertThat(wire.put("/_sandbox/faults", "{\"internal_error_probability\":2}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(wire.put("/_sandbox/faults", "{\"nonsense\":1}").statusCode())
                .isEqualTo(400);
        assertThat(wire.put("/_sandbox/faults", "{\"reset\":true}").statusCode())
                .isEqualTo(200);
        assertThat(sandbox.faults().internalErrorProbability()).isZero();
        assertThat(sandbox.faults().writesDisabled()).isFalse();
    }
}
