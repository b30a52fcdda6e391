package dev.fieldsync.sandbox;

import static dev.fieldsync.sandbox.Wire.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every key its own tenant: jobs, lookups, rate-limit buckets, faults and request logs never show up for another
 * tenant; the default tenant (the built-in keys) answers as before. Oracles: each tenant's dump and request log.
 */
class TenantsTest {
    static final String ACME = "fi_pk_live_tenantAcme000000000000000";
    static final String GLOBEX = "fi_pk_live_tenantGlobex00000000000000";

    GatewaySandbox sandbox;
    Wire wire;
    SandboxTenant acme;
    SandboxTenant globex;

    @BeforeEach
    void start() {
        sandbox = GatewaySandbox.start(SandboxOptions.defaults()
                .seed(3)
                .jobs(30)
                .rateLimited(false)
                .officeEdits(false)
                .port(0));
        wire = new Wire(sandbox.baseUrl());
        acme = sandbox.tenants().add("acme", ACME, 120, 11);
        globex = sandbox.tenants().add("globex", GLOBEX, 80, 12);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private Set<String> listedIds(String key) {
        Set<String> ids = new HashSet<>();
        String cursor = null;
        do {
            HttpResponse<String> page =
                    wire.get("/v1/jobs?state=all&page_size=100" + (cursor == null ? "" : "&cursor=" + cursor), key);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            JsonObject body = json(page);
            body.getJsonArray("jobs").forEach(item -> ids.add(((JsonObject) item).getString("id")));
            cursor = body.getString("next_cursor");
        } while (cursor != null);
        return ids;
    }

    private static Set<String> dumpIds(SandboxTenant tenant) {
        return tenant.dump().stream().map(SandboxJob::id).collect(Collectors.toSet());
    }

    private String firstSite(String key) {
        JsonArray sites = json(wire.get("/v1/sites", key)).getJsonArray("items");
        return sites.getJsonObject(0).getString("id");
    }

    @Test
    void eachKeySeesItsOwnTenantsJobsAndNoOneElses() {
        Set<String> acmeIds = listedIds(ACME);
        Set<String> globexIds = listedIds(GLOBEX);
        Set<String> defaultIds = listedIds(SandboxKeys.FULL);

        assertThat(acmeIds).hasSize(120).isEqualTo(dumpIds(acme));
        assertThat(globexIds).hasSize(80).isEqualTo(dumpIds(globex));
        assertThat(defaultIds).hasSize(30).isEqualTo(dumpIds(sandbox.tenants().defaultTenant()));
        assertThat(sandbox.dump())
                .as("the embedded dump stays the default tenant's")
                .hasSize(30);
        assertThat(acmeIds).doesNotContainAnyElementsOf(globexIds).doesNotContainAnyElementsOf(defaultIds);
        assertThat(globexIds).doesNotContainAnyElementsOf(defaultIds);
    }

    @Test
    void aJobOrSiteCreatedWithOneKeyNeverShowsUpForAnother() {
        String site = firstSite(ACME);
        assertThat(json(wire.get("/v1/sites", GLOBEX)).getJsonArray("items").stream()
                        .map(s -> ((JsonObject) s).getString("id")))
                .doesNotContain(site);
        HttpResponse<String> created = wire.post(
                "/v1/jobs",
                ACME,
                new JsonObject()
                        .put("site", site)
                        .put("job_type", "5001")
                        .put("title", "Acme only")
                        .put("start_time", "2026-07-01T09:00:00+10:00")
                        .put("end_time", "2026-07-01T11:00:00+10:00")
                        .encode());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String job = json(created).getString("id");
        HttpResponse<String> newSite =
                wire.post("/v1/sites", GLOBEX, "{\"customer\":\"245715\",\"business_name\":\"Globex HQ\"}");
        assertThat(newSite.statusCode()).as(newSite.body()).isEqualTo(201);
        String globexSite = json(newSite).getString("id");

        assertThat(acme.job(job)).isPresent();
        assertThat(globex.job(job)).isEmpty();
        assertThat(sandbox.job(job)).isEmpty();
        assertThat(listedIds(GLOBEX)).doesNotContain(job);
        assertThat(listedIds(ACME)).contains(job);
        assertThat(wire.get("/v1/sites", ACME).body()).doesNotContain(globexSite, "Globex HQ");
        assertThat(wire.get("/v1/sites", SandboxKeys.FULL).body()).doesNotContain("Globex HQ");
        assertThat(wire.patch("/v1/jobs/" + job, GLOBEX, "{\"title\":\"stolen\"}")
                        .statusCode())
                .as("another tenant's job is not found")
                .isEqualTo(404);
    }

    @Test
    void oneTenantsEmptyBucketAndFaultsNeverReachAnother() {
        sandbox.settings().rateLimited(true).timeScale(20);
        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            burst.add(Wire.HTTP.sendAsync(
                    wire.request("GET", "/v1/job-types", ACME, null, null, Duration.ofSeconds(20)),
                    HttpResponse.BodyHandlers.ofString()));
        }
        HttpResponse<String> other = wire.get("/v1/job-types", GLOBEX);
        List<Integer> statuses = burst.stream().map(f -> f.join().statusCode()).toList();
        assertThat(statuses).contains(429);
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(acme.stats().rateLimited()).isPositive();
        assertThat(globex.stats().rateLimited()).isZero();
        assertThat(sandbox.stats().rateLimited()).isZero();
        IntStream.range(0, 30)
                .forEach(i -> assertThat(wire.get("/v1/job-types", GLOBEX).statusCode())
                        .as("globex has buckets of its own (client and upstream)")
                        .isEqualTo(200));

        sandbox.settings().rateLimited(false);
        acme.faults().internalErrorProbability(1.0);
        assertThat(wire.get("/v1/job-types", ACME).statusCode()).isEqualTo(500);
        assertThat(wire.get("/v1/job-types", GLOBEX).statusCode()).isEqualTo(200);
        assertThat(wire.get("/v1/job-types", SandboxKeys.FULL).statusCode()).isEqualTo(200);
    }

