package dev.fieldsync.sandbox;

import static dev.fieldsync.sandbox.Wire.assertProblem;
import static dev.fieldsync.sandbox.Wire.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SiteTest {
    static GatewaySandbox sandbox;
    static Wire wire;

    @BeforeAll
    static void start() {
        sandbox = GatewaySandbox.start(SandboxOptions.defaults().jobs(20).rateLimited(false));
        wire = new Wire(sandbox.baseUrl());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static String siteName(String id) {
        JsonArray items = json(wire.get("/v1/sites", SandboxKeys.FULL)).getJsonArray("items");
        for (Object o : items) {
            if (((JsonObject) o).getString("id").equals(id)) {
                return ((JsonObject) o).getString("name");
            }
        }
        return null;
    }

    @Test
    void createdSiteShowsUpAtOnceAndIsUsableOnAJob() {
        HttpResponse<String> r = wire.post(
                "/v1/sites",
                SandboxKeys.FULL,
                "{\"customer\":\"245715\",\"business_name\":\"Pimpama Depot\",\"address\":\"1 Brand Dr, Pimpama QLD 4209\","
                        + "\"first_name\":\"Sam\",\"last_name\":\"Lee\",\"mobile_number\":\"+61400000000\",\"email\":\"s@example.com\","
                        + "\"notes\":\"Dog\",\"url\":\"https://example.com\",\"external_id\":\"crm-1\"}");
        assertThat(r.statusCode()).isEqualTo(201);
        JsonObject body = json(r);
        assertThat(body.fieldNames()).containsExactly("id");
        String id = body.getString("id");
        assertThat(siteName(id)).isEqualTo("Pimpama Depot");
        HttpResponse<String> job = wire.post(
                "/v1/jobs",
                SandboxKeys.FULL,
                JobWriteTest.draft().put("site", id).encode());
        assertThat(job.statusCode()).isEqualTo(201);
        JsonObject listed = json(wire.get("/v1/jobs?page_size=1", SandboxKeys.FULL))
                .getJsonArray("jobs")
                .getJsonObject(0);
        assertThat(listed.getJsonObject("site").getString("address")).isEqualTo("1 Brand Dr, Pimpama QLD 4209");
        assertThat(listed.getJsonObject("customer").getString("id")).isEqualTo("245715");
    }

    @Test
    void siteNameFallsBackToAddressThenId() {
        String a = json(wire.post("/v1/sites", SandboxKeys.FULL, "{\"customer\":\"245715\",\"address\":\"9 High St\"}"))
                .getString("id");
        assertThat(siteName(a)).isEqualTo("9 High St");
        String b = json(wire.post("/v1/sites", SandboxKeys.FULL, "{\"customer\":\"245715\"}"))
                .getString("id");
        assertThat(siteName(b)).isEqualTo("Site " + b);
        assertThat(wire.patch("/v1/sites/" + b, SandboxKeys.FULL, "{\"business_name\":\"Renamed\"}")
                        .statusCode())
                .isEqualTo(204);
        assertThat(siteName(b)).isEqualTo("Renamed");
        assertThat(wire.patch("/v1/sites/" + b, SandboxKeys.FULL, "{\"business_name\":null}")
                        .statusCode())
                .isEqualTo(204);
        assertThat(siteName(b)).isEqualTo("Site " + b);
    }

    @Test
    void createErrors() {
        assertProblem(wire.post("/v1/sites", SandboxKeys.FULL, "{}"), 400, "invalid-body");
        assertProblem(wire.post("/v1/sites", SandboxKeys.FULL, "{\"customer\":245715}"), 400, "invalid-body");
        assertProblem(wire.post("/v1/sites", SandboxKeys.FULL, "{\"customer\":\"1\"}"), 400, "customer-not-in-scope");
        assertProblem(wire.post("/v1/sites", SandboxKeys.FULL, "{\"customer\":\"x\"}"), 400, "customer-not-in-scope");
        String[][] limits = {
            {"business_name", "200"},
            {"address", "500"},
            {"first_name", "100"},
            {"last_name", "100"},
            {"mobile_number", "50"},
            {"email", "200"},
            {"notes", "2000"},
            {"url", "500"},
            {"external_id", "36"}
        };
        for (String[] l : limits) {
            int max = Integer.parseInt(l[1]);
            JsonObject ok = new JsonObject().put("customer", "245715").put(l[0], "x".repeat(max));
            assertThat(wire.post("/v1/sites", SandboxKeys.FULL, ok.encode()).statusCode())
                    .as(l[0])
                    .isEqualTo(201);
            JsonObject tooLong = new JsonObject().put("customer", "245715").put(l[0], "x".repeat(max + 1));
            assertProblem(wire.post("/v1/sites", SandboxKeys.FULL, tooLong.encode()), 400, "invalid-body");
        }
        assertProblem(
                wire.post("/v1/sites", SandboxKeys.FULL, "{\"customer\":\"245715\",\"phone\":\"1\"}"),
                400,
                "invalid-body");
        assertProblem(wire.post("/v1/sites", SandboxKeys.NO_CUSTOMERS, "{\"customer\":\"245715\"}"), 403, "no-scope");
    }

    @Test
    void patchErrors() {
        assertProblem(
                wire.patch("/v1/sites/3065700", SandboxKeys.FULL, "{\"customer\":\"245722\"}"),
                400,
                "field-not-writable");
        assertProblem(
                wire.patch("/v1/sites/3065700", SandboxKeys.FULL, "{\"email\":" + "\"" + "e".repeat(201) + "\"}"),
                400,
                "invalid-body");
        assertProblem(wire.patch("/v1/sites/42", SandboxKeys.FULL, "{\"email\":\"a@b\"}"), 404, "not-found");
        assertProblem(
                wire.patch("/v1/sites/3065700", SandboxKeys.READ_ONLY, "{\"email\":\"a@b\"}"), 401, "unauthorized");
        assertThat(wire.patch("/v1/sites/3065700", SandboxKeys.FULL, "{\"email\":\"a@b\"}")
                        .statusCode())
                .isEqualTo(204);
    }
}
