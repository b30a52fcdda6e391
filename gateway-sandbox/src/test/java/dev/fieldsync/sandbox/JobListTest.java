package dev.fieldsync.sandbox;

import static dev.fieldsync.sandbox.Wire.assertProblem;
import static dev.fieldsync.sandbox.Wire.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobListTest {
    static GatewaySandbox sandbox;
    static Wire wire;

    @BeforeAll
    static void start() {
        sandbox =
                GatewaySandbox.start(SandboxOptions.defaults().seed(7).jobs(600).rateLimited(false));
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

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    JsonObject page(String query) {
        var r = wire.get("/v1/jobs" + query, SandboxKeys.FULL);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    /** Follows next_cursor, resending the filters; returns job ids in order. */
    List<String> all(String filters, int pageSize) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        int guard = 0;
        do {
            String q = "?page_size=" + pageSize + filters + (cursor == null ? "" : "&cursor=" + enc(cursor));
            JsonObject p = page(q);
            p.getJsonArray("jobs").forEach(o -> ids.add(((JsonObject) o).getString("id")));
            cursor = p.getString("next_cursor");
            assertThat(guard++).isLessThan(10_000);
        } while (cursor != null);
        return ids;
    }

    @Test
    void jobShapeIsExactlyTheDocumentedOne() {
        JsonObject p = page("?state=all&page_size=100");
        assertThat(p.fieldNames()).containsExactlyInAnyOrder("jobs", "next_cursor");
        JsonArray jobs = p.getJsonArray("jobs");
        assertThat(jobs).hasSize(100);
        for (Object o : jobs) {
            JsonObject j = (JsonObject) o;
            assertThat(j.fieldNames())
                    .containsExactlyInAnyOrder(
                            "id",
                            "number",
                            "series_number",
                            "is_primary",
                            "title",
                            "status",
                            "start_time",
                            "end_time",
                            "customer",
                            "site",
                            "notes",
                            "custom_fields");
            assertThat(j.getValue("id")).isInstanceOf(String.class);
            assertThat(j.getValue("number")).isInstanceOf(String.class);
            assertThat(j.getValue("series_number")).isInstanceOf(Integer.class);
            assertThat(j.getValue("is_primary")).isInstanceOf(Boolean.class);
            assertThat(j.getJsonObject("status").fieldNames()).containsExactlyInAnyOrder("id", "name", "state");
            assertThat(j.getJsonObject("status").getString("state"))
                    .isIn("pending", "scheduled", "in_progress", "completed", "cancelled");
            assertThat(j.getJsonObject("customer").fieldNames()).containsExactlyInAnyOrder("id", "name");
            assertThat(j.getJsonObject("site").fieldNames()).containsExactlyInAnyOrder("id", "address");
            assertThat(j.getString("start_time")).matches(".*T\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)");
            OffsetDateTime start = OffsetDateTime.parse(j.getString("start_time"));
            assertThat(OffsetDateTime.parse(j.getString("end_time"))).isAfter(start);
            assertThat(j.getValue("notes")).isInstanceOf(String.class);
            j.getJsonObject("custom_fields")
                    .forEach(e -> assertThat(e.getValue()).isInstanceOf(String.class));
        }
        assertThat(p.getString("next_cursor")).isNotBlank();
    }

    @Test
    void newestUpdatedFirstAndDefaultPageSizeAndOpenByDefault() {
        JsonArray jobs = page("").getJsonArray("jobs");
        assertThat(jobs).hasSize(25);
        jobs.forEach(o -> assertThat(((JsonObject) o).getJsonObject("status").getString("state"))
                .isIn("pending", "scheduled", "in_progress"));
        List<SandboxJob> oracle = new ArrayList<>(sandbox.dump());
        oracle.removeIf(j -> !Set.of("pending", "scheduled", "in_progress").contains(j.state()));
        oracle.sort(Comparator.comparing(SandboxJob::updatedAt)
                .reversed()
                .thenComparing(Comparator.comparing((SandboxJob j) -> Long.parseLong(j.id()))
                        .reversed()));
        List<String> expected = oracle.stream().limit(25).map(SandboxJob::id).toList();
        assertThat(jobs.stream().map(o -> ((JsonObject) o).getString("id")).toList())
                .isEqualTo(expected);
    }

    @Test
    void pagingReturnsEveryJobOnceAndLastCursorIsNull() {
        List<String> ids = all("&state=all", 100);
        assertThat(ids).hasSize(600).doesNotHaveDuplicates();
        List<String> closed = all("&state=closed", 37);
        List<String> open = all("&state=open", 100);
        assertThat(closed.size() + open.size()).isEqualTo(600);
        assertThat(new HashSet<>(closed)).doesNotContainAnyElementsOf(open);
        long expectedClosed = sandbox.dump().stream()
                .filter(j -> j.state().equals("completed") || j.state().equals("cancelled"))
                .count();
        assertThat(closed).hasSize((int) expectedClosed);
    }

    @Test
    void exactMultipleOfPageSizeEndsWithNullCursor() {
        int open = all("&state=open", 100).size();
        // A page holding exactly the remaining jobs must say it is the last.
        JsonObject p = page("?state=open&page_size=" + Math.min(open, 100));
        if (open <= 100) {
            assertThat(p.getValue("next_cursor")).isNull();
        }
        JsonObject one = page("?state=all&number=5&page_size=1");
        assertThat(one.getJsonArray("jobs")).hasSize(1);
        assertThat(one.getValue("next_cursor")).isNull();
    }

    @Test
    void pagingIsStableWhileJobsAreUpdatedWithinAClosedWindow() {
        String to = Instant.now().toString();
        String from = Instant.now().minusSeconds(60L * 86400).toString();
        String filters = "&state=all&updated_at_from=" + enc(from) + "&updated_at_to=" + enc(to);
        List<String> before = all(filters, 50);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonObject p = page("?page_size=50" + filters + (cursor == null ? "" : "&cursor=" + enc(cursor)));
            p.getJsonArray("jobs").forEach(o -> seen.add(((JsonObject) o).getString("id")));
            cursor = p.getString("next_cursor");
            sandbox.touch(40); // updated jobs leave the window; nothing may be skipped or repeated
            pages++;
        } while (cursor != null);
        assertThat(pages).isGreaterThan(3);
        assertThat(seen).doesNotHaveDuplicates();
        // Every job seen was in the window before; every job of the window not touched before its page was seen.
        assertThat(before).containsAll(seen);
        Set<String> touchedAway = new HashSet<>(before);
        seen.forEach(touchedAway::remove);
        sandbox.dump().stream()
                .filter(j -> touchedAway.contains(j.id()))
                .forEach(j -> assertThat(j.updatedAt()).isAfterOrEqualTo(Instant.parse(to)));
    }

    @Test
    void updatedAtWindowIsInclusiveExclusive() {
        List<SandboxJob> jobs = sandbox.dump();
        SandboxJob pivot = jobs.get(123);
        String at = enc(pivot.updatedAt().toString());
        List<String> fromIds = all("&state=all&updated_at_from=" + at, 100);
        List<String> toIds = all("&state=all&updated_at_to=" + at, 100);
        assertThat(fromIds).contains(pivot.id());
        assertThat(toIds).doesNotContain(pivot.id());
        assertThat(fromIds.size() + toIds.size()).isEqualTo(jobs.size());
        long expectedFrom = jobs.stream()
                .filter(j -> !j.updatedAt().isBefore(pivot.updatedAt()))
                .count();
        assertThat(fromIds).hasSize((int) expectedFrom);
    }

    @Test
    void statusNumberAndStartTimeFilters() {
        SandboxJob j = sandbox.dump().get(42);
        JsonArray byNumber = page("?state=all&number=" + j.number()).getJsonArray("jobs");
        assertThat(byNumber).hasSize(1);
        assertThat(byNumber.getJsonObject(0).getString("id")).isEqualTo(j.id());
        assertThat(page("?state=all&number=999999").getJsonArray("jobs")).isEmpty();
        assertThat(page("?state=all&number=abc").getJsonArray("jobs")).isEmpty();

        List<String> byStatus = all("&state=all&status=" + j.statusId(), 100);
        long expected = sandbox.dump().stream()
                .filter(x -> x.statusId().equals(j.statusId()))
                .count();
        assertThat(byStatus).hasSize((int) expected).contains(j.id());

        OffsetDateTime s = j.startTime();
        List<String> window = all(
                "&state=all&start_time_from=" + enc(s.toString()) + "&start_time_to="
                        + enc(s.plusSeconds(1).toString()),
                100);
        assertThat(window).contains(j.id());
        assertThat(all("&state=all&start_time_to=" + enc(s.toString()), 100)).doesNotContain(j.id());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "page_size=0",
                "page_size=-1",
                "page_size=101",
                "page_size=abc",
                "page_size=",
                "page_size=1.5",
                "state=bogus",
                "status=1",
                "status=x",
                "updated_at_from=yesterday",
                "updated_at_to=2026-01-01T00:00:00",
                "start_time_from=2026-01-01",
                "start_time_to=2026-13-01T00:00:00Z",
                "cursor=%21%21notbase64",
                "cursor=Zm9vOmJhcg"
            })
    void invalidQueries(String query) {
        assertProblem(wire.get("/v1/jobs?" + query, SandboxKeys.FULL), 400, "invalid-query");
    }

    @Test
    void cursorIsOpaqueAndRoundTrips() {
        JsonObject first = page("?state=all&page_size=10");
        String cursor = first.getString("next_cursor");
        JsonObject second = page("?state=all&page_size=10&cursor=" + enc(cursor));
        assertThat(second.getJsonArray("jobs").getJsonObject(0).getString("id"))
                .isNotEqualTo(first.getJsonArray("jobs").getJsonObject(9).getString("id"));
        assertThat(page("?state=all&page_size=10&cursor=").getJsonArray("jobs")).hasSize(10);
    }
}
