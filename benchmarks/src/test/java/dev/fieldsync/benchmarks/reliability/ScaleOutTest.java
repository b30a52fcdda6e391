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
import dev.fieldsync.benchmarks.harness.ServiceCluster;
import dev.fieldsync.benchmarks.harness.ServiceProcess;
import dev.fieldsync.benchmarks.harness.Stack;
import dev.fieldsync.sandbox.GatewaySandbox;
import dev.fieldsync.sandbox.SandboxKeys;
import dev.fieldsync.sandbox.SandboxOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scale-out: three instances of the built service ({@code fieldsync.jar serve}) on one PostgreSQL schema with
 * the shared budget, against the rate-limited sandbox at 10x. The sandbox's own per-key rolling-minute
 * counter, sampled every 100 ms, never exceeds 40; passes (from the instances' logs) never overlap; every
 * create posted to any instance exists exactly once; the mirror equals the sandbox's jobs.
 */
class ScaleOutTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TIME_SCALE = 10;
    private static final int SUBMISSIONS = 30;
    private static final String TOKEN = "tok_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    private static final String WEBHOOK_SECRET =
            "whsec_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    private static final Pattern PASS =
            Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) .*pass over \\[([^,]+), ([^)]+)\\) completed");
    /**
     * The service's take-over times at the test's time scale: a create the killed leader had claimed is sent by
     * another instance after the claim lease, which must outlast a gateway call (attempt timeout, deadline). At the
     * defaults (2 min lease, 60 s deadline) the take-over alone would use most of the wait after the kill.
     */
    private static final Map<String, String> SCALED_TAKE_OVER = Map.of(
            "fieldsync.gateway.attempt-timeout", "5s",
            "fieldsync.gateway.deadline", "10s",
            "fieldsync.dispatch.claim-lease", "15s",
            "fieldsync.submissions.reconcile-margin", "12s");

    private static GatewaySandbox sandbox;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        CapturedLogs.install();
        assertTrue(
                ServiceProcess.jar().isPresent(),
                "app-micronaut/target/fieldsync.jar is not built: run mvn -B -pl app-micronaut -am package -DskipTests first (mvn verify at the root does it)");
        assertTrue(
                Databases.postgresAvailable(),
                "PostgreSQL is not reachable at " + Databases.PG_URL + ": start it (.ci/run does)");
        sandbox = GatewaySandbox.start(SandboxOptions.defaults()
                .seed(42)
                .jobs(4_000)
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
    void threeInstancesShareOneBudgetNeverOverlapAndSendEachCreateOnce() throws Exception {
        String schema = "fs_scaleout_" + (System.currentTimeMillis() % 1_000_000);
        Databases.postgresFreshSchema(schema, 1).close();
        String dbUrl = Databases.PG_URL + "?currentSchema=" + schema;
        SandboxAdmin admin = new SandboxAdmin(sandbox.baseUrl());
        List<ServiceProcess> instances = new ArrayList<>();
        ServiceCluster cluster = null;
        int killed = -1;
        AtomicBoolean sampling = new AtomicBoolean(true);
        AtomicLong maxPerMinute = new AtomicLong();
        AtomicLong samples = new AtomicLong();
        Thread sampler = new Thread(
                () -> {
                    while (sampling.get()) {
                        try {
                            maxPerMinute.accumulateAndGet(admin.stats().maxLastMinute(), Math::max);
                            samples.incrementAndGet();
                            Thread.sleep(100);
                        } catch (InterruptedException e) {
                            return;
                        } catch (RuntimeException ignored) {
                            // one missed sample
                        }
                    }
                },
                "rolling-minute-sampler");
        sampler.setDaemon(true);
        sampler.start();
        try {
            cluster = ServiceCluster.start(
                    3,
                    i -> new ServiceProcess.Config(
                            "instance-" + i,
                            sandbox.baseUrl(),
                            SandboxKeys.FULL,
                            dbUrl,
                            Databases.PG_USER,
                            Databases.PG_PASSWORD,
                            true,
                            TIME_SCALE,
                            "1s",
                            TOKEN,
                            WEBHOOK_SECRET),
                    SCALED_TAKE_OVER,
                    Map.of());
            instances.addAll(cluster.all());
            JsonNode sample = sampleJob();
            List<String> statusUrls = new ArrayList<>();
            for (int i = 0; i < SUBMISSIONS; i++) {
                ServiceProcess target = instances.get(i % instances.size());
                String body = "{\"site\":\"" + sample.path("site").path("id").asText() + "\",\"job_type\":\""
                        + sample.path("job_type").path("id").asText() + "\",\"title\":\"Scale-out create " + i
                        + "\",\"start_time\":\"2027-04-01T08:00:00+10:00\",\"end_time\":\"2027-04-01T10:00:00+10:00\","
                        + "\"external_id\":\"scale-" + i + "\"}";
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(target.baseUrl() + "/api/jobs"))
                                .header("Authorization", "Bearer " + TOKEN)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
                statusUrls.add(target.baseUrl()
                        + JSON.readTree(r.body())
                                .path("status_url")
                                .asText("/api/submissions/"
                                        + JSON.readTree(r.body())
                                                .path("submission_id")
                                                .asText()));
                if (i == SUBMISSIONS / 2) {
                    sandbox.touch(150);
                }
            }
            // Kill the current leader (SIGKILL): leadership must move, its claimed creates must be sent by others once.
            // The leader is told by its completed passes, so wait (with a deadline) until one has completed: on a
            // loaded machine 1.5 s may not be enough, and killing an instance that never led proves nothing.
            Thread.sleep(1_500);
            long leaderDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!anyPassCompleted(instances) && System.nanoTime() < leaderDeadline) {
                Thread.sleep(200);
            }
            assertThat(anyPassCompleted(instances))
                    .as("a pass completed before the leader is killed")
                    .isTrue();
            int leader = 0;
            for (int i = 0; i < instances.size(); i++) {
                if (passes(i, instances.get(i).process().lines()).size()
                        > passes(leader, instances.get(leader).process().lines())
                                .size()) {
                    leader = i;
                }
            }
            cluster.kill(leader);
            Instant killedAt = Instant.now();
            killed = leader;
            List<ServiceProcess> survivors = new ArrayList<>(instances);
            survivors.set(leader, null); // passCompletedAfter skips it
            List<String> liveStatusUrls = new ArrayList<>();
            for (String url : statusUrls) {
                liveStatusUrls.add(url.replace(
                        instances.get(leader).baseUrl(),
                        instances.get((leader + 1) % 3).baseUrl()));
            }
            ServiceProcess live = instances.get((leader + 1) % 3);
            // The scheduling team and the office worked through the kill; a still world to converge for the oracle.
            sandbox.settings().people(false);
            long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
            boolean done = false;
            String waitingFor = "";
            while (!done && System.nanoTime() < deadline) {
                Thread.sleep(500);
                List<String> unsettled = unsettled(liveStatusUrls);
                long mirrored = mirroredJobs(live);
                long inSandbox = admin.stats().jobs();
                // A pass of a survivor: the killed leader's last passes may have settled everything already.
                Instant since = Instant.now().minusSeconds(2);
                boolean recentPass = passCompletedAfter(survivors, since.isAfter(killedAt) ? since : killedAt);
                done = unsettled.isEmpty() && mirrored == inSandbox && recentPass;
                waitingFor = "unsettled submissions " + unsettled + ", mirror " + mirrored + " of " + inSandbox
                        + " jobs, a survivor's pass completed in the last 2 s: " + recentPass;
            }
            Thread.sleep(2_000); // one more pass after the last create, so the mirror has every created job
            assertThat(done)
                    .as("creates settled and mirror caught up within the deadline; at the end: " + waitingFor)
                    .isTrue();
        } finally {
            sampling.set(false);
            for (ServiceProcess instance : instances) {
                instance.close();
                java.nio.file.Files.writeString(
                        java.nio.file.Path.of("/tmp/leases-debug-" + instances.indexOf(instance) + ".log"),
                        instance.process().output()); // DEBUG
                CapturedLogs.addChildOutput(
                        instance.process().toString(), instance.process().output());
            }
        }
        MirrorOracle.Report report;
        try (HikariDataSource ds = Databases.postgresSchema(schema, 2)) {
            report = MirrorOracle.compare(admin, PersistenceAdapters.open(ds).jobs(), Stack.INTEGRATION);
        }
        Databases.dropPostgresSchema(schema);
        Map<String, Integer> sent = MirrorOracle.externalIdCounts(admin, "scale-");
        List<Pass> passes = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            passes.addAll(passes(i, instances.get(i).process().lines()));
        }
        passes.sort(Comparator.comparing(Pass::to));
        List<String> overlaps = new ArrayList<>();
        for (int i = 1; i < passes.size(); i++) {
            Pass previous = passes.get(i - 1);
            Pass next = passes.get(i);
            LocalTime nextStart = LocalTime.ofInstant(next.to(), ZoneOffset.UTC);
            if (nextStart.plusNanos(5_000_000).isBefore(previous.completedAt())) {
                overlaps.add(next + " started before " + previous + " completed");
            }
        }
        long leaders = passes.stream().map(Pass::instance).distinct().count();
        long rateLimited = admin.stats().rateLimited();
        System.out.println("SCALEOUT RESULT instances=3 killed_leader=" + killed + " passes=" + passes.size()
                + " leaders_seen=" + leaders
                + " max_requests_per_rolling_minute=" + maxPerMinute.get() + " samples=" + samples.get()
                + " sandbox_429s=" + rateLimited + " overlaps=" + overlaps.size() + " creates_in_sandbox=" + sent.size()
                + " oracle: " + report.summary());
        // A token bucket of rate r and burst b admits at most b + r requests in any minute (a full bucket, then
        // a minute of refill): 38 + 38 for the shared client budget; +2 for the two clocks (the sandbox's scaled
        // one, the budget's real one) and sampling, still under the gateway's own 40 + 40. No 429 means the
        // gateway's bucket never ran dry: three local budgets would have drained it (3 x 38 > 40).
        assertThat(maxPerMinute.get())
                .as("requests per rolling minute, sandbox counter")
                .isLessThanOrEqualTo(38 + 38 + 2);
        assertThat(rateLimited).as("429s from the sandbox").isZero();
        assertThat(leaders).as("leadership moved after the leader was killed").isGreaterThanOrEqualTo(2);
        assertThat(samples.get()).isGreaterThan(50);
        assertThat(overlaps).isEmpty();
        assertThat(passes).hasSizeGreaterThan(2);
        assertThat(sent).hasSize(SUBMISSIONS);
        assertThat(sent.values()).allMatch(v -> v == 1);
        assertThat(report.converged()).as(report.summary()).isTrue();
    }

    private JsonNode sampleJob() throws Exception {
        // The dump carries site and job type ids, so no gateway request is spent outside the instances' budget.
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/_sandbox/dump"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body().lines().findFirst().orElseThrow());
    }

    /** The submissions not yet settled, as {@code url=state}. */
    private List<String> unsettled(List<String> statusUrls) throws Exception {
        List<String> unsettled = new ArrayList<>();
        for (String url : statusUrls) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Authorization", "Bearer " + TOKEN)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String state = r.statusCode() == 200
                    ? JSON.readTree(r.body()).path("state").asText()
                    : "";
            // Settled: created, or (the office stripped its reference and renamed it) waiting for a person.
            if (!state.equals("created") && !state.equals("needs_review")) {
                unsettled.add(
                        url.substring(url.lastIndexOf('/') + 1) + "=" + (state.isEmpty() ? r.statusCode() : state));
            }
        }
        return unsettled;
    }

    private long mirroredJobs(ServiceProcess instance) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(instance.baseUrl() + "/api/sync"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200
                ? JSON.readTree(r.body()).path("mirrored_jobs").asLong(-1)
                : -1;
    }

    private static boolean anyPassCompleted(List<ServiceProcess> instances) {
        for (int i = 0; i < instances.size(); i++) {
            if (!passes(i, instances.get(i).process().lines()).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Whether one of the instances (null: a killed one, left out) logged a completed pass after that moment. */
    private boolean passCompletedAfter(List<ServiceProcess> instances, Instant after) {
        LocalTime since = LocalTime.ofInstant(after, ZoneOffset.UTC);
        for (int i = 0; i < instances.size(); i++) {
            if (instances.get(i) == null) {
                continue;
            }
            for (Pass p : passes(i, instances.get(i).process().lines())) {
                if (p.completedAt().isAfter(since)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** One completed pass from a log line: its window start is the clock when it started. */
    record Pass(int instance, Instant from, Instant to, LocalTime completedAt) {}

    private static List<Pass> passes(int instance, List<String> lines) {
        List<Pass> passes = new ArrayList<>();
        for (String line : lines) {
            Matcher m = PASS.matcher(line);
            if (m.find()) {
                passes.add(new Pass(
                        instance, Instant.parse(m.group(2)), Instant.parse(m.group(3)), LocalTime.parse(m.group(1))));
            }
        }
        return passes;
    }
}
