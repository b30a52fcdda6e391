package dev.fieldsync.app.e2e;

import static dev.fieldsync.app.e2e.ServiceEndToEndTest.json;
import static dev.fieldsync.app.e2e.ServiceEndToEndTest.poll;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fieldsync.app.cli.Contexts;
import dev.fieldsync.app.wiring.Adapters;
import dev.fieldsync.app.wiring.IntegrationRuntimes;
import dev.fieldsync.app.wiring.ServedIntegration;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.job.JobDraftInput;
import dev.fieldsync.ports.in.write.SubmitResult;
import dev.fieldsync.ports.out.budget.BudgetStatus;
import dev.fieldsync.ports.out.store.Jobs;
import dev.fieldsync.sandbox.GatewaySandbox;
import dev.fieldsync.sandbox.SandboxJob;
import dev.fieldsync.sandbox.SandboxKeys;
import dev.fieldsync.sandbox.SandboxOptions;
import dev.fieldsync.sandbox.SandboxTenant;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several integrations in one service, each its own sandbox tenant (own key, jobs, lookups, bucket): the oracles are
 * each tenant's dump, its created jobs and its request log. The {@code default} integration runs on the sandbox's
 * built-in key, {@code beta} is declared in configuration, {@code gamma} is added through {@code POST
 * /api/integrations} at run time, {@code delta} names a key environment variable that is not set.
 */
abstract class ManyIntegrationsEndToEndTest {
    static final String TOKEN = "test-token-many-integrations-0123";
    static final String BETA_KEY = SandboxKeys.tenantKey(1);
    static final String GAMMA_KEY = SandboxKeys.tenantKey(2);
    static final String MISSING_ENV = "FIELDSYNC_TEST_KEY_THAT_IS_NOT_SET";
    static final IntegrationId BETA = IntegrationId.of("beta");
    static final IntegrationId GAMMA = IntegrationId.of("gamma");
    static final IntegrationId DELTA = IntegrationId.of("delta");
    static final Duration INTERVAL = Duration.ofSeconds(1);
    static final HttpClient SANDBOX_CLIENT = HttpClient.newHttpClient();

    GatewaySandbox sandbox;
    SandboxTenant beta;
    SandboxTenant gamma;
    ApplicationContext context;
    IntegrationRuntimes runtimes;
    Jobs jobs;
    String base;
    IntegrationId defaultIntegration;

    abstract Map<String, Object> database();

    /** Whether the budgets are shared through the database (one bucket per integration). */
    abstract boolean sharedBudget();

