package dev.fieldsync.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The PromQL name extraction the dashboard and rules checks rely on. */
class MetricNamesTest {

    @Test
    void findsTheMetricsAndNothingElse() {
        assertThat(MetricNames.inExpression("sum by (route) (rate(fieldsync_gateway_calls_seconds_count{job=~\"$job\", "
                        + "route=\"GET /v1/jobs\"}[$__rate_interval])) * 60 / on (job) group_left max(up) > 0.5"))
                .containsExactlyInAnyOrder("fieldsync_gateway_calls_seconds_count", "up");
        assertThat(MetricNames.inExpression("count by (job) (fieldsync_mirrored_jobs) unless on (job) "
                        + "count by (job) (other_metric) or vector(1e3)"))
                .containsExactlyInAnyOrder("fieldsync_mirrored_jobs", "other_metric");
    }

    @Test
    void findsSeriesNamesOnAScrapePage() {
        assertThat(MetricNames.inScrape("# HELP a_total A\n# TYPE a_total counter\na_total{x=\"1\"} 3\nb 1.5\n"))
                .containsExactlyInAnyOrder("a_total", "b");
    }
}
