package dev.fieldsync.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, finding 1: any holder of the API token could burn the gateway budget (10 refreshes and 5 verifies spent
 * 95 requests). 100 such calls at once now spend at most one refresh (6 requests), one verify (9: the lookups, the open-jobs read and the paging check) and no extra sync
 * pass, counted by the sandbox.
 */
class BudgetGuardTest {
    private static final String[] CALLS = {
        "GET /api/lookups?refresh=true", "GET /api/verify", "GET /api/verify?force=true", "POST /api/sync"
    };

    @Test
    void aHundredCallsWithinASecondSpendOneRefreshOneVerifyAndOnePassAtMost() throws Exception {
        try (ObservedService service =
                new ObservedService(200, Map.of("fieldsync.sync.requested-pass-interval", "1m"))) {
            service.awaitCompletedPass();

            long before = service.sandbox.stats().totalRequests();
            List<HttpResponse<String>> answers = burst(service, 100);
            awaitNoPassRunning(service);
            long spent = service.sandbox.stats().totalRequests() - before;
            System.out.printf("budget guard: 100 calls spent %d gateway requests%n", spent);

            assertThat(answers)
                    .allSatisfy(answer ->
                            assertThat(answer.statusCode()).as(answer.body()).isIn(200, 202));
            assertThat(spent).as("one refresh, one verify, no pass").isLessThanOrEqualTo(6 + 9);
            List<JsonNode> refreshes = bodiesOf(service, answers, "/api/lookups");
            assertThat(refreshes)
                    .filteredOn(body -> body.get("refreshed").asBoolean())
                    .hasSizeLessThanOrEqualTo(1);
            assertThat(refreshes)
                    .filteredOn(body -> !body.get("refreshed").asBoolean())
                    .isNotEmpty()
                    .allSatisfy(body -> assertThat(body.get("note").asText())
                            .contains("fieldsync.lookups.requested-refresh-interval"));
            List<JsonNode> verifies = bodiesOf(service, answers, "/api/verify");
            assertThat(verifies)
                    .filteredOn(body -> !body.get("reused").asBoolean())
                    .hasSizeLessThanOrEqualTo(1);
            assertThat(verifies)
                    .allSatisfy(
                            body -> assertThat(body.get("passed").asBoolean()).isTrue());
            assertThat(bodiesOf(service, answers, "/api/sync"))
                    .as("the start-up pass began within fieldsync.sync.requested-pass-interval")
                    .hasSize(25)
                    .allSatisfy(body -> assertThat(body.get("message").asText())
                            .contains("fieldsync.sync.requested-pass-interval")
                            .doesNotContain("has started"));
        }
    }

    private static List<HttpResponse<String>> burst(ObservedService service, int calls) throws Exception {
        CyclicBarrier start = new CyclicBarrier(20);
        ExecutorService callers = Executors.newFixedThreadPool(20);
        try {
            List<Future<HttpResponse<String>>> pending = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                String[] call = CALLS[i % CALLS.length].split(" ");
                boolean first = i < 20;
                pending.add(callers.submit(() -> {
                    if (first) {
                        start.await(10, TimeUnit.SECONDS);
                    }
                    return service.send(call[0], call[1], null, Map.of());
                }));
            }
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : pending) {
                answers.add(answer.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            callers.shutdownNow();
        }
    }

    private static List<JsonNode> bodiesOf(ObservedService service, List<HttpResponse<String>> answers, String path) {
        return answers.stream()
                .filter(answer -> answer.request().uri().getPath().equals(path))
                .map(service::json)
                .toList();
    }

    /** Waits (with a deadline) until no pass runs and none asked for is waiting to start. */
    private static void awaitNoPassRunning(ObservedService service) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        int idle = 0;
        while (idle < 5) {
            idle = service.json(service.get("/api/sync")).get("running").asBoolean() ? 0 : idle + 1;
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("a sync pass still running after 60 s");
            }
            ObservedService.pause();
        }
    }
}