    @BeforeEach
    void start() {
        sandbox = GatewaySandbox.start(SandboxOptions.defaults()
                .seed(15)
                .jobs(40)
                .rateLimited(false)
                .officeEditRatePerSecond(0)
                .port(0));
        beta = sandbox.tenants().add("beta", BETA_KEY, 60, 21);
        gamma = sandbox.tenants().add("gamma", GAMMA_KEY, 50, 22);
        defaultIntegration = IntegrationId.of(TestDatabases.uniqueIntegration());
        Map<String, Object> properties = service(database(), defaultIntegration, sandbox, TOKEN);
        properties.put("fieldsync.budget.rate-per-minute", 40);
        properties.put("fieldsync.budget.burst", 10);
        properties.put("fieldsync.budget.shared", sharedBudget());
        properties.put("fieldsync.budget.pause-after-rate-limited", "15s");
        properties.put("fieldsync.sync.interval", INTERVAL.toMillis() + "ms");
        properties.put("fieldsync.sync.requested-pass-interval", "0s");
        properties.put("fieldsync.sync.first-pass-horizon", "3650d");
        properties.put("fieldsync.dispatch.interval", "500ms");
        properties.put("fieldsync.registry.refresh-interval", "500ms");
        properties.put("fieldsync.integrations.beta.gateway-url", sandbox.baseUrl());
        properties.put("fieldsync.integrations.beta.key", "property:test.keys.beta");
        properties.put("fieldsync.integrations.beta.sync-interval", "1s");
        properties.put("fieldsync.integrations.beta.budget.rate-per-minute", 40);
        properties.put("fieldsync.integrations.beta.budget.burst", 10);
        properties.put("test.keys.beta", BETA_KEY);
        properties.put("test.keys.gamma", GAMMA_KEY);
        properties.put("fieldsync.integrations.delta.gateway-url", sandbox.baseUrl());
        properties.put("fieldsync.integrations.delta.key", "env:" + MISSING_ENV);
        properties.put("fieldsync.integrations.delta.sync-interval", "1s");
        context = Contexts.server(properties);
        base = "http://127.0.0.1:" + context.getBean(EmbeddedServer.class).getPort();
        runtimes = context.getBean(IntegrationRuntimes.class);
        jobs = context.getBean(Adapters.class).jobs();
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void twoIntegrationsSyncCreateAndAreRateLimitedEachInItsOwnTenant() {
        awaitMirror(defaultIntegration, sandbox.tenants().defaultTenant());
        awaitMirror(BETA, beta);
        assertThat(sandbox.tenants().defaultTenant().dump()).hasSize(40);
        assertThat(beta.dump()).hasSize(60);

        int defaultBefore = sandbox.tenants().defaultTenant().dump().size();
        int betaBefore = beta.dump().size();
        int gammaBefore = gamma.dump().size();
        submit(defaultIntegration, sandbox.tenants().defaultTenant(), "created for the default integration");
        submit(BETA, beta, "created for beta");
        poll(Duration.ofSeconds(60), "each create sent to its own tenant", () -> {
            return sandbox.tenants().defaultTenant().dump().size() == defaultBefore + 1
                            && beta.dump().size() == betaBefore + 1
                    ? true
                    : null;
        });
        assertThat(titles(sandbox.tenants().defaultTenant())).contains("created for the default integration");
        assertThat(titles(sandbox.tenants().defaultTenant())).doesNotContain("created for beta");
        assertThat(titles(beta)).contains("created for beta").doesNotContain("created for the default integration");
        assertThat(gamma.dump()).hasSize(gammaBefore);
        assertThat(sandbox.tenants().defaultTenant().duplicateExternalIds()).isEmpty();
        assertThat(beta.duplicateExternalIds()).isEmpty();
        awaitMirror(defaultIntegration, sandbox.tenants().defaultTenant());
        awaitMirror(BETA, beta);

        assertThat(changedJobs(defaultIntegration))
                .as("the default integration's change log holds its tenant's jobs only")
                .isNotEmpty()
                .isSubsetOf(ids(sandbox.tenants().defaultTenant()));
        assertThat(changedJobs(BETA))
                .as("beta's change log holds its tenant's jobs only")
                .isNotEmpty()
                .isSubsetOf(ids(beta));

        // beta's tenant bucket is kept empty by someone else's traffic with beta's key: beta's next call gets a 429
        sandbox.settings().rateLimited(true);
        BudgetStatus betaBudget = poll(Duration.ofSeconds(60), "beta's budget paused by a 429", () -> {
            IntStream.range(0, 40)
                    .mapToObj(i -> SANDBOX_CLIENT.sendAsync(
                            HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/v1/job-types"))
                                    .header("Authorization", "Bearer " + BETA_KEY)
                                    .timeout(Duration.ofSeconds(20))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString()))
                    .toList()
                    .stream()
                    .forEach(CompletableFuture::join);
            BudgetStatus status = runtimes.budget(BETA).orElseThrow().status();
            return status.rateLimitedReports() > 0 && status.pausedUntil().isPresent() ? status : null;
        });
        assertThat(beta.stats().rateLimited()).isPositive();
        long defaultRequests = sandbox.tenants().defaultTenant().requests().size();
        poll(Duration.ofSeconds(30), "the default integration syncing on while beta is paused", () -> {
            return sandbox.tenants().defaultTenant().requests().size() > defaultRequests + 3 ? true : null;
        });
        assertThat(runtimes.budget(BETA).orElseThrow().status().pausedUntil())
                .as("beta still paused")
                .isPresent();
        BudgetStatus defaultBudget =
                runtimes.budget(defaultIntegration).orElseThrow().status();
        assertThat(defaultBudget.rateLimitedReports()).isZero();
        assertThat(defaultBudget.pausedUntil()).isEmpty();
        assertThat(betaBudget.rateLimitedReports()).isPositive();
        assertThat(sandbox.tenants().defaultTenant().stats().rateLimited()).isZero();
        String metrics = Http.get(base + "/prometheus", TOKEN).body();
        assertThat(metrics)
                .contains("fieldsync_gateway_rate_limited_total{integration=\"beta\"")
                .contains("fieldsync_budget_available_tokens{integration=\"" + defaultIntegration.value() + "\"");
        sandbox.settings().rateLimited(false);
    }

    @Test
    void anIntegrationIsAddedPausedResumedAndRemovedWithoutARestart() throws InterruptedException {
        assertThat(runtimes.find(GAMMA)).isEmpty();
        String body = "{\"id\": \"gamma\", \"gateway_url\": \"" + sandbox.baseUrl()
                + "\", \"key\": \"property:test.keys.gamma\", \"sync_interval\": \"1s\", \"rate_per_minute\": 40,"
                + " \"burst\": 10}";
        HttpResponse<String> created = Http.post(base + "/api/integrations", TOKEN, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        awaitMirror(GAMMA, gamma);
        JsonNode view = poll(Duration.ofSeconds(30), "gamma's sync status", () -> {
            JsonNode now = json(Http.get(base + "/api/integrations/gamma", TOKEN));
            return now.path("mirrored_jobs").asLong() == gamma.dump().size() && now.hasNonNull("leader") ? now : null;
        });
        assertThat(view.get("state").asText()).isEqualTo("running");
        assertThat(json(Http.post(base + "/api/integrations/gamma/sync", TOKEN, ""))
                        .path("code")
                        .asText())
                .as("gamma is served: no integration-not-served")
                .isNotEqualTo("integration-not-served");

        assertThat(Http.post(base + "/api/integrations/gamma/pause", TOKEN, "").statusCode())
                .isEqualTo(200);
        awaitQuiet(gamma, "gamma paused");
        assertThat(runtimes.find(GAMMA))
                .as("a paused integration keeps its core")
                .isPresent();
        long betaRequests = beta.requests().size();
        poll(Duration.ofSeconds(30), "beta syncing on while gamma is paused", () -> {
            return beta.requests().size() > betaRequests ? true : null;
        });

        int gammaRequests = gamma.requests().size();
        assertThat(Http.post(base + "/api/integrations/gamma/resume", TOKEN, "").statusCode())
                .isEqualTo(200);
        poll(Duration.ofSeconds(30), "gamma's passes after the resume", () -> {
            return gamma.requests().size() > gammaRequests ? true : null;
        });

        HttpResponse<String> removed = Http.send("DELETE", base + "/api/integrations/gamma", TOKEN, null, Map.of());
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(204);
        assertThat(runtimes.find(GAMMA)).isEmpty();
        awaitQuiet(gamma, "gamma removed");
        assertThat(jobs.count(GAMMA)).as("gamma's mirror is gone").isZero();
        assertThat(Http.get(base + "/api/integrations/gamma", TOKEN).statusCode())
                .isEqualTo(404);
        assertThat(jobs.count(BETA))
                .as("beta's mirror stays")
                .isEqualTo(beta.dump().size());

        // delta's key variable is not set: delta says so, names the variable, and the others ran all along
        assertThat(runtimes.problem(DELTA))
                .hasValueSatisfying(problem -> assertThat(problem).contains(MISSING_ENV));
        JsonNode delta = poll(Duration.ofSeconds(30), "delta's failed pass", () -> {
            JsonNode now = json(Http.get(base + "/api/integrations/delta", TOKEN));
            return now.path("sync").hasNonNull("last_error") ? now : null;
        });
        assertThat(delta.path("sync").path("last_error").asText()).contains(MISSING_ENV);
        assertThat(delta.path("problem").asText())
                .as("the view says why delta cannot work, naming the variable")
                .contains("environment variable " + MISSING_ENV);
        JsonNode listed = json(Http.get(base + "/api/integrations", TOKEN));
        for (JsonNode one : listed.path("integrations")) {
            if (one.path("id").asText().equals("beta")) {
                assertThat(one.path("problem").isMissingNode()
                                || one.path("problem").isNull())
                        .as("beta runs: no problem")
                        .isTrue();
            }
            if (one.path("id").asText().equals("delta")) {
                assertThat(one.path("problem").asText()).contains(MISSING_ENV);
            }
        }
        // readiness stays UP for delta's missing key and names it; its gauge says 1, beta's 0
        JsonNode readiness = json(Http.get(base + "/health/readiness", TOKEN));
        assertThat(readiness.path("status").asText()).isEqualTo("UP");
        JsonNode sync = readiness.path("details").path("sync").path("details");
        assertThat(sync.path("integrations").path("delta").path("problem").asText())
                .contains(MISSING_ENV);
        assertThat(sync.path("integrations").path("beta").path("served").asBoolean())
                .isTrue();
        assertThat(sync.path("integrationsWarning").asText()).contains("delta").doesNotContain("beta");
        String metrics = Http.get(base + "/prometheus", TOKEN).body();
        assertThat(metrics)
                .contains("fieldsync_integration_problem{integration=\"delta\"} 1.0")
                .contains("fieldsync_integration_problem{integration=\"beta\"} 0.0")
                .contains("fieldsync_mirrored_jobs{integration=\"beta\"} "
                        + beta.dump().size() + ".0")
                .contains("fieldsync_sync_stalled{integration=\"beta\"} 0.0")
                .as("gamma was removed: its mirror gauges went with it")
                .doesNotContain("fieldsync_mirrored_jobs{integration=\"gamma\"");
        assertThat(Http.get(base + "/api/integrations", TOKEN).body()).doesNotContain(BETA_KEY, GAMMA_KEY);
    }

    @Test
    void eachIntegrationSweepsItsOwnMirrorThroughItsScopedPath() {
        // gamma syncs hourly, so its budget is left to the sweep (which takes only what sync leaves: beta, at a pass
        // a second, would starve it by design).
        String body = "{\"id\": \"gamma\", \"gateway_url\": \"" + sandbox.baseUrl()
                + "\", \"key\": \"property:test.keys.gamma\", \"sync_interval\": \"1h\", \"rate_per_minute\": 40,"
                + " \"burst\": 10}";
        HttpResponse<String> created = Http.post(base + "/api/integrations", TOKEN, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        awaitMirror(GAMMA, gamma);
        List<String> moved = gamma.scope().moveOutShare(0.04, 15); // 2 of 50: under the 10 % guard

        HttpResponse<String> started = Http.post(base + "/api/integrations/gamma/sweep", TOKEN, "");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        assertThat(json(started).path("status_url").asText()).isEqualTo("/api/integrations/gamma/sweep");
        JsonNode done = poll(Duration.ofSeconds(60), "gamma's sweep completed", () -> {
            JsonNode status = json(Http.get(base + "/api/integrations/gamma/sweep", TOKEN));
            return status.path("last_completed").isObject() ? status : null;
        });

        assertThat(moved).hasSize(2);
        assertThat(done.path("last_completed").path("marked_gone").asLong()).isEqualTo(2);
        assertThat(done.path("last_completed").path("jobs_seen").asLong()).isEqualTo(48);
        assertThat(jobs.countGone(GAMMA)).isEqualTo(2);
        assertThat(jobs.countGone(BETA)).as("beta swept nothing").isZero();
        assertThat(jobs.countGone(defaultIntegration))
                .as("the default integration swept nothing")
                .isZero();
    }

    /** A service on a random port over {@code database}: its own integration on the sandbox's built-in key. */
    static Map<String, Object> service(
            Map<String, Object> database, IntegrationId integration, GatewaySandbox sandbox, String token) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("micronaut.server.port", -1);
        properties.put("fieldsync.integration-id", integration.value());
        properties.put("fieldsync.gateway.base-url", sandbox.baseUrl());
        properties.put("fieldsync.key.value", SandboxKeys.FULL);
        properties.put("fieldsync.api.token", token);
        return properties;
    }

    /** The integration's mirror holds exactly the tenant's jobs. */
    private void awaitMirror(IntegrationId integration, SandboxTenant tenant) {
        poll(Duration.ofSeconds(90), integration + "'s mirror equal to its tenant's dump", () -> {
            List<SandboxJob> dump = tenant.dump();
            if (jobs.count(integration) != dump.size()) {
                return null;
            }
            return dump.stream()
                            .allMatch(job ->
                                    jobs.find(integration, JobId.of(job.id())).isPresent())
                    ? true
                    : null;
        });
    }

    /** Not one request from the tenant's key across four of its sync intervals (after a pass in flight ends). */
    private void awaitQuiet(SandboxTenant tenant, String why) throws InterruptedException {
        Thread.sleep(INTERVAL.toMillis()); // a page in flight when the pause was seen may still complete
        int before = tenant.requests().size();
        Thread.sleep(INTERVAL.multipliedBy(4).toMillis());
        assertThat(tenant.requests().size()).as(why + ": no request").isEqualTo(before);
    }

    private void submit(IntegrationId integration, SandboxTenant tenant, String title) {
        ServedIntegration served = runtimes.find(integration).orElseThrow();
        SandboxJob model = tenant.dump().get(0);
        SubmitResult result = served.core()
                .submitJob()
                .submit(JobDraftInput.builder()
                        .site(model.siteId())
                        .jobType(model.jobTypeId())
                        .title(title)
                        .startTime("2026-07-01T09:00:00+10:00")
                        .endTime("2026-07-01T11:00:00+10:00")
                        .build());
        assertThat(result).as(String.valueOf(result)).isInstanceOf(SubmitResult.Accepted.class);
        served.work().nudgeDispatch();
    }

    private Set<String> changedJobs(IntegrationId integration) {
        return runtimes.find(integration).orElseThrow().changes().after(0, 1000, Set.of()).stream()
                .flatMap(change -> change.entry().jobId().stream())
                .map(JobId::value)
                .collect(Collectors.toSet());
    }

    private static Set<String> ids(SandboxTenant tenant) {
        return tenant.dump().stream().map(SandboxJob::id).collect(Collectors.toSet());
    }

    private static List<String> titles(SandboxTenant tenant) {
        return tenant.dump().stream().map(SandboxJob::title).toList();
    }
}
