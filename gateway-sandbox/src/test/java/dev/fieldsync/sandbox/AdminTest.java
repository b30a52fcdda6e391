package dev.fieldsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminTest {
    static GatewaySandbox sandbox;
    static Wire wire;

    @BeforeAll
    static void start() {
        sandbox = GatewaySandbox.start(
                SandboxOptions.defaults().seed(5).jobs(20_000).rateLimited(false));
        wire = new Wire(sandbox.baseUrl());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void fresh() {
        sandbox.reset();
    }

    @Test
    void dumpStreamsEveryJobWithTheHiddenMembers() {
        HttpResponse<String> r = wire.get("/_sandbox/dump", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        String[] lines = r.body().split("\n");
        assertThat(lines).hasSize(20_000);
        assertThat(lines)
                .allSatisfy(line -> assertThat(line).startsWith("{\"id\":\"").endsWith("}"));
        JsonObject first = new JsonObject(lines[0]);
        assertThat(first.fieldNames())
                .contains(
                        "id",
                        "number",
                        "status",
                        "updated_at",
                        "job_type",
                        "project",
                        "external_id",
                        "purchase_order_number");
        SandboxJob oracle = sandbox.dump().get(0);
        assertThat(first.getString("id")).isEqualTo(oracle.id());
        assertThat(Instant.parse(first.getString("updated_at"))).isEqualTo(oracle.updatedAt());
        assertThat(first.getJsonObject("job_type").getString("id")).isEqualTo(oracle.jobTypeId());
    }

    @Test
    void statsCountRequestsPerKey() {
        for (int i = 0; i < 3; i++) {
            wire.get("/v1/job-types", SandboxKeys.READ_ONLY);
        }
        wire.get("/v1/job-types", "fi_pk_live_unknown");
        JsonObject stats = Wire.json(wire.get("/_sandbox/stats", null));
        assertThat(stats.getLong("total_requests")).isEqualTo(4);
        assertThat(stats.getLong("rate_limited")).isZero();
        assertThat(stats.getJsonObject("requests_last_minute_by_key").getLong(SandboxKeys.mask(SandboxKeys.READ_ONLY)))
                .isEqualTo(3);
        assertThat(stats.encode()).doesNotContain(SandboxKeys.READ_ONLY);
        assertThat(sandbox.stats().requestsLastMinute(SandboxKeys.READ_ONLY)).isEqualTo(3);
        assertThat(stats.getInteger("jobs")).isEqualTo(20_000);
    }

    @Test
    void keyLabelsAreDistinctAndHideTheSecret() {
        String full = SandboxKeys.mask(SandboxKeys.FULL);
        assertThat(java.util.Set.of(
                        full, SandboxKeys.mask(SandboxKeys.READ_ONLY), SandboxKeys.mask(SandboxKeys.NO_CUSTOMERS)))
                .hasSize(3);
        assertThat(full).startsWith("fi_pk_live_").doesNotContain("sandboxFull");
    }

    @Test
    void duplicatesEndpoint() {
        assertThat(Wire.json(wire.get("/_sandbox/duplicates", null)).getJsonArray("duplicates"))
                .isEmpty();
        for (int i = 0; i < 2; i++) {
            wire.post(
                    "/v1/jobs",
                    SandboxKeys.FULL,
                    JobWriteTest.draft().put("external_id", "dup-1").encode());
        }
        JsonObject d = Wire.json(wire.get("/_sandbox/duplicates", null))
                .getJsonArray("duplicates")
                .getJsonObject(0);
        assertThat(d.getString("external_id")).isEqualTo("dup-1");
        assertThat(d.getJsonArray("job_ids")).hasSize(2);
    }

    @Test
    void seedRegeneratesDeterministicallyAndResetRestores() {
        HttpResponse<String> r = wire.post("/_sandbox/seed", null, "{\"seed\":9,\"jobs\":50}");
        assertThat(r.statusCode()).isEqualTo(200);
        List<SandboxJob> a = sandbox.dump();
        assertThat(a).hasSize(50);
        wire.post("/_sandbox/seed", null, "{\"seed\":9,\"jobs\":50}");
        List<SandboxJob> b = sandbox.dump();
        assertThat(b.stream()
                        .map(j -> j.title() + j.state() + j.siteId() + j.startTime())
                        .toList())
                .isEqualTo(a.stream()
                        .map(j -> j.title() + j.state() + j.siteId() + j.startTime())
                        .toList());
        assertThat(wire.post("/_sandbox/seed", null, "{\"jobs\":-1}").statusCode())
                .isEqualTo(400);
        assertThat(wire.post("/_sandbox/reset", null, null).statusCode()).isEqualTo(204);
        assertThat(sandbox.dump()).hasSize(20_000);
    }

    @Test
    void touchUpdatesJobs() {
        Instant before = Instant.now().minusMillis(1);
        HttpResponse<String> r = wire.post("/_sandbox/touch", null, "{\"count\":25}");
        assertThat(Wire.json(r).getInteger("touched")).isEqualTo(25);
        assertThat(sandbox.dump().stream()
                        .filter(j -> j.updatedAt().isAfter(before))
                        .count())
                .isEqualTo(25);
        assertThat(wire.post("/_sandbox/touch", null, "{\"count\":\"x\"}").statusCode())
                .isEqualTo(400);
        // Touched jobs come first in the list.
        assertThat(sandbox.touch(1)).isEqualTo(1);
    }

    @Test
    void adminNeedsNoKeyButV1Does() {
        assertThat(wire.get("/_sandbox/settings", null).statusCode()).isEqualTo(200);
        assertThat(wire.get("/v1/_sandbox/stats", null).statusCode()).isEqualTo(401);
    }
}
