package dev.fieldsync.sandbox;

import static dev.fieldsync.sandbox.Wire.eventually;
import static dev.fieldsync.sandbox.Wire.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scheduling team and the office, as the real product has them (on by default). */
class OfficeTest {
    static GatewaySandbox sandbox;
    static Wire wire;

    @BeforeAll
    static void start() {
        sandbox = GatewaySandbox.start(
                SandboxOptions.defaults().seed(5).jobs(200).rateLimited(false).timeScale(20));
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
    void byDefaultTheSchedulingTeamConfirmsACreatedJobAtAnotherTimeAndOffsetAndTheOfficeEdits() {
        assertThat(json(wire.get("/_sandbox/settings", null)).getMap())
                .containsEntry("scheduler_confirms", true)
                .containsEntry("office_edits", true);
        sandbox.settings().confirmDelaySeconds(1, 2); // 50-100 ms at time scale 20
        String id = created("Annual service");
        assertThat(sandbox.job(id).orElseThrow().state()).isEqualTo("pending");

        assertThat(eventually(
                        Duration.ofSeconds(10),
                        () -> sandbox.job(id).orElseThrow().state().equals("scheduled")))
                .as("confirmed")
                .isTrue();
        SandboxJob confirmed = sandbox.job(id).orElseThrow();
        OffsetDateTime sent = OffsetDateTime.parse("2026-07-01T09:00:00+10:00");
        assertThat(confirmed.startTime().toInstant()).isAfter(sent.toInstant());
        assertThat(confirmed.startTime().getOffset()).isNotEqualTo(sent.getOffset());
        assertThat(confirmed.endTime()).isAfter(confirmed.startTime());
        JsonObject listed = json(wire.get("/v1/jobs?state=all&number=" + confirmed.number(), SandboxKeys.FULL))
                .getJsonArray("jobs")
                .getJsonObject(0);
        assertThat(listed.getString("id")).isEqualTo(id);
        assertThat(listed.getJsonObject("status").getString("state")).isEqualTo("scheduled");
        OffsetDateTime listedStart = OffsetDateTime.parse(listed.getString("start_time"));
        assertThat(listedStart).isEqualTo(confirmed.startTime());
        assertThat(listedStart.getOffset()).isNotEqualTo(sent.getOffset());
        assertThat(sandbox.stats().jobsConfirmedByScheduler()).isEqualTo(1);
    }

    @Test
    void theOfficeRenamesJobsAndMostlyAppendsToTheirNotes() {
        Map<String, SandboxJob> before = byId(sandbox.dump());
        sandbox.settings().officeEditRatePerSecond(200); // 4,000 a real second

        assertThat(eventually(Duration.ofSeconds(10), () -> sandbox.stats().officeEdits() >= 300))
                .isTrue();
        sandbox.settings().officeEdits(false);
        List<SandboxJob> after = sandbox.dump();
        long renamed = after.stream()
                .filter(j -> !j.title().equals(before.get(j.id()).title()))
                .count();
        long appended = after.stream()
                .filter(j -> !before.get(j.id()).notes().isEmpty()
                        && j.notes().startsWith(before.get(j.id()).notes() + "\nOffice: "))
                .count();
        assertThat(renamed).isPositive();
        assertThat(appended).isPositive();
        assertThat(after)
                .filteredOn(j -> !j.title().equals(before.get(j.id()).title()))
                .allSatisfy(j -> assertThat(before.get(j.id()).state()).isIn("pending", "scheduled", "in_progress"));
        assertThat(sandbox.stats().notesReplacedByOffice())
                .isLessThan(sandbox.stats().officeEdits() / 4);
    }

    @Test
    void eachCanBeTurnedOffAndAStillWorldOnlyChangesThroughTheApi() {
        assertThat(wire.put(
                                "/_sandbox/settings",
                                "{\"scheduler_confirms\":false,\"office_edits\":false,"
                                        + "\"confirm_delay_min_seconds\":0,\"confirm_delay_max_seconds\":0}")
                        .statusCode())
                .isEqualTo(200);
        String id = created("Stays pending");
        Map<String, SandboxJob> before = byId(sandbox.dump());
        sandbox.settings().officeEditRatePerSecond(200);

        // Without the scheduling team a created job stays as sent; without the office nothing else moves either.
        eventually(Duration.ofMillis(500), () -> false);
        assertThat(sandbox.job(id).orElseThrow().state()).isEqualTo("pending");
        assertThat(byId(sandbox.dump())).isEqualTo(before);
        assertThat(sandbox.stats().officeEdits()).isZero();
        assertThat(wire.put("/_sandbox/settings", "{\"confirm_delay_min_seconds\":5,\"confirm_delay_max_seconds\":1}")
                        .statusCode())
                .isEqualTo(400);
    }

    private static String created(String title) {
        JsonObject body = new JsonObject()
                .put("site", "3065700")
                .put("job_type", "5001")
                .put("title", title)
                .put("start_time", "2026-07-01T09:00:00+10:00")
                .put("end_time", "2026-07-01T11:00:00+10:00");
        var r = wire.post("/v1/jobs", SandboxKeys.FULL, body.encode());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).getString("id");
    }

    private static Map<String, SandboxJob> byId(List<SandboxJob> jobs) {
        return jobs.stream().collect(Collectors.toMap(SandboxJob::id, Function.identity()));
    }
}
