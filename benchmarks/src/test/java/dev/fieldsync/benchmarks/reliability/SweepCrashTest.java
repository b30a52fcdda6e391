package dev.fieldsync.benchmarks.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.fieldsync.adapters.persistence.wiring.PersistenceAdapters;
import dev.fieldsync.benchmarks.harness.Databases;
import dev.fieldsync.benchmarks.harness.MirrorOracle;
import dev.fieldsync.benchmarks.harness.SandboxAdmin;
import dev.fieldsync.benchmarks.harness.ServiceProcess;
import dev.fieldsync.benchmarks.harness.Stack;
import dev.fieldsync.domain.sync.SweepState;
import dev.fieldsync.sandbox.GatewaySandbox;
import dev.fieldsync.sandbox.SandboxKeys;
import dev.fieldsync.sandbox.SandboxOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A sweep of the real service killed with {@code kill -9} part-way, on PostgreSQL: after the kill nothing is marked
 * gone and the stored sweep state holds the pages done; the restarted service resumes the same sweep (same number,
 * the earlier pages' jobs still recorded as seen) and only when it completes marks exactly the jobs moved out of
 * the key's scope gone. Oracle: the sandbox's dump.
 */
class SweepCrashTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "tok_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    private static final String WEBHOOK_SECRET =
            "whsec_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    private static final int JOBS = 2_000;
    /** 120 a minute, burst 10, background reserve 2 (the sweep leaves 4): about 21 sweep pages in 10-20 s. */
    private static final List<String> SLOW_BUDGET = List.of(
            "-Xmx384m",
            "-XX:TieredStopAtLevel=1",
            "-Dfieldsync.budget.rate-per-minute=120",
            "-Dfieldsync.budget.burst=10",
            "-Dfieldsync.budget.background-reserve=2");

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aSweepKilledPartWayMarksNothingUntilTheResumedSweepCompletes() throws Exception {
        assumeTrue(Databases.postgresAvailable(), "PostgreSQL at 127.0.0.1:5432");
        assertTrue(ServiceProcess.jar().isPresent(), "app-micronaut/target/fieldsync.jar is not built");
        CapturedLogs.install();
        String schema = "fs_sweep_crash_" + (System.currentTimeMillis() % 1_000_000);
        Databases.postgresFreshSchema(schema, 1).close();
        String dbUrl = Databases.PG_URL + "?currentSchema=" + schema;
        try (GatewaySandbox sandbox = GatewaySandbox.start(SandboxOptions.defaults()
                .seed(21)
                .jobs(JOBS)
                .rateLimited(false)
                .stillWorld()
                .port(0))) {
            SandboxAdmin admin = new SandboxAdmin(sandbox.baseUrl());
            ServiceProcess first = start(sandbox, "sweep-crash-1", dbUrl);
            int pagesAtKill;
            try {
                await(
                        first,
                        "/api/sync",
                        sync -> sync.path("last_completed_to").isTextual()
                                && sync.path("mirrored_jobs").asLong() == JOBS);
                List<String> moved = sandbox.scope().moveOutShare(0.02, 21);
                assertThat(post(first, "/api/sweep")).isEqualTo(202);
                JsonNode running = await(
                        first,
                        "/api/sweep",
                        sweep -> sweep.path("in_progress").path("pages_done").asInt() >= 6);
                first.kill(); // kill -9, mid-sweep
                pagesAtKill = running.path("in_progress").path("pages_done").asInt();
                assertThat(moved).hasSize(40);
            } finally {
                first.kill();
                CapturedLogs.addChildOutput("sweep-crash-1", first.process().output());
            }
            SweepState afterKill;
            try (HikariDataSource ds = Databases.postgresSchema(schema, 2)) {
                PersistenceAdapters stores = PersistenceAdapters.open(ds);
                assertThat(stores.jobs().countGone(Stack.INTEGRATION))
                        .as("nothing is gone before the sweep completes")
                        .isZero();
                afterKill = stores.checkpoints().loadSweep(Stack.INTEGRATION).orElseThrow();
            }
            assertThat(afterKill.inProgress()).isPresent();
            assertThat(afterKill.progress().pagesDone()).isGreaterThanOrEqualTo(pagesAtKill);
            assertThat(afterKill.progress().pagesFinished()).isFalse();

            ServiceProcess second = start(sandbox, "sweep-crash-2", dbUrl);
            JsonNode done;
            try {
                assertThat(post(second, "/api/sweep")).isEqualTo(202); // resumes the one in progress
                done = await(
                        second,
                        "/api/sweep",
                        sweep -> sweep.path("last_completed").isObject()
                                && !sweep.path("running").asBoolean());
            } finally {
                second.close();
                CapturedLogs.addChildOutput("sweep-crash-2", second.process().output());
            }
            MirrorOracle.Report report;
            try (HikariDataSource ds = Databases.postgresSchema(schema, 2)) {
                report =
                        MirrorOracle.compare(admin, PersistenceAdapters.open(ds).jobs(), Stack.INTEGRATION);
            }
            JsonNode last = done.path("last_completed");
            System.out.println("SWEEP-CRASH RESULT killed after "
                    + afterKill.progress().pagesDone() + " of 21 pages; " + "resumed sweep " + last + "; gone "
                    + done.path("gone_jobs") + "; oracle: " + report.summary());
            assertThat(last.path("sweep").asLong())
                    .as("the same sweep, resumed")
                    .isEqualTo(afterKill.lastSweep());
            assertThat(last.path("jobs_seen").asLong())
                    .as("its earlier pages counted")
                    .isEqualTo(JOBS - 40);
            assertThat(last.path("marked_gone").asLong()).isEqualTo(40);
            assertThat(done.path("gone_jobs").asLong()).isEqualTo(40);
            assertThat(report.converged()).as(report.summary()).isTrue();
        } finally {
            Databases.dropPostgresSchema(schema);
            CapturedLogs.assertNoSecret("the gateway key", SandboxKeys.FULL);
            CapturedLogs.assertNoSecret("the service token", TOKEN);
        }
    }

    private static ServiceProcess start(GatewaySandbox sandbox, String name, String dbUrl) {
        return ServiceProcess.start(
                new ServiceProcess.Config(
                        name,
                        sandbox.baseUrl(),
                        SandboxKeys.FULL,
                        dbUrl,
                        Databases.PG_USER,
                        Databases.PG_PASSWORD,
                        false,
                        1,
                        "5s",
                        TOKEN,
                        WEBHOOK_SECRET),
                SLOW_BUDGET);
    }

    private JsonNode await(ServiceProcess service, String path, Predicate<JsonNode> until) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                            .header("Authorization", "Bearer " + TOKEN)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                last = JSON.readTree(r.body());
                if (until.test(last)) {
                    return last;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("GET " + path + " did not get there within 120 s; last: " + last);
    }

    /**
     * POSTs until the service's loops run and it leads sync (a 503 right after the start; a 409 while the killed
     * instance's leadership has not lapsed yet) or 90 s pass; the last status.
     */
    private int post(ServiceProcess service, String path) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        int status;
        do {
            status = postOnce(service, path);
            if (status != 503 && status != 409) {
                return status;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        return status;
    }

    private int postOnce(ServiceProcess service, String path) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                                .header("Authorization", "Bearer " + TOKEN)
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }
}
