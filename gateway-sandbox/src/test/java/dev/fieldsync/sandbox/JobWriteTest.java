package dev.fieldsync.sandbox;

import static dev.fieldsync.sandbox.Wire.assertProblem;
import static dev.fieldsync.sandbox.Wire.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobWriteTest {
    static final String SITE = "3065700";
    static final String SERVICE = "5001";
    static final String REPAIR = "5003";
    static final String INSPECTION = "5004";
    static GatewaySandbox sandbox;
    static Wire wire;

    @BeforeAll
    static void start() {
        sandbox =
                GatewaySandbox.start(SandboxOptions.defaults().seed(3).jobs(300).rateLimited(false));
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

    static JsonObject draft() {
        return new JsonObject()
                .put("site", SITE)
                .put("job_type", SERVICE)
                .put("title", "Annual service")
                .put("start_time", "2026-07-01T09:00:00+10:00")
                .put("end_time", "2026-07-01T11:00:00+10:00");
    }

    static HttpResponse<String> create(JsonObject body) {
        return wire.post("/v1/jobs", SandboxKeys.FULL, body.encode());
    }

    static String createdId(JsonObject body) {
        HttpResponse<String> r = create(body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).getString("id");
    }

    @Test
    void createReturns201WithIdAndNumberAndStoresEverything() {
        Instant before = Instant.now().minusMillis(1);
        HttpResponse<String> r = create(draft().put("notes", "Gate code 1")
                .put("purchase_order_number", "PO-1")
                .put("external_id", "ext-1")
                .put("project", "880101")
                .put("custom_fields", new JsonObject().put("scope_of_work", "Install")));
        assertThat(r.statusCode()).isEqualTo(201);
        JsonObject body = json(r);
        assertThat(body.fieldNames()).containsExactlyInAnyOrder("id", "number");
        assertThat(body.getString("number")).isEqualTo("301");
        SandboxJob j = sandbox.job(body.getString("id")).orElseThrow();
        assertThat(j.state()).isEqualTo("pending");
        assertThat(j.statusName()).isEqualTo("Tentative");
        assertThat(j.externalId()).isEqualTo("ext-1");
        assertThat(j.projectId()).isEqualTo("880101");
        assertThat(j.purchaseOrderNumber()).isEqualTo("PO-1");
        assertThat(j.customFields()).containsEntry("scope_of_work", "Install");
        assertThat(j.startTime().toString()).isEqualTo("2026-07-01T09:00+10:00");
        assertThat(j.updatedAt()).isAfter(before);
        // Visible first in the list, with the offset kept.
        JsonObject first = json(wire.get("/v1/jobs?page_size=1", SandboxKeys.FULL))
                .getJsonArray("jobs")
                .getJsonObject(0);
        assertThat(first.getString("id")).isEqualTo(body.getString("id"));
        assertThat(first.getString("start_time")).isEqualTo("2026-07-01T09:00:00+10:00");
        assertThat(first.getString("notes")).isEqualTo("Gate code 1");
        assertThat(Integer.parseInt(json(create(draft())).getString("number"))).isEqualTo(302);
    }

    @Test
    void externalIdsAreNotDeduplicated() {
        createdId(draft().put("external_id", "same"));
        createdId(draft().put("external_id", "same"));
        assertThat(sandbox.duplicateExternalIds()).containsKey("same");
        assertThat(sandbox.duplicateExternalIds().get("same")).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[]", "", "{\"site\":3065700}", "{\"unknown\":1}"})
    void malformedBodies(String body) {
        String b = body;
        if (body.startsWith("{\"site\":3065700")) {
            b = draft().put("site", 3065700).encode();
        } else if (body.startsWith("{\"unknown\"")) {
            b = draft().put("status", "68392").encode();
        }
        assertProblem(wire.post("/v1/jobs", SandboxKeys.FULL, b), 400, "invalid-body");
    }

    @Test
    void fieldRulesOnCreate() {
        String[] required = {"site", "job_type", "title", "start_time", "end_time"};
        for (String f : required) {
            JsonObject d = draft();
            d.remove(f);
            assertProblem(create(d), 400, "invalid-body");
        }
        assertProblem(create(draft().put("site", "999")), 400, "invalid-body");
        assertProblem(create(draft().put("site", "abc")), 400, "invalid-body");
        assertProblem(create(draft().put("job_type", "1")), 400, "invalid-body");
        assertProblem(create(draft().put("title", "")), 400, "invalid-body");
        assertProblem(create(draft().put("title", "x".repeat(201))), 400, "invalid-body");
        assertThat(create(draft().put("title", "x".repeat(200))).statusCode()).isEqualTo(201);
        assertProblem(create(draft().put("start_time", "2026-07-01T09:00:00")), 400, "invalid-body");
        assertProblem(create(draft().put("end_time", "2026-07-01T09:00:00+10:00")), 400, "invalid-body");
        assertProblem(create(draft().put("end_time", "2026-07-01T08:00:00+10:00")), 400, "invalid-body");
        assertProblem(create(draft().put("notes", "n".repeat(2001))), 400, "invalid-body");
        assertThat(create(draft().put("notes", "n".repeat(2000))).statusCode()).isEqualTo(201);
        assertProblem(create(draft().put("purchase_order_number", "p".repeat(101))), 400, "invalid-body");
        assertProblem(create(draft().put("external_id", "e".repeat(37))), 400, "invalid-body");
        assertThat(create(draft().put("external_id", "e".repeat(36))).statusCode())
                .isEqualTo(201);
        assertProblem(create(draft().put("custom_fields", "x")), 400, "invalid-body");
        assertProblem(
                create(draft().put("custom_fields", new JsonObject().put("scope_of_work", 5))), 400, "invalid-body");
        assertProblem(create(draft().put("title", 5)), 400, "invalid-body");
    }

    @Test
    void projectAndCustomFieldErrors() {
        assertProblem(create(draft().put("project", "1")), 400, "project-not-in-scope");
        assertProblem(create(draft().put("project", "nope")), 400, "project-not-in-scope");
        assertProblem(
                create(draft().put("custom_fields", new JsonObject().put("colour", "red"))),
                400,
                "unknown-custom-field");
        // asset_tag is restricted to Inspection jobs.
        assertProblem(
                create(draft().put("custom_fields", new JsonObject().put("asset_tag", "A1"))),
                400,
                "unknown-custom-field");
        assertThat(create(draft().put("job_type", INSPECTION)
                                .put("custom_fields", new JsonObject().put("asset_tag", "A1")))
                        .statusCode())
                .isEqualTo(201);
    }

    @Test
    void patchChangesOnlyWhatIsSentAndSetsUpdatedAt() {
        String id = createdId(draft().put("notes", "first")
                .put("job_type", REPAIR)
                .put(
                        "custom_fields",
                        new JsonObject().put("scope_of_work", "Install").put("parts_required", "valve")));
        Instant before = sandbox.job(id).orElseThrow().updatedAt();
        HttpResponse<String> r = wire.patch(
                "/v1/jobs/" + id,
                SandboxKeys.FULL,
                new JsonObject()
                        .put("notes", "second")
                        .put("custom_fields", new JsonObject().put("scope_of_work", "Repair"))
                        .encode());
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        SandboxJob j = sandbox.job(id).orElseThrow();
        assertThat(j.notes()).isEqualTo("second");
        assertThat(j.title()).isEqualTo("Annual service");
        assertThat(j.customFields()).containsEntry("scope_of_work", "Repair").containsEntry("parts_required", "valve");
        assertThat(j.updatedAt()).isAfterOrEqualTo(before);
        assertThat(wire.patch(
                                "/v1/jobs/" + id,
                                SandboxKeys.FULL,
                                "{\"start_time\":\"2026-07-01T10:30:00+10:00\","
                                        + "\"title\":\"New\",\"external_id\":\"x\",\"purchase_order_number\":\"p\"}")
                        .statusCode())
                .isEqualTo(204);
        j = sandbox.job(id).orElseThrow();
        assertThat(j.title()).isEqualTo("New");
        assertThat(j.externalId()).isEqualTo("x");
        assertThat(j.startTime().toString()).isEqualTo("2026-07-01T10:30+10:00");
    }

    @Test
    void patchErrors() {
        String id = createdId(draft());
        String path = "/v1/jobs/" + id;
        for (String f : new String[] {"site", "job_type", "project"}) {
            assertProblem(
                    wire.patch(
                            path, SandboxKeys.FULL, new JsonObject().put(f, "1").encode()),
                    400,
                    "field-not-writable");
        }
        assertProblem(wire.patch(path, SandboxKeys.FULL, "{\"color\":\"red\"}"), 400, "invalid-body");
        assertProblem(wire.patch(path, SandboxKeys.FULL, "nope"), 400, "invalid-body");
        assertProblem(wire.patch(path, SandboxKeys.FULL, "{\"title\":\"\"}"), 400, "invalid-body");
        assertProblem(wire.patch(path, SandboxKeys.FULL, "{\"title\":null}"), 400, "invalid-body");
        assertProblem(
                wire.patch(path, SandboxKeys.FULL, "{\"end_time\":\"2026-07-01T08:00:00+10:00\"}"),
                400,
                "invalid-body");
        assertProblem(
                wire.patch(path, SandboxKeys.FULL, "{\"custom_fields\":{\"asset_tag\":\"x\"}}"),
                400,
                "unknown-custom-field");
        assertProblem(wire.patch("/v1/jobs/1", SandboxKeys.FULL, "{\"title\":\"x\"}"), 404, "not-found");
        assertProblem(wire.patch("/v1/jobs/abc", SandboxKeys.FULL, "{\"title\":\"x\"}"), 404, "not-found");
        SandboxJob closed = sandbox.dump().stream()
                .filter(j -> !j.state().equals("pending"))
                .findFirst()
                .orElseThrow();
        assertProblem(
                wire.patch("/v1/jobs/" + closed.id(), SandboxKeys.FULL, "{\"title\":\"x\"}"), 409, "editing-locked");
    }

    @Test
    void cancelMovesToCancelledOnceAndStaysVisibleAsClosed() {
        String id = createdId(draft());
        HttpResponse<String> r =
                wire.post("/v1/jobs/" + id + "/cancel", SandboxKeys.FULL, "{\"reason\":\"customer asked\"}");
        assertThat(r.statusCode()).isEqualTo(204);
        SandboxJob j = sandbox.job(id).orElseThrow();
        assertThat(j.state()).isEqualTo("cancelled");
        assertThat(j.cancelReason()).isEqualTo("customer asked");
        JsonObject listed = json(wire.get("/v1/jobs?state=closed&page_size=1", SandboxKeys.FULL))
                .getJsonArray("jobs")
                .getJsonObject(0);
        assertThat(listed.getString("id")).isEqualTo(id);
        assertThat(listed.getJsonObject("status").getString("name")).isEqualTo("Cancelled");
        assertProblem(wire.post("/v1/jobs/" + id + "/cancel", SandboxKeys.FULL, null), 409, "cancellation-locked");
        assertProblem(wire.patch("/v1/jobs/" + id, SandboxKeys.FULL, "{\"title\":\"x\"}"), 409, "editing-locked");
    }

    @Test
    void cancelVariants() {
        String id = createdId(draft());
        assertThat(wire.post("/v1/jobs/" + id + "/cancel", SandboxKeys.FULL, null)
                        .statusCode())
                .isEqualTo(204);
        String id2 = createdId(draft());
        assertProblem(
                wire.post("/v1/jobs/" + id2 + "/cancel", SandboxKeys.FULL, "{\"why\":\"x\"}"), 400, "invalid-body");
        assertProblem(
                wire.post("/v1/jobs/" + id2 + "/cancel", SandboxKeys.FULL, "{\"reason\":5}"), 400, "invalid-body");
        assertThat(wire.post("/v1/jobs/" + id2 + "/cancel", SandboxKeys.FULL, "{}")
                        .statusCode())
                .isEqualTo(204);
        assertProblem(wire.post("/v1/jobs/1/cancel", SandboxKeys.FULL, null), 404, "not-found");
        SandboxJob scheduled = sandbox.dump().stream()
                .filter(j -> j.state().equals("scheduled"))
                .findFirst()
                .orElseThrow();
        assertProblem(
                wire.post("/v1/jobs/" + scheduled.id() + "/cancel", SandboxKeys.FULL, null),
                409,
                "cancellation-locked");
    }
}
