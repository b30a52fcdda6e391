package dev.fieldsync.sandbox;

import static dev.fieldsync.sandbox.Wire.assertProblem;
import static dev.fieldsync.sandbox.Wire.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthLookupsTest {
    static GatewaySandbox sandbox;
    static Wire wire;

    @BeforeAll
    static void start() {
        sandbox = GatewaySandbox.start(
                SandboxOptions.defaults().seed(42).jobs(200).rateLimited(false).port(0));
        wire = new Wire(sandbox.baseUrl());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void baseUrlIsLoopbackWithPort() {
        assertThat(sandbox.baseUrl()).isEqualTo("http://127.0.0.1:" + sandbox.port());
        assertThat(sandbox.port()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/customers", "/v1/sites", "/v1/projects", "/v1/job-types", "/v1/job-statuses"})
    void idNameLookups(String path) {
        HttpResponse<String> r = wire.get(path, SandboxKeys.READ_ONLY);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonObject body = json(r);
        assertThat(body.fieldNames()).containsExactly("items");
        JsonArray items = body.getJsonArray("items");
        assertThat(items.size()).isBetween(1, 99);
        for (Object o : items) {
            JsonObject item = (JsonObject) o;
            assertThat(item.fieldNames()).containsExactlyInAnyOrder("id", "name");
            assertThat(item.getValue("id")).isInstanceOf(String.class);
            assertThat(item.getString("id")).matches("[0-9]+");
            assertThat(item.getString("name")).isNotBlank();
        }
    }

    @Test
    void statusesCoverEveryState() {
        JsonArray items = json(wire.get("/v1/job-statuses", SandboxKeys.FULL)).getJsonArray("items");
        assertThat(items.stream().map(o -> ((JsonObject) o).getString("name")))
                .contains("Tentative", "Scheduled", "In Progress", "Completed", "Cancelled");
    }

    @Test
    void customFieldsShape() {
        JsonArray items = json(wire.get("/v1/custom-fields", SandboxKeys.FULL)).getJsonArray("items");
        assertThat(items.size()).isGreaterThan(2);
        boolean restricted = false;
        boolean any = false;
        for (Object o : items) {
            JsonObject f = (JsonObject) o;
            assertThat(f.fieldNames()).containsExactlyInAnyOrder("external_name", "fi_field_id", "job_type_id");
            assertThat(f.getString("external_name")).matches("[a-z][a-z0-9_]*");
            assertThat(f.getString("fi_field_id")).matches("[0-9]+");
            if (f.getValue("job_type_id") == null) {
                any = true;
            } else {
                restricted = true;
                assertThat(f.getString("job_type_id")).matches("[0-9]+");
            }
        }
        assertThat(restricted).isTrue();
        assertThat(any).isTrue();
    }

    @Test
    void lookupsAreCappedAt100() {
        try (GatewaySandbox big = GatewaySandbox.start(
                SandboxOptions.defaults().jobs(10).lookupsOverCap(true).rateLimited(false))) {
            JsonArray items = json(new Wire(big.baseUrl()).get("/v1/sites", SandboxKeys.FULL))
                    .getJsonArray("items");
            assertThat(items.size()).isEqualTo(100);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer", "Bearer fi_pk_live_wrong", "Basic abc"})
    void missingOrWrongKeyIs401(String header) {
        HttpResponse<String> r;
        if (header.isEmpty()) {
            r = wire.get("/v1/customers", null);
        } else {
            try {
                r = Wire.HTTP.send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(sandbox.baseUrl() + "/v1/customers"))
                                .header("Authorization", header)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }
        assertProblem(r, 401, "unauthorized");
    }

    @Test
    void keyLackingScopeIs401() {
        assertProblem(wire.post("/v1/sites", SandboxKeys.READ_ONLY, "{\"customer\":\"245715\"}"), 401, "unauthorized");
        assertProblem(wire.post("/v1/jobs", SandboxKeys.READ_ONLY, "{}"), 401, "unauthorized");
        assertProblem(wire.post("/v1/jobs/1/cancel", SandboxKeys.READ_ONLY, null), 401, "unauthorized");
    }

    @Test
    void keyWithoutCustomersIs403() {
        assertProblem(wire.get("/v1/jobs", SandboxKeys.NO_CUSTOMERS), 403, "no-scope");
        assertProblem(wire.get("/v1/customers", SandboxKeys.NO_CUSTOMERS), 403, "no-scope");
    }

    @Test
    void addedAndRemovedKeys() {
        String key = "fi_pk_live_rotatedKey000000000000000";
        assertProblem(wire.get("/v1/customers", key), 401, "unauthorized");
        sandbox.addKey(key, Set.of(SandboxKeys.JOBS_READ), true);
        assertThat(wire.get("/v1/customers", key).statusCode()).isEqualTo(200);
        assertProblem(wire.post("/v1/jobs", key, "{}"), 401, "unauthorized");
        assertThat(sandbox.removeKey(key)).isTrue();
        assertProblem(wire.get("/v1/customers", key), 401, "unauthorized");
        sandbox.addKey(key, SandboxKeys.ALL_SCOPES, false);
        assertProblem(wire.get("/v1/customers", key), 403, "no-scope");
        sandbox.removeKey(key);
    }

    @Test
    void requestIdEchoedWhenWellFormed() {
        HttpResponse<String> r = wire.send("GET", "/v1/customers", SandboxKeys.FULL, null, "my-id:42.a_b");
        assertThat(r.headers().firstValue("X-Request-Id")).hasValue("my-id:42.a_b");
        String max = "a".repeat(128);
        assertThat(wire.send("GET", "/v1/customers", SandboxKeys.FULL, null, max)
                        .headers()
                        .firstValue("X-Request-Id"))
                .hasValue(max);
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "slash/inside", "ümlaut"})
    void requestIdReplacedWhenMalformed(String sent) {
        HttpResponse<String> r = wire.send("GET", "/v1/customers", SandboxKeys.FULL, null, sent);
        assertThat(r.headers().firstValue("X-Request-Id").orElseThrow()).matches("req_[0-9A-HJKMNP-TV-Z]{26}");
    }

    @Test
    void requestIdTooLongIsReplacedAndGeneratedOnEveryResponse() {
        HttpResponse<String> r = wire.send("GET", "/v1/customers", SandboxKeys.FULL, null, "a".repeat(129));
        assertThat(r.headers().firstValue("X-Request-Id").orElseThrow()).matches("req_[0-9A-HJKMNP-TV-Z]{26}");
        HttpResponse<String> problem = wire.send("GET", "/v1/jobs", null, null, "trace-1");
        assertProblem(problem, 401, "unauthorized");
        assertThat(json(problem).getString("instance")).isEqualTo("trace-1");
        assertThat(wire.get("/_sandbox/stats", null).headers().firstValue("X-Request-Id"))
                .isPresent();
    }

    @Test
    void unknownRoutesAndMethods() {
        assertProblem(wire.get("/v1/nothing-here", SandboxKeys.FULL), 404, "not-found");
        assertProblem(wire.get("/elsewhere", null), 404, "not-found");
        assertProblem(
                wire.send("DELETE", "/v1/jobs/21170000", SandboxKeys.FULL, null, null), 405, "method-not-allowed");
    }
}