    @Test
    void eachTenantsRequestLogHoldsItsOwnCallsOnlyAndTheAdminApiServesIt() {
        wire.get("/v1/job-types", ACME);
        wire.get("/v1/jobs?page_size=5", ACME);
        wire.get("/v1/sites", GLOBEX);
        globex.faults().internalErrorProbability(1.0);
        wire.get("/v1/statuses", GLOBEX);

        List<SandboxRequest> acmeLog = acme.requests();
        assertThat(acmeLog).extracting(SandboxRequest::path).containsExactly("/v1/job-types", "/v1/jobs");
        assertThat(acmeLog).extracting(SandboxRequest::status).containsExactly(200, 200);
        assertThat(acmeLog).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.key()).isEqualTo(SandboxKeys.mask(ACME)).doesNotContain("tenantAcme");
            assertThat(r.answeredAt()).isAfterOrEqualTo(r.at());
        });
        assertThat(acmeLog.get(1).at()).isAfterOrEqualTo(acmeLog.get(0).at());
        assertThat(acmeLog.get(1).cursor()).as("the first page").isNull();
        String next = acmeLog.get(1).nextCursor();
        assertThat(next).as("more than 5 jobs: a next cursor").isNotBlank();
        wire.get("/v1/jobs?page_size=5&cursor=" + next, ACME);
        assertThat(acme.requests().get(2).cursor()).as("the chain's next page").isEqualTo(next);
        assertThat(acme.requests().get(0).nextCursor()).as("not a job list").isNull();
        assertThat(globex.requests()).extracting(SandboxRequest::status).containsExactly(200, 500);
        assertThat(sandbox.tenants().defaultTenant().requests()).isEmpty();

        JsonObject byName = json(wire.get("/_sandbox/tenants/globex/requests", null));
        assertThat(byName.getInteger("count")).isEqualTo(2);
        assertThat(byName.getJsonArray("requests").getJsonObject(1).getInteger("status"))
                .isEqualTo(500);
        String fingerprint =
                SandboxKeys.mask(ACME).substring(SandboxKeys.mask(ACME).indexOf('…') + 1);
        JsonObject byKey = json(wire.get("/_sandbox/tenants/" + fingerprint + "/requests?after=2", null));
        assertThat(byKey.getString("tenant")).isEqualTo("acme");
        assertThat(byKey.getJsonArray("requests")).hasSize(1);
        assertThat(wire.get("/_sandbox/tenants/nobody/requests", null).statusCode())
                .isEqualTo(404);
        String dump = wire.get("/_sandbox/tenants/acme/dump", null).body();
        assertThat(dump.lines()).hasSize(120);
        assertThat(json(wire.get("/_sandbox/stats", null)).getInteger("jobs"))
                .as("the single-tenant admin API stays the default tenant's")
                .isEqualTo(30);
        JsonArray tenants = json(wire.get("/_sandbox/tenants", null)).getJsonArray("tenants");
        assertThat(tenants.stream().map(t -> ((JsonObject) t).getString("name")))
                .containsExactly("acme", "default", "globex");
        assertThat(tenants.encode()).doesNotContain(ACME, GLOBEX);
    }

    @Test
    void tenantsAreSeededInBulkAndByTheAdminApiAndResetRemovesThem() {
        List<SandboxTenant> seeded = sandbox.tenants().seed(3, 10);
        assertThat(seeded).extracting(SandboxTenant::name).containsExactly("tenant-003", "tenant-004", "tenant-005");
        assertThat(listedIds(SandboxKeys.tenantKey(4))).hasSize(10).isEqualTo(dumpIds(seeded.get(1)));
        HttpResponse<String> added = wire.post("/_sandbox/tenants", null, "{\"count\":2,\"jobs\":5}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(listedIds(SandboxKeys.tenantKey(7))).hasSize(5);
        HttpResponse<String> one = wire.post(
                "/_sandbox/tenants", null, "{\"name\":\"initech\",\"key\":\"fi_pk_live_initech0\",\"jobs\":4}");
        assertThat(one.statusCode()).as(one.body()).isEqualTo(201);
        assertThat(listedIds("fi_pk_live_initech0")).hasSize(4);
        assertThat(wire.post("/_sandbox/tenants", null, "{\"name\":\"initech\",\"key\":\"other\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(wire.post("/_sandbox/tenants", null, "{\"name\":\"x2\",\"key\":\"" + ACME + "\"}")
                        .statusCode())
                .as("a key belongs to one tenant")
                .isEqualTo(400);

        sandbox.reset();
        assertThat(sandbox.tenants().all()).extracting(SandboxTenant::name).containsExactly("default");
        assertThat(wire.get("/v1/job-types", ACME).statusCode()).isEqualTo(401);
        assertThat(listedIds(SandboxKeys.FULL)).hasSize(30);
    }
}
