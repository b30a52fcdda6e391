package dev.fieldsync.benchmarks.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.fieldsync.benchmarks.harness.Databases;
import dev.fieldsync.benchmarks.harness.PassChains;
import dev.fieldsync.benchmarks.harness.ServiceCluster;
import dev.fieldsync.benchmarks.harness.ServiceProcess;
import dev.fieldsync.sandbox.GatewaySandbox;
import dev.fieldsync.sandbox.SandboxJob;
import dev.fieldsync.sandbox.SandboxKeys;
import dev.fieldsync.sandbox.SandboxOptions;
import dev.fieldsync.sandbox.SandboxTenant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's reliability test: three instances of the built service on one PostgreSQL schema with the shared budget,
 * 30 integrations declared in the configuration (each a sandbox tenant with its own key, by {@code env:} reference)
 * plus the settings' own, the rate-limited sandbox at 10x. Oracles: each tenant's request log in the sandbox (its
 * passes rebuilt as cursor chains: never two open at once), the lease table (one holder each, max/min per instance
 * ≤ 2, a killed instance's integrations held by others within TTL + one interval), the sandbox's 429 counters (none)
 * and its tenants' jobs (each create, posted through its integration's scoped path to one of the instances, once and
 * in that integration's tenant only).
 */
class ManyIntegrationsScaleOutTest {
    private static final int TIME_SCALE = 10;
    private static final int TENANTS = 30;
    private static final int TENANT_JOBS = 250;
    private static final int CREATES = 12;
    private static final Duration HEARTBEAT = Duration.ofSeconds(1);
    private static final Duration TTL = HEARTBEAT.multipliedBy(3);
    /** The documented bound on failover: TTL + one interval. */
    private static final Duration BOUND = TTL.plus(HEARTBEAT);
    /** What the measurement adds: the 100 ms poll of the lease table and a step's own time on a loaded machine. */
    private static final Duration MEASURING = Duration.ofSeconds(1);

    private static final String TOKEN = "tok_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    private static final String WEBHOOK_SECRET =
            "whsec_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    /** As ScaleOutTest: the take-over of a killed instance's claimed creates at the test's time scale. */
    private static final Map<String, String> SCALED_TAKE_OVER = Map.of(
            "fieldsync.gateway.attempt-timeout", "5s",
            "fieldsync.gateway.deadline", "10s",
            "fieldsync.dispatch.claim-lease", "15s",
            "fieldsync.submissions.reconcile-margin", "12s");

    private static GatewaySandbox sandbox;
    private static List<SandboxTenant> tenants;
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
                .seed(15)
                .jobs(200)
                .rateLimited(true)
                .timeScale(TIME_SCALE)
                .port(0));
        sandbox.settings().people(false); // a still world: every tenant's dump is the oracle of its creates
        tenants = sandbox.tenants().seed(TENANTS, TENANT_JOBS);
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
        CapturedLogs.assertNoSecret("the gateway key", SandboxKeys.FULL);
        for (int n = 1; n <= TENANTS; n++) {
            CapturedLogs.assertNoSecret("tenant " + n + "'s key", SandboxKeys.tenantKey(n));
        }
        CapturedLogs.assertNoSecret("the webhook secret", WEBHOOK_SECRET);
        CapturedLogs.assertNoSecret("the service token", TOKEN);
    }

    /** The 30 integrations, each named as its tenant, its key in an environment variable. */
    private static Map<String, String> integrations(String gatewayUrl, Map<String, String> env) {
        Map<String, String> properties = new HashMap<>(SCALED_TAKE_OVER);
        properties.put("fieldsync.sweep.enabled", "false"); // a sweep lists jobs beside the passes, by design
        for (int n = 1; n <= TENANTS; n++) {
            String id = tenants.get(n - 1).name();
            String variable = "FIELDSYNC_TENANT_KEY_" + n;
            env.put(variable, SandboxKeys.tenantKey(n));
            properties.put("fieldsync.integrations." + id + ".gateway-url", gatewayUrl);
            properties.put("fieldsync.integrations." + id + ".key", "env:" + variable);
            properties.put("fieldsync.integrations." + id + ".sync-interval", "3s");
            properties.put(
                    "fieldsync.integrations." + id + ".budget.rate-per-minute", Integer.toString(38 * TIME_SCALE));
        }
        return properties;
    }

    @Test
    void thirtyIntegrationsOverThreeInstancesOneLeaderEachEvenlySpreadAndAKilledInstancesMoveWithinTheBound()
            throws Exception {
        String schema = "fs_many_" + (System.currentTimeMillis() % 1_000_000);
        Databases.postgresFreshSchema(schema, 1).close();
        String dbUrl = Databases.PG_URL + "?currentSchema=" + schema;
        Map<String, String> env = new HashMap<>();
        Map<String, String> properties = integrations(sandbox.baseUrl(), env);
        List<String> ids = new ArrayList<>();
        tenants.forEach(tenant -> ids.add(tenant.name()));
        ids.add("bench"); // the settings' own integration, on the default tenant
        Map<String, Integer> start;
        Map<String, Integer> afterKill;
        Duration moved;
        String killedName;
        Instant killedAtSandbox;
        List<String> orphans;
        ServiceCluster cluster = null;
        try (HikariDataSource db = Databases.postgresSchema(schema, 2)) {
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
                                "3s",
                                TOKEN,
                                WEBHOOK_SECRET),
                        properties,
                        env);
                start = awaitSpread(db, ids, 3, Duration.ofSeconds(60));
                awaitPasses(Instant.EPOCH, tenants, Duration.ofSeconds(60));
                submitCreates(cluster);

                // Kill the instance holding the most leases (SIGKILL: no release, its leases must expire).
                Map<String, String> holders = holders(db);
                killedName = start.entrySet().stream()
                        .max(Map.Entry.comparingByValue())
                        .orElseThrow()
                        .getKey();
                orphans = new ArrayList<>();
                String victim = killedName;
                holders.forEach((integration, holder) -> {
                    if (holder.equals(victim)) {
                        orphans.add(integration);
                    }
                });
                int index = Integer.parseInt(killedName.substring("instance-".length()));
                Instant killedAt = Instant.now();
                killedAtSandbox = sandbox.settings().clock().instant();
                cluster.kill(index);
                moved = awaitMoved(db, orphans, killedName, killedAt, Duration.ofSeconds(30));
                afterKill = awaitSpread(db, ids, 2, Duration.ofSeconds(30));
                List<SandboxTenant> orphanTenants = new ArrayList<>();
                tenants.stream().filter(t -> orphans.contains(t.name())).forEach(orphanTenants::add);
                awaitPasses(killedAtSandbox, orphanTenants, Duration.ofSeconds(60));
                awaitCreatesSettled(cluster, Duration.ofSeconds(90));
            } finally {
                if (cluster != null) {
                    cluster.close();
                    for (ServiceProcess instance : cluster.all()) {
                        CapturedLogs.addChildOutput(
                                instance.process().toString(),
                                instance.process().output());
                    }
                }
            }
        }
        Databases.dropPostgresSchema(schema);

        Map<String, List<String>> overlaps = new TreeMap<>();
        int chains = 0;
        long rateLimited = sandbox.tenants().defaultTenant().stats().rateLimited();
        for (SandboxTenant tenant : tenants) {
            List<PassChains.Chain> passes = PassChains.of(tenant.requests());
            chains += passes.size();
            List<String> found = PassChains.overlaps(passes);
            if (!found.isEmpty()) {
                overlaps.put(tenant.name(), found);
            }
            rateLimited += tenant.stats().rateLimited();
        }
        Map<String, Integer> creates = createsInSandbox();
        System.out.println("MANY-INTEGRATIONS RESULT instances=3 integrations=" + ids.size() + " leaders_at_start="
                + start + " killed=" + killedName + " (" + orphans.size() + " integrations) moved_in="
                + moved.toMillis()
                + "ms (bound " + BOUND.toMillis() + "ms) leaders_after_kill=" + afterKill + " passes=" + chains
                + " overlapping=" + overlaps.size() + " sandbox_429s=" + rateLimited + " creates=" + creates.size()
                + " sent_twice=" + creates.values().stream().filter(c -> c > 1).count());
        assertThat(overlaps)
                .as("two passes of one key open at once (sandbox request logs)")
                .isEmpty();
        assertThat(moved)
                .as("the killed instance's integrations held by others")
                .isLessThanOrEqualTo(BOUND.plus(MEASURING));
        assertThat(rateLimited).as("429s from the sandbox").isZero();
        assertThat(creates).as("creates in the sandbox").hasSize(CREATES);
        assertThat(creates.values()).as("each create sent once").allMatch(count -> count == 1);
        assertThat(creates.keySet())
                .as("each create in its own integration's tenant")
                .allMatch(create -> !create.contains(" in "));
    }

    /** Waits until every integration has a holder and max/min per live instance ≤ 2; returns the counts. */
    private Map<String, Integer> awaitSpread(HikariDataSource db, List<String> ids, int instances, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Integer> counts = Map.of();
        Map<String, String> holders = Map.of();
        while (System.nanoTime() < deadline) {
            holders = holders(db);
            counts = new TreeMap<>();
            for (String holder : holders.values()) {
                counts.merge(holder, 1, Integer::sum);
            }
            int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            int min = counts.values().stream().mapToInt(Integer::intValue).min().orElse(0);
            if (holders.keySet().containsAll(ids) && counts.size() == instances && min > 0 && max <= 2 * min) {
                return counts;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no even spread over " + instances + " instances within " + timeout + ": " + counts
                + ", unheld " + unheld(ids, holders));
    }

    private static List<String> unheld(List<String> ids, Map<String, String> holders) {
        return ids.stream().filter(id -> !holders.containsKey(id)).toList();
    }

    /** Polls the lease table until none of {@code orphans} is held by the killed instance and all are held. */
    private Duration awaitMoved(
            HikariDataSource db, List<String> orphans, String killed, Instant killedAt, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, String> holders = holders(db);
            if (orphans.stream()
                    .allMatch(id -> holders.containsKey(id) && !holders.get(id).equals(killed))) {
                return Duration.between(killedAt, Instant.now());
            }
            Thread.sleep(100);
        }
        throw new AssertionError(killed + "'s integrations " + orphans + " not moved within " + timeout);
    }

    /** Who holds each unexpired lease, from the table (the oracle of the spread). */
    private static Map<String, String> holders(HikariDataSource db) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = db.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "SELECT integration_id, holder FROM fs_integration_lease WHERE expires_at > ?")) {
            select.setObject(1, java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    out.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return out;
    }

    /** Waits until every tenant's log shows a complete pass that started after {@code since} (sandbox clock). */
    private static void awaitPasses(Instant since, List<SandboxTenant> which, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> waiting = List.of();
        while (System.nanoTime() < deadline) {
            waiting = which.stream()
                    .filter(tenant -> PassChains.of(tenant.requests()).stream()
                            .noneMatch(
                                    chain -> chain.complete() && chain.start().isAfter(since)))
                    .map(SandboxTenant::name)
                    .toList();
            if (waiting.isEmpty()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no complete pass after " + since + " within " + timeout + " for " + waiting);
    }

    /**
     * Creates through the API of each instance in turn, each for another integration through its scoped path
     * ({@code /api/integrations/{id}/jobs}), with a site and job type of that integration's own tenant.
     */
    private void submitCreates(ServiceCluster cluster) throws Exception {
        for (int i = 0; i < CREATES; i++) {
            ServiceProcess target = cluster.get(i % cluster.size());
            SandboxTenant tenant = tenants.get(i % tenants.size());
            SandboxJob sample = tenant.dump().get(0);
            String body = "{\"site\":\"" + sample.siteId() + "\",\"job_type\":\"" + sample.jobTypeId()
                    + "\",\"title\":\"Many-integrations create " + i
                    + "\",\"start_time\":\"2027-04-01T08:00:00+10:00\",\"end_time\":\"2027-04-01T10:00:00+10:00\","
                    + "\"external_id\":\"many-" + i + "\"}";
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(
                                    URI.create(target.baseUrl() + "/api/integrations/" + tenant.name() + "/jobs"))
                            .header("Authorization", "Bearer " + TOKEN)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        }
    }

    /** Waits until the live instances list no submission still to be sent. */
    private void awaitCreatesSettled(ServiceCluster cluster, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Integer> creates = Map.of();
        while (System.nanoTime() < deadline) {
            creates = createsInSandbox();
            if (creates.size() == CREATES) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("creates in the sandbox after " + timeout + ": " + creates.keySet());
    }

    /**
     * External id to how many jobs carry it, over every tenant; each create must be in the tenant of the integration
     * it was posted for, and nowhere else.
     */
    private static Map<String, Integer> createsInSandbox() {
        Map<String, Integer> counts = new TreeMap<>();
        List<SandboxTenant> all = new ArrayList<>(tenants);
        all.add(sandbox.tenants().defaultTenant());
        for (SandboxTenant tenant : all) {
            for (SandboxJob job : tenant.dump()) {
                if (job.externalId() != null && job.externalId().startsWith("many-")) {
                    int n = Integer.parseInt(job.externalId().substring("many-".length()));
                    boolean own = tenant == tenants.get(n % tenants.size());
                    counts.merge(own ? job.externalId() : job.externalId() + " in " + tenant.name(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }
}
