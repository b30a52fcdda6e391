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
        service = new ObservedService(250, Map.of());
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
                        "fieldsync_submissions");
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
                        "fieldsync_submissions");
        assertThat(series).containsAll(used);
    }
}
