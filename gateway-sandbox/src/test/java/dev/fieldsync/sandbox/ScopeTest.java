package dev.fieldsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Jobs moved out of the keys' scope vanish from listings and gets, stay in the oracle, and come back. */
class ScopeTest {
    static GatewaySandbox sandbox;
    static Wire wire;

    @BeforeAll
    static void start() {
        sandbox = GatewaySandbox.start(
                SandboxOptions.defaults().seed(11).jobs(250).rateLimited(false).stillWorld());
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
    void aJobMovedOutOfScopeVanishesFromListingsAndGetsButNotFromTheDump() {
        String id = sandbox.dump().get(7).id();
        String number = sandbox.dump().get(7).number();
        JsonObject moved = Wire.json(wire.post("/_sandbox/scope", null, "{\"out\": [\"" + id + "\", \"999\"]}"));
        assertThat(moved.getJsonArray("moved_out")).containsExactly(id);
        assertThat(moved.getInteger("out_of_scope")).isEqualTo(1);

        assertThat(listedIds()).hasSize(249).doesNotContain(id);
        assertThat(Wire.json(wire.get("/v1/jobs?state=all&number=" + number, SandboxKeys.FULL))
                        .getJsonArray("jobs"))
                .isEmpty();
        assertThat(wire.patch("/v1/jobs/" + id, SandboxKeys.FULL, "{\"title\": \"x\"}")
                        .statusCode())
                .isEqualTo(404);
        assertThat(sandbox.job(id))
                .hasValueSatisfying(job -> assertThat(job.outOfScope()).isTrue());
        assertThat(wire.get("/_sandbox/dump", null).body()).contains("\"out_of_scope\":true");

        JsonObject back = Wire.json(wire.post("/_sandbox/scope", null, "{\"in\": [\"" + id + "\"]}"));
        assertThat(back.getJsonArray("moved_in")).containsExactly(id);
        assertThat(listedIds()).hasSize(250).contains(id);
        assertThat(sandbox.job(id))
                .hasValueSatisfying(job -> assertThat(job.outOfScope()).isFalse());
    }

    @Test
    void aShareIsPickedFromItsSeedTheSameEveryTimeAndLeavesUpdatedAtAlone() {
        List<String> first = sandbox.scope().moveOutShare(0.02, 5);
        assertThat(first).hasSize(5);
        assertThat(sandbox.scope().outOfScope()).isEqualTo(first);
        assertThat(new HashSet<>(listedIds())).doesNotContainAnyElementsOf(first);
        sandbox.scope().moveAllIn();
        JsonObject again = Wire.json(wire.post("/_sandbox/scope", null, "{\"out_share\": 0.02, \"seed\": 5}"));
        assertThat(again.getJsonArray("moved_out").getList()).isEqualTo(first);
        JsonObject shown = Wire.json(wire.get("/_sandbox/scope", null));
        assertThat(shown.getJsonArray("job_ids").getList()).isEqualTo(first);
        // no incremental listing can see the move: the stamps are the same as before it
        assertThat(Wire.json(wire.get("/v1/jobs?state=all&page_size=1", SandboxKeys.FULL))
                        .getJsonArray("jobs"))
                .hasSize(1);
        JsonObject all = Wire.json(wire.post("/_sandbox/scope", null, "{\"in_all\": true}"));
        assertThat(all.getJsonArray("moved_in").getList()).isEqualTo(first);
        assertThat(all.getInteger("out_of_scope")).isZero();
    }

    @Test
    void badMovesSayWhatWasWrong() {
        assertThat(wire.post("/_sandbox/scope", null, "{}").body()).contains("name what to move");
        assertThat(wire.post("/_sandbox/scope", null, "{\"out_share\": 2}").statusCode())
                .isEqualTo(400);
        assertThat(wire.post("/_sandbox/scope", null, "{\"out\": \"21170000\"}").statusCode())
                .isEqualTo(400);
    }

    private static List<String> listedIds() {
        List<String> ids = new java.util.ArrayList<>();
        String cursor = null;
        do {
            JsonObject page = Wire.json(wire.get(
                    "/v1/jobs?state=all&page_size=100" + (cursor == null ? "" : "&cursor=" + cursor),
                    SandboxKeys.FULL));
            JsonArray data = page.getJsonArray("jobs");
            for (int i = 0; i < data.size(); i++) {
                ids.add(data.getJsonObject(i).getString("id"));
            }
            cursor = page.getString("next_cursor");
        } while (cursor != null);
        Set<String> distinct = new HashSet<>(ids);
        assertThat(distinct).hasSameSizeAs(ids);
        return ids;
    }
}
