package dev.fieldsync.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole {@code /prometheus} page of a running service passes {@code promtool check metrics}, and every metric
 * the Grafana dashboard and the alerting rules refer to is on it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusOutputTest {
    ObservedService service;
    String page;
    Set<String> series;

    @BeforeAll
    void scrapeABusyService() {
        service = new ObservedService(250, pushConsumers());
        service.awaitCompletedPass();
        // Traffic of every kind first, so that lazily registered meters (per route, outcome, status) exist.
        service.get("/api/jobs?limit=5");
        service.get("/api/jobs/999999999");
        service.get("/api/lookups?refresh=true");
        service.get("/api/verify");
        service.get("/health/readiness");
        service.send("POST", "/api/sync", null, Map.of());
        HttpResponse<String> response = service.get("/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        page = response.body();
        series = MetricNames.inScrape(page);
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void promtoolFindsNothingToComplainAbout() {
        ExternalTool.Result result = Promtool.run(Path.of("."), page, "check", "metrics");
        assertThat(result.output()).as("promtool check metrics").isEmpty();
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void theSeriesPromtoolFlaggedAreFixedNotJustHidden() {
        assertThat(page).contains("# HELP http_server_requests_seconds ", "# HELP executor_seconds ");
        assertThat(series)
                .contains("process_cpu_seconds_total", "system_cpu_logical_processors")
                .doesNotContain("process_cpu_time_ns_total", "system_cpu_count");
        assertThat(series)
                .contains(
                        "fieldsync_gateway_calls_seconds_count",
                        "fieldsync_budget_wait_seconds_count",
                        "fieldsync_gateway_rate_limited_total",
                        "fieldsync_budget_available_tokens",
                        "fieldsync_sync_lag_seconds",
                        "fieldsync_sync_stalled",
                        "fieldsync_mirrored_jobs",
                        "fieldsync_submissions",
                        "fieldsync_change_consumer_lag_changes",
                        "fieldsync_change_consumer_lag_seconds",
                        "fieldsync_change_consumer_dead_letters",
                        "fieldsync_change_consumer_paused",
                        "fieldsync_change_deliveries_total");
    }

    /** A webhook endpoint nothing listens on and a broker sink (the broker's amq.topic), so their series exist. */
    private static Map<String, Object> pushConsumers() {
        try {
            java.nio.file.Path secret = java.nio.file.Files.createTempFile("push-secret", ".txt");
            java.nio.file.Files.writeString(
                    secret, "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]));
            int closed;
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                closed = socket.getLocalPort();
            }
            return Map.of(
                    "fieldsync.changes.endpoints.erp.url",
                    "http://127.0.0.1:" + closed + "/hooks",
                    "fieldsync.changes.endpoints.erp.secret",
                    "file:" + secret,
                    "fieldsync.changes.rabbitmq.events.uri",
                    "amqp://127.0.0.1:5672/",
                    "fieldsync.changes.rabbitmq.events.exchange",
                    "amq.topic");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everyMetricOfTheDashboardExists() throws Exception {
        Set<String> used =
                MetricNames.inDashboard(Promtool.OPS.resolve("grafana").resolve("fieldsync-dashboard.json"));
        assertThat(used).contains("fieldsync_sync_lag_seconds", "fieldsync_gateway_calls_seconds_count");
        assertThat(series).containsAll(used);
    }

    @Test
    void everyMetricOfTheAlertingRulesExists() throws Exception {
        Set<String> used =
                MetricNames.inRules(Promtool.OPS.resolve("prometheus").resolve("fieldsync-alerts.yml"));
        assertThat(used)
                .contains(
                        "fieldsync_sync_lag_seconds",
                        "fieldsync_sync_stalled",
                        "fieldsync_gateway_calls_seconds_count",
                        "fieldsync_mirrored_jobs",
                        "fieldsync_gateway_rate_limited_total",
                        "fieldsync_budget_available_tokens",
                        "fieldsync_submissions",
                        "fieldsync_change_consumer_lag_seconds",
                        "fieldsync_change_consumer_paused",
                        "fieldsync_change_consumer_dead_letters");
        assertThat(series).containsAll(used);
    }
}
