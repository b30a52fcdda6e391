package dev.fieldsync.app.e2e;

import static dev.fieldsync.app.e2e.ServiceEndToEndTest.poll;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.fieldsync.adapters.persistence.delivery.SqlConsumerCursors;
import dev.fieldsync.app.cli.Contexts;
import dev.fieldsync.app.scheduling.DeliveryLoops;
import dev.fieldsync.app.wiring.IntegrationRuntimes;
import dev.fieldsync.domain.change.Change;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.sandbox.GatewaySandbox;
import dev.fieldsync.sandbox.SandboxKeys;
import dev.fieldsync.sandbox.SandboxOptions;
import dev.fieldsync.sandbox.SandboxTenant;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Change delivery for many integrations in one service: the {@code default} integration and {@code beta}
 * (configured) each sync their own sandbox tenant; the endpoint {@code all} gets every served integration's changes,
 * {@code betaonly} ({@code integrations: beta}) beta's alone. Oracles: each integration's own change log (every change
 * arrives once, labelled with its integration in the body and the {@code fieldsync-integration} header), the
 * pair's durable cursor (each at its integration's latest sequence), and the deliverers running after {@code gamma}
 * is added through the API (its changes arrive) and removed (its deliverer stops).
 */
abstract class ManyIntegrationsDeliveryEndToEndTest {
    static final String TOKEN = "test-token-many-deliveries-0123";
    static final IntegrationId BETA = IntegrationId.of("beta");
    static final IntegrationId GAMMA = IntegrationId.of("gamma");

    /** One received webhook: the path it came to, its header, its body's integration, its change id. */
    record Received(String path, String header, String integration, String id) {}

