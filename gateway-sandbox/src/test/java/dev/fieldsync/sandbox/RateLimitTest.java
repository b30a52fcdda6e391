package dev.fieldsync.sandbox;

import static dev.fieldsync.sandbox.Wire.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** At time scale 20 a token comes every 75 ms and a request is held up to 100 ms. */
class RateLimitTest {
    static final double SCALE = 20.0;
    GatewaySandbox sandbox;
    Wire wire;

    @BeforeEach
    void start() {
        sandbox = GatewaySandbox.start(
                SandboxOptions.defaults().jobs(30).rateLimited(true).timeScale(SCALE));
        wire = new Wire(sandbox.baseUrl());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    record Timed(HttpResponse<String> response, long millis) {}

    List<Timed> burst(int n, String key) {
        List<CompletableFuture<Timed>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            futures.add(Wire.HTTP
                    .sendAsync(
                            wire.request("GET", "/v1/job-types", key, null, null, Duration.ofSeconds(20)),
                            HttpResponse.BodyHandlers.ofString())
                    .thenApply(r -> new Timed(r, (System.nanoTime() - t0) / 1_000_000)));
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }

    @Test
    void burstOfFortyThenHeldThen429WithoutRetryAfter() {
        long t0 = System.nanoTime();
        List<Timed> results = burst(70, SandboxKeys.FULL);
        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
        long ok = results.stream().filter(t -> t.response().statusCode() == 200).count();
        List<Timed> limited =
                results.stream().filter(t -> t.response().statusCode() == 429).toList();
        assertThat(ok + limited.size()).isEqualTo(70);
        // 40 from the burst plus at most what refilled (one per 75 ms real) while the burst ran.
        assertThat(ok).isGreaterThanOrEqualTo(40).isLessThanOrEqualTo(40 + elapsedMs / 75 + 2);
        assertThat(limited).isNotEmpty();
        for (Timed t : limited) {
            assertProblem(t.response(), 429, "rate-limited");
            assertThat(t.response().headers().firstValue("Retry-After")).isEmpty();
            // A 429 comes only after the (scaled) 2 s hold: 100 ms real, with tolerance.
            assertThat(t.millis()).isGreaterThanOrEqualTo(80);
        }
        assertThat(Wire.json(limited.get(0).response()).getString("title")).contains("exhausted");
        assertThat(sandbox.stats().rateLimited()).isEqualTo(limited.size());
    }

    @Test
    void heldRequestSucceedsAfterRefillAndTokensAreSpaced() {
        long t0 = System.nanoTime();
        List<Timed> first = burst(40, SandboxKeys.FULL);
        assertThat(first).allMatch(t -> t.response().statusCode() == 200);
        for (int i = 0; i < 5; i++) {
            // Each of these needs a fresh token; each is held (< 100 ms real) and then succeeds.
            HttpResponse<String> r = wire.get("/v1/job-types", SandboxKeys.FULL);
            assertThat(r.statusCode()).as("request %d after the burst", 41 + i).isEqualTo(200);
        }
        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
        // The bucket started full (40) when the burst began: 45 grants need 5 refills of 75 ms each.
        assertThat(elapsedMs).isGreaterThanOrEqualTo(5 * 75 - 50).isLessThan(5_000);
    }

    @Test
    void a429ConsumesNothing() {
        burst(40, SandboxKeys.FULL);
        List<Timed> more = burst(10, SandboxKeys.FULL);
        assertThat(more).anyMatch(t -> t.response().statusCode() == 429);
        // Had the 429s consumed tokens, the bucket would be in debt; one interval later a token is there.
        assertThat(Wire.eventually(
                        Duration.ofSeconds(2),
                        () -> wire.get("/v1/job-types", SandboxKeys.FULL).statusCode() == 200))
                .isTrue();
    }

    @Test
    void upstreamCeilingIsSharedAcrossKeys() {
        String other = "fi_pk_live_secondIntegration0000000000";
        sandbox.addKey(other, SandboxKeys.ALL_SCOPES, true);
        long t0 = System.nanoTime();
        List<Timed> a = burst(40, SandboxKeys.FULL);
        List<Timed> b = burst(40, other);
        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
        long ok = a.stream().filter(t -> t.response().statusCode() == 200).count()
                + b.stream().filter(t -> t.response().statusCode() == 200).count();
        // Upstream: 60 burst + one per 50 ms real at scale 20.
        assertThat(ok).isGreaterThanOrEqualTo(60).isLessThanOrEqualTo(60 + elapsedMs / 50 + 2);
        assertThat(sandbox.stats().requestsLastMinute(other)).isPositive();
    }

    @Test
    void offSwitchAndRuntimeSettings() {
        sandbox.settings().rateLimited(false);
        assertThat(burst(100, SandboxKeys.FULL)).allMatch(t -> t.response().statusCode() == 200);
        assertThat(wire.put("/_sandbox/settings", "{\"rate_limited\":true,\"time_scale\":50}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(sandbox.settings().rateLimited()).isTrue();
        assertThat(sandbox.settings().timeScale()).isEqualTo(50.0);
        assertThat(Wire.json(wire.get("/_sandbox/settings", null)).getDouble("time_scale"))
                .isEqualTo(50.0);
        assertThat(wire.put("/_sandbox/settings", "{\"time_scale\":0}").statusCode())
                .isEqualTo(400);
        assertThat(wire.put("/_sandbox/settings", "{\"bogus\":1}").statusCode()).isEqualTo(400);
    }

    @Test
    void unknownKeysDoNotSpendTheBudgetAndAdminIsNotLimited() {
        for (int i = 0; i < 50; i++) {
            assertThat(wire.get("/v1/job-types", "fi_pk_live_nobody").statusCode())
                    .isEqualTo(401);
        }
        for (int i = 0; i < 80; i++) {
            assertThat(wire.get("/_sandbox/stats", null).statusCode()).isEqualTo(200);
        }
        assertThat(burst(40, SandboxKeys.FULL)).allMatch(t -> t.response().statusCode() == 200);
        assertThat(sandbox.stats().requestsLastMinute(SandboxKeys.FULL)).isEqualTo(40);
        assertThat(Set.copyOf(sandbox.stats().requestsLastMinuteByKey().keySet()))
                .noneMatch(k -> k.equals(SandboxKeys.FULL));
    }
}
