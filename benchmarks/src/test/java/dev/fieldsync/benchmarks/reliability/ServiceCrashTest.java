package dev.fieldsync.benchmarks.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.fieldsync.adapters.persistence.wiring.PersistenceAdapters;
import dev.fieldsync.benchmarks.harness.Databases;
import dev.fieldsync.benchmarks.harness.MirrorOracle;
import dev.fieldsync.benchmarks.harness.SandboxAdmin;
import dev.fieldsync.benchmarks.harness.ServiceProcess;
import dev.fieldsync.benchmarks.harness.Stack;
import dev.fieldsync.sandbox.GatewaySandbox;
import dev.fieldsync.sandbox.SandboxKeys;
import dev.fieldsync.sandbox.SandboxOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash of the real service: {@code fieldsync.jar serve} on a file H2 database is SIGKILLed at three seeded
 * random points of its first sync (counted in gateway page requests from its own log) with creates posted
 * before each kill, and restarted on the same database; the last instance runs until the mirror has caught
 * up and every create is settled. Oracle: mirror = sandbox jobs; every create exists exactly once.
 */
class ServiceCrashTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "tok_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    private static final String WEBHOOK_SECRET =
            "whsec_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    private static final int JOBS = 4_000;
    private static final int TIME_SCALE = 10;
    private static GatewaySandbox sandbox;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        CapturedLogs.install();
        assertTrue(
                ServiceProcess.jar().isPresent(),
                "app-micronaut/target/fieldsync.jar is not built: run mvn -B -pl app-micronaut -am package -DskipTests first (mvn verify at the root does it)");
        sandbox = GatewaySandbox.start(SandboxOptions.defaults()
                .seed(42)
                .jobs(JOBS)
                .rateLimited(true)
                .timeScale(TIME_SCALE)
                .port(0));
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
        CapturedLogs.assertNoSecret("the gateway key", SandboxKeys.FULL);
        CapturedLogs.assertNoSecret("the webhook secret", WEBHOOK_SECRET);
        CapturedLogs.assertNoSecret("the service token", TOKEN);
    }

    @Test
    void serviceKilledThreeTimesDuringASyncConvergesAndSendsEachCreateOnce(@TempDir Path dir) throws Exception {
        Random random = ServiceKills.seeded("SERVICE-CRASH");
        // H2's default keeps the last ~second of commits in memory (MVStore write delay): a SIGKILL loses them, and
        // with them a submission's CREATED state, so the create is sent again. WRITE_DELAY=0 makes commits durable.
        String db = "jdbc:h2:file:" + dir.resolve("service").toAbsolutePath() + ";MODE=PostgreSQL"
                + System.getProperty("fieldsync.crash.h2-options", ";WRITE_DELAY=0");
        SandboxAdmin admin = new SandboxAdmin(sandbox.baseUrl());
        JsonNode sample = JSON.readTree(http.send(
                        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/_sandbox/dump"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body()
                .lines()
                .findFirst()
                .orElseThrow());
        List<String> kills = new ArrayList<>();
        int created = 0;
        for (int round = 0; round < 3; round++) {
            ServiceProcess service = start("service-crash-" + round, db);
            int pages;
            try {
                for (int i = 0; i < 5; i++, created++) {
                    assertThat(post(service, sample, created)).isEqualTo(202);
                }
                pages = 2 + random.nextInt(8);
            } catch (Exception | Error failed) {
                service.kill();
                CapturedLogs.addChildOutput(
                        "service-crash-" + round, service.process().output());
                throw failed;
            }
            ServiceKills.killAfterPages(service, "service-crash-" + round, pages, random, Duration.ofSeconds(90));
            kills.add("run " + round + " after " + pages + " pages");
        }
        // The scheduling team and the office worked through the kills; a still world for the final run and the oracle.
        sandbox.settings().people(false);
        ServiceProcess last = start("service-crash-final", db);
        boolean done = false;
        long waitingForAPerson = 0;
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!done && System.nanoTime() < deadline) {
                Thread.sleep(500);
                Map<String, Integer> sent = MirrorOracle.externalIdCounts(admin, "svc-crash-");
                // Settled: created (in the sandbox), or left for a person / failed without a job of its own.
                done = sent.size() + submissionsIn(last, "needs_review", "failed") >= created
                        && mirrored(last) == admin.stats().jobs()
                        && pendingSubmissions(last) == 0;
            }
            Thread.sleep(1_500); // a pass after the last create settles
            waitingForAPerson = submissionsIn(last, "needs_review", "failed");
        } finally {
            last.close();
            CapturedLogs.addChildOutput("service-crash-final", last.process().output());
        }
        MirrorOracle.Report report;
        try (HikariDataSource ds = Databases.h2File(dir.resolve("service"), 2)) {
            report = MirrorOracle.compare(admin, PersistenceAdapters.open(ds).jobs(), Stack.INTEGRATION);
        }
        Map<String, Integer> sent = MirrorOracle.externalIdCounts(admin, "svc-crash-");
        System.out.println("SERVICE-CRASH RESULT kills=" + kills + " creates_posted=" + created + " creates_in_sandbox="
                + sent.size() + " needs_review_or_failed=" + waitingForAPerson + " max_copies="
                + sent.values().stream().mapToInt(Integer::intValue).max().orElse(0)
                + " oracle: " + report.summary());
        assertThat(done).as("converged within the deadline").isTrue();
        assertThat(report.converged()).as(report.summary()).isTrue();
        assertThat(sent.values()).as("no create sent twice").allMatch(v -> v == 1);
        assertThat(sent.size() + waitingForAPerson)
                .as("every create in the sandbox once, or waiting for a person")
                .isEqualTo(created);
        assertThat(sent.size()).as("most creates are created").isGreaterThanOrEqualTo(created * 8 / 10);
    }

    private static ServiceProcess start(String name, String db) {
        return ServiceProcess.start(new ServiceProcess.Config(
                name,
                sandbox.baseUrl(),
                SandboxKeys.FULL,
                db,
                "sa",
                "",
                false,
                TIME_SCALE,
                "1s",
                TOKEN,
                WEBHOOK_SECRET));
    }

    private int post(ServiceProcess service, JsonNode sample, int i) throws Exception {
        String body = "{\"site\":\"" + sample.path("site").path("id").asText() + "\",\"job_type\":\""
                + sample.path("job_type").path("id").asText() + "\",\"title\":\"Service crash create " + i
                + "\",\"start_time\":\"2027-05-01T08:00:00+10:00\",\"end_time\":\"2027-05-01T10:00:00+10:00\","
                + "\"external_id\":\"svc-crash-" + i + "\"}";
        return http.send(
                        HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/jobs"))
                                .header("Authorization", "Bearer " + TOKEN)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    private long mirrored(ServiceProcess service) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/sync"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200
                ? JSON.readTree(r.body()).path("mirrored_jobs").asLong(-1)
                : -1;
    }

    /** Submissions not yet created, from the Prometheus gauge if present, else 0 when the sandbox holds them all. */
    private long submissionsIn(ServiceProcess service, String... states) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(service.baseUrl() + "/prometheus"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body()
                .lines()
                .filter(l -> l.startsWith("fieldsync_submissions{")
                        && java.util.Arrays.stream(states).anyMatch(state -> l.contains("state=\"" + state + "\"")))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private long pendingSubmissions(ServiceProcess service) throws Exception {
        return submissionsIn(
                service, "pending", "sending", "outcome_unknown"); // (it read /prometheus without the token)
    }
}