    GatewaySandbox sandbox;
    SandboxTenant beta;
    SandboxTenant gamma;
    HttpServer receiver;
    ApplicationContext context;
    IntegrationRuntimes runtimes;
    String base;
    IntegrationId defaultIntegration;
    final List<Received> received = new CopyOnWriteArrayList<>();
    /** Every log line of the run (the root logger's, MDC taken on the writing thread), for what the lines say. */
    final ListAppender<ILoggingEvent> logs = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            super.append(event);
        }
    };

    abstract Map<String, Object> database();

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        logs.start();
        root().addAppender(logs);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path secretFile = Files.writeString(
                dir.resolve("hooks.secret"), "whsec_" + Base64.getEncoder().encodeToString(key));
        ObjectMapper mapper = new ObjectMapper();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            JsonNode change = mapper.readTree(exchange.getRequestBody().readAllBytes());
            received.add(new Received(
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("fieldsync-integration"),
                    change.path("integration").asText(),
                    change.path("id").asText()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String hooks = "http://127.0.0.1:" + receiver.getAddress().getPort();
        sandbox = GatewaySandbox.start(SandboxOptions.defaults()
                .seed(19)
                .jobs(20)
                .rateLimited(false)
                .officeEditRatePerSecond(0)
                .port(0));
        beta = sandbox.tenants().add("beta", SandboxKeys.tenantKey(1), 30, 23);
        gamma = sandbox.tenants().add("gamma", SandboxKeys.tenantKey(2), 25, 24);
        defaultIntegration = IntegrationId.of(TestDatabases.uniqueIntegration());
        Map<String, Object> properties =
                ManyIntegrationsEndToEndTest.service(database(), defaultIntegration, sandbox, TOKEN);
        properties.put("fieldsync.sync.interval", "1h");
        properties.put("fieldsync.sync.first-pass-horizon", "3650d");
        properties.put("fieldsync.sync.requested-pass-interval", "0s");
        properties.put("fieldsync.registry.refresh-interval", "500ms");
        properties.put("fieldsync.integrations.beta.gateway-url", sandbox.baseUrl());
        properties.put("fieldsync.integrations.beta.key", "property:test.keys.beta");
        properties.put("fieldsync.integrations.beta.sync-interval", "1h");
        properties.put("test.keys.beta", SandboxKeys.tenantKey(1));
        properties.put("test.keys.gamma", SandboxKeys.tenantKey(2));
        properties.put("fieldsync.changes.endpoints.all.url", hooks + "/all");
        properties.put("fieldsync.changes.endpoints.all.secret", "file:" + secretFile);
        properties.put("fieldsync.changes.endpoints.betaonly.url", hooks + "/betaonly");
        properties.put("fieldsync.changes.endpoints.betaonly.secret", "file:" + secretFile);
        properties.put("fieldsync.changes.endpoints.betaonly.integrations", "beta");
        properties.put("fieldsync.changes.delivery.poll-interval", "200ms");
        context = Contexts.server(properties);
        base = "http://127.0.0.1:" + context.getBean(EmbeddedServer.class).getPort();
        runtimes = context.getBean(IntegrationRuntimes.class);
    }

    @AfterEach
    void stop() {
        root().detachAppender(logs);
        if (context != null) {
            context.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void eachServedIntegrationsChangesReachTheConsumersOnceLabelledWithCursorsOfTheirOwn() {
        FirstDeliveries first = awaitFirstDeliveries();
        List<String> defaultLog = first.defaultLog();
        List<String> betaLog = first.betaLog();

        assertThat(received)
                .as("every delivery names its integration in the header and the body")
                .allSatisfy(one -> {
                    assertThat(one.header()).isEqualTo(one.integration());
                    assertThat(one.id()).startsWith("chg_" + one.integration() + "_");
                });
        assertThat(ids("/all", defaultIntegration)).containsExactlyInAnyOrderElementsOf(defaultLog);
        assertThat(ids("/all", BETA)).containsExactlyInAnyOrderElementsOf(betaLog);
        assertThat(ids("/betaonly", BETA)).containsExactlyInAnyOrderElementsOf(betaLog);
        assertThat(received.stream().filter(one -> one.path().equals("/betaonly")))
                .as("betaonly serves beta alone")
                .allSatisfy(one -> assertThat(one.integration()).isEqualTo(BETA.value()));

        SqlConsumerCursors cursors = context.getBean(SqlConsumerCursors.class);
        assertThat(cursors.load(defaultIntegration, "all").cursor())
                .isEqualTo(runtimes.find(defaultIntegration)
                        .orElseThrow()
                        .changes()
                        .latestSequence());
        assertThat(cursors.load(BETA, "all").cursor())
                .isEqualTo(runtimes.find(BETA).orElseThrow().changes().latestSequence());
        assertThat(cursors.load(defaultIntegration, "betaonly").cursor())
                .as("betaonly never delivered the default integration's changes")
                .isZero();

        DeliveryLoops loops = context.getBean(DeliveryLoops.class);
        HttpResponse<String> created = Http.post(
                base + "/api/integrations",
                TOKEN,
                "{\"id\": \"gamma\", \"gateway_url\": \"" + sandbox.baseUrl()
                        + "\", \"key\": \"property:test.keys.gamma\", \"sync_interval\": \"1h\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        List<String> gammaLog = awaitDelivered(GAMMA, "/all", gamma.dump().size());
        assertThat(ids("/all", GAMMA)).containsExactlyInAnyOrderElementsOf(gammaLog);
        assertThat(ids("/betaonly", GAMMA)).isEmpty();
        assertThat(loops.delivering()).contains(defaultIntegration, BETA, GAMMA);

        HttpResponse<String> removed = Http.send("DELETE", base + "/api/integrations/gamma", TOKEN, null, Map.of());
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(204);
        assertThat(loops.delivering())
                .as("gamma's deliverer stopped with its runtime")
                .containsExactlyInAnyOrder(defaultIntegration, BETA);
    }

    @Test
    void eachIntegrationsConsumersAnswerUnderItsPathAndARewindMovesThatPairAlone() throws Exception {
        FirstDeliveries first = awaitFirstDeliveries();
        List<String> defaultLog = first.defaultLog();
        List<String> betaLog = first.betaLog();
        SqlConsumerCursors cursors = context.getBean(SqlConsumerCursors.class);
        long defaultCursor = cursors.load(defaultIntegration, "all").cursor();
        long betaLatest = runtimes.find(BETA).orElseThrow().changes().latestSequence();
        ObjectMapper mapper = new ObjectMapper();

        JsonNode betaConsumers = mapper.readTree(Http.get(base + "/api/integrations/beta/changes/consumers", TOKEN)
                .body());
        assertThat(betaConsumers.path("consumers").findValuesAsText("name")).containsExactly("all", "betaonly");
        assertThat(betaConsumers.path("consumers").findValues("cursor"))
                .as("beta's pairs stand at beta's latest sequence")
                .allSatisfy(cursor -> assertThat(cursor.asLong()).isEqualTo(betaLatest));
        JsonNode defaults =
                mapper.readTree(Http.get(base + "/api/changes/consumers", TOKEN).body());
        assertThat(defaults.path("consumers").findValuesAsText("name"))
                .as("betaonly does not serve the default integration")
                .containsExactly("all");
        assertThat(defaults.path("consumers").get(0).path("cursor").asLong()).isEqualTo(defaultCursor);

        HttpResponse<String> notServing = Http.get(base + "/api/changes/consumers/betaonly", TOKEN);
        assertThat(notServing.statusCode()).as(notServing.body()).isEqualTo(404);
        assertThat(notServing.body())
                .contains("does not serve integration '" + defaultIntegration.value(), "serves beta");
        HttpResponse<String> unknown = Http.get(base + "/api/integrations/nosuch/changes/consumers", TOKEN);
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
        assertThat(unknown.body()).contains("unknown-integration", "No integration 'nosuch'");
        HttpResponse<String> unknownRewind =
                Http.post(base + "/api/integrations/nosuch/changes/consumers/all/replay?from=1", TOKEN, "");
        assertThat(unknownRewind.statusCode()).as(unknownRewind.body()).isEqualTo(404);

        HttpResponse<String> betaPage = Http.get(base + "/console/integrations/beta/consumers", TOKEN);
        assertThat(betaPage.statusCode()).as(betaPage.body()).isEqualTo(200);
        assertThat(betaPage.body()).contains("<td>betaonly</td>", "<td>" + betaLatest + "</td>");
        assertThat(Http.get(base + "/console/consumers", TOKEN).body())
                .contains("<td>all</td>", "<td>" + defaultCursor + "</td>")
                .doesNotContain("betaonly");
        HttpResponse<String> resumed = Http.send(
                "POST",
                base + "/console/integrations/beta/consumers/betaonly/resume",
                TOKEN,
                null,
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
        assertThat(resumed.body()).contains("betaonly delivers again", "/console/integrations/beta/consumers");

        int defaultReceived = ids("/all", defaultIntegration).size();
        HttpResponse<String> rewound =
                Http.post(base + "/api/integrations/beta/changes/consumers/all/replay?from=1", TOKEN, "");
        assertThat(rewound.statusCode()).as(rewound.body()).isEqualTo(202);
        assertThat(mapper.readTree(rewound.body())
                        .path("consumer")
                        .path("cursor")
                        .asLong())
                .as("the answer shows beta's pair rewound")
                .isZero();
        poll(Duration.ofSeconds(60), "beta's changes delivered to /all a second time", () -> {
            List<String> again = ids("/all", BETA);
            return betaLog.stream()
                                    .allMatch(id ->
                                            again.stream().filter(id::equals).count() == 2)
                            && cursors.load(BETA, "all").cursor() == betaLatest
                    ? again
                    : null;
        });
        assertThat(cursors.load(defaultIntegration, "all").cursor())
                .as("the default integration's pair did not move")
                .isEqualTo(defaultCursor);
        assertThat(ids("/all", defaultIntegration))
                .as("nothing of the default integration was sent again")
                .hasSize(defaultReceived)
                .containsExactlyInAnyOrderElementsOf(defaultLog);
        assertThat(cursors.load(BETA, "betaonly").cursor())
                .as("beta's other pair did not move")
                .isEqualTo(betaLatest);

        String betaChange = betaLog.get(0);
        HttpResponse<String> replayed = Http.post(
                base + "/api/integrations/beta/changes/consumers/betaonly/replay?change=" + betaChange, TOKEN, "");
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        assertThat(ids("/betaonly", BETA).stream().filter(betaChange::equals)).hasSize(2);
        HttpResponse<String> otherIntegrationsChange = Http.post(
                base + "/api/integrations/beta/changes/consumers/all/replay?change=" + defaultLog.get(0), TOKEN, "");
        assertThat(otherIntegrationsChange.statusCode())
                .as(otherIntegrationsChange.body())
                .isEqualTo(400);
        assertThat(ids("/all", defaultIntegration)).hasSize(defaultReceived);

        JsonNode health = mapper.readTree(
                        Http.get(base + "/health/readiness", TOKEN).body())
                .path("details")
                .path("changeConsumers")
                .path("details");
        assertThat(health.has("all")).as(health.toString()).isTrue();
        assertThat(health.has("betaonly")).as(health.toString()).isFalse();
        assertThat(health.path("integrations").path("beta").has("betaonly"))
                .as(health.toString())
                .isTrue();
        List<String> series = Http.get(base + "/prometheus", TOKEN)
                .body()
                .lines()
                .filter(line -> line.startsWith("fieldsync_change_consumer_lag_changes{"))
                .map(line -> line.replaceAll("^[^{]*\\{|}.*$", ""))
                .toList();
        assertThat(series)
                .as("one series per (integration, consumer) pair, none for betaonly and the default")
                .anyMatch(tags -> tags.contains("consumer=\"all\"") && tags.contains("integration=\"beta\""))
                .anyMatch(tags -> tags.contains("consumer=\"betaonly\"") && tags.contains("integration=\"beta\""))
                .anyMatch(tags -> tags.contains("consumer=\"all\"")
                        && tags.contains("integration=\"" + defaultIntegration.value() + "\""))
                .noneMatch(tags -> tags.contains("consumer=\"betaonly\"")
                        && tags.contains("integration=\"" + defaultIntegration.value() + "\""));
    }

    @Test
    void eachIntegrationsBudgetPageCountsItsOwnCalls() {
        awaitFirstDeliveries();
        SandboxTenant defaultTenant = sandbox.tenants().defaultTenant();
        int defaultCalls = poll(Duration.ofSeconds(30), "the default's page counting its tenant's requests", () -> {
            int requests = defaultTenant.requests().size();
            return budgetPageCalls("/console/budget") == requests ? requests : null;
        });
        int betaBefore = poll(Duration.ofSeconds(30), "beta's page counting its tenant's requests", () -> {
            int requests = beta.requests().size();
            return budgetPageCalls("/console/integrations/beta/budget") == requests ? requests : null;
        });
        assertThat(betaBefore).isPositive();

        poll(Duration.ofSeconds(30), "beta's pass asked for", () -> {
            int status =
                    Http.post(base + "/api/integrations/beta/sync", TOKEN, null).statusCode();
            return status == 200 || status == 202 ? status : null;
        });
        int betaAfter = poll(Duration.ofSeconds(30), "beta's page counting beta's new pass", () -> {
            int requests = beta.requests().size();
            return requests > betaBefore && budgetPageCalls("/console/integrations/beta/budget") == requests
                    ? requests
                    : null;
        });
        assertThat(betaAfter).isGreaterThan(betaBefore);
        assertThat(budgetPageCalls("/console/budget"))
                .as("beta's pass is not on the default integration's page")
                .isEqualTo(defaultCalls)
                .isEqualTo(defaultTenant.requests().size());
        assertThat(Http.get(base + "/console/integrations/beta/budget", TOKEN).body())
                .doesNotContain("Not kept for");
    }

    @Test
    void aKeyFileFixedAfterTheBuildClearsTheProblemWithoutARestart(@TempDir Path keys) throws Exception {
        Path keyFile = keys.resolve("gamma.key");
        HttpResponse<String> created = Http.post(
                base + "/api/integrations",
                TOKEN,
                "{\"id\": \"gamma\", \"gateway_url\": \"" + sandbox.baseUrl() + "\", \"key\": \"file:" + keyFile
                        + "\", \"sync_interval\": \"1h\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String problem = poll(Duration.ofSeconds(30), "gamma's missing key file as its problem", () -> {
            JsonNode view = ServiceEndToEndTest.json(Http.get(base + "/api/integrations/gamma", TOKEN));
            return view.path("problem").isTextual() ? view.path("problem").asText() : null;
        });
        assertThat(problem).contains(keyFile.toString()).doesNotContain(SandboxKeys.tenantKey(2));
        assertThat(runtimes.problem(GAMMA)).isPresent();

        Files.writeString(keyFile, SandboxKeys.tenantKey(2) + "\n");
        assertThat(runtimes.problem(GAMMA)).as("asked again, the key reads now").isEmpty();
        JsonNode view = ServiceEndToEndTest.json(Http.get(base + "/api/integrations/gamma", TOKEN));
        assertThat(view.path("problem").isNull() || view.path("problem").isMissingNode())
                .as(view.toString())
                .isTrue();
        assertThat(runtimes.troubled()).doesNotContain(GAMMA);
        poll(Duration.ofSeconds(30), "gamma's pass asked for", () -> {
            int status = Http.post(base + "/api/integrations/gamma/sync", TOKEN, null)
                    .statusCode();
            return status == 200 || status == 202 ? status : null;
        });
        awaitDelivered(GAMMA, "/all", gamma.dump().size());
    }

    /** The calls of the hour on a budget page: the sum of its series' totals (the 429 row aside). */
    private int budgetPageCalls(String page) {
        String body = Http.get(base + page, TOKEN).body();
        String totals = body.substring(body.indexOf("id=\"budget-totals\""));
        totals = totals.substring(0, totals.indexOf("</table>"));
        java.util.regex.Matcher row = java.util.regex.Pattern.compile("<td>([a-z_]+)</td><td>(\\d+)</td>")
                .matcher(totals);
        int sum = 0;
        while (row.find()) {
            sum += Integer.parseInt(row.group(2));
        }
        return sum;
    }

    static ch.qos.logback.classic.Logger root() {
        return (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    }

    /** The change ids of the default integration's and beta's logs, once delivered to their consumers. */
    record FirstDeliveries(List<String> defaultLog, List<String> betaLog) {}

    /** Waits until the default's and beta's first passes reached {@code /all}, and beta's {@code /betaonly}. */
    private FirstDeliveries awaitFirstDeliveries() {
        List<String> defaultLog = awaitDelivered(
                defaultIntegration,
                "/all",
                sandbox.tenants().defaultTenant().dump().size());
        List<String> betaLog = awaitDelivered(BETA, "/all", beta.dump().size());
        awaitDelivered(BETA, "/betaonly", beta.dump().size());
        return new FirstDeliveries(defaultLog, betaLog);
    }

    /**
     * Waits until the integration's log holds its tenant's jobs as created changes and every one of its changes
     * arrived at {@code path}; answers the log's change ids.
     */
    private List<String> awaitDelivered(IntegrationId integration, String path, int jobs) {
        return poll(Duration.ofSeconds(90), integration + "'s changes delivered to " + path, () -> {
            var served = runtimes.find(integration);
            if (served.isEmpty()) {
                return null;
            }
            List<Change> log = served.get().changes().after(0, 1000, Set.of());
            if (log.stream()
                            .filter(change -> change.kind().wireName().equals("job.created"))
                            .count()
                    < jobs) {
                return null;
            }
            List<String> logIds = log.stream().map(Change::id).toList();
            return Set.copyOf(ids(path, integration)).containsAll(logIds) ? logIds : null;
        });
    }

    private List<String> ids(String path, IntegrationId integration) {
        return received.stream()
                .filter(one -> one.path().equals(path) && one.integration().equals(integration.value()))
                .map(Received::id)
                .collect(Collectors.toList());
    }
}
