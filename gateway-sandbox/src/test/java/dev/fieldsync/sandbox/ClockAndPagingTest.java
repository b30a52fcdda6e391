package dev.fieldsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway's clock (offset, replication lag, Date header) and the cursor parameter's name. */
class ClockAndPagingTest {
    static GatewaySandbox sandbox;
    static Wire wire;

    @BeforeAll
    static void start() {
        sandbox = GatewaySandbox.start(
                SandboxOptions.defaults().seed(3).jobs(300).rateLimited(false).stillWorld());
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
    void everyAnswerCarriesTheGatewaysClockInItsDateHeader() {
        assertThat(dateOf(wire.get("/v1/customers", SandboxKeys.FULL)))
                .isBetween(Instant.now().minusSeconds(2), Instant.now().plusSeconds(1));
        assertThat(wire.put("/_sandbox/settings", "{\"clock_offset_seconds\": -150}")
                        .statusCode())
                .isEqualTo(200);
        Instant before = Instant.now();
        Instant date = dateOf(wire.get("/v1/customers", SandboxKeys.FULL));
        assertThat(Duration.between(before, date).toSeconds()).isBetween(-152L, -148L);
        assertThat(Duration.between(before, dateOf(wire.get("/_sandbox/stats", null)))
                        .toSeconds())
                .isBetween(-152L, -148L);
    }

    @Test
    void stampsFollowTheOffsetClockAndLagBehindIt() {
        sandbox.settings().clockOffsetSeconds(-150).replicationLagSeconds(30);
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS); // stamps are whole milliseconds
        sandbox.touch(5);
        Instant after = Instant.now().plusMillis(1);
        Instant newest = sandbox.dump().stream()
                .map(SandboxJob::updatedAt)
                .max(Instant::compareTo)
                .orElseThrow();
        assertThat(newest).isBetween(before.minusSeconds(180), after.minusSeconds(180));
        assertThat(sandbox.settings().toJson().getDouble("replication_lag_seconds"))
                .isEqualTo(30.0);
    }

    @Test
    void aCursorSentUnderAnotherNameIsIgnoredAndTheFirstPageComesAgain() {
        assertThat(wire.put("/_sandbox/settings", "{\"cursor_parameter\": \"page_token\"}")
                        .statusCode())
                .isEqualTo(200);
        JsonObject first = Wire.json(wire.get("/v1/jobs?state=all&page_size=2", SandboxKeys.FULL));
        String next = first.getString("next_cursor");
        JsonObject again = Wire.json(wire.get("/v1/jobs?state=all&page_size=2&cursor=" + next, SandboxKeys.FULL));
        assertThat(again.getJsonArray("jobs")).isEqualTo(first.getJsonArray("jobs"));
        assertThat(again.getString("next_cursor")).isEqualTo(next);
        JsonObject second = Wire.json(wire.get("/v1/jobs?state=all&page_size=2&page_token=" + next, SandboxKeys.FULL));
        assertThat(second.getJsonArray("jobs")).isNotEqualTo(first.getJsonArray("jobs"));
    }

    @Test
    void unknownParametersAreRejectedOnlyWhenAsked() {
        assertThat(wire.get("/v1/jobs?colour=red", SandboxKeys.FULL).statusCode())
                .isEqualTo(200);
        sandbox.settings().rejectUnknownParameters(true);
        Wire.assertProblem(wire.get("/v1/jobs?colour=red", SandboxKeys.FULL), 400, "invalid-query");
        assertThat(wire.get("/v1/jobs?state=all&cursor=", SandboxKeys.FULL).statusCode())
                .isEqualTo(200);
    }

    @Test
    void badSettingsAreRefusedWithWhatIsAllowed() {
        HttpResponse<String> bad = wire.put("/_sandbox/settings", "{\"cursor_parameter\": \"a b\"}");
        assertThat(Wire.assertProblem(bad, 400, "invalid-body").getString("title"))
                .contains("cursor parameter must be");
        assertThat(wire.put("/_sandbox/settings", "{\"replication_lag_seconds\": -1}")
                        .statusCode())
                .isEqualTo(400);
    }

    private static Instant dateOf(HttpResponse<String> response) {
        String date = response.headers().firstValue("Date").orElseThrow();
        return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    }
}
