package dev.fieldsync.benchmarks.e2e;

import dev.fieldsync.benchmarks.harness.Fleet;
import dev.fieldsync.benchmarks.harness.InstanceMeter;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * {@link FleetCapacity}'s outcome as figures: section {@code fleet} (the distribution over the integrations, the
 * instance, the idle steady state) and {@code fleet_per_integration} (each integration's own first sync).
 */
final class FleetReport {
    private static final String F = "fleet";
    private static final double MB = 1024.0 * 1024.0;
    private static final String[] SPREAD = {"min", "median", "p90", "max"};

    private FleetReport() {}

    static void run(Results results, FleetCapacity.Options options) throws InterruptedException {
        System.out.println("== fleet capacity: " + options.integrations() + " integrations x " + options.jobs()
                + " jobs on one instance, time scale " + options.timeScale());
        put(results, FleetCapacity.measure(options));
    }

    static void put(Results r, FleetCapacity.Outcome outcome) {
        FleetCapacity.Options o = outcome.options();
        List<FleetCapacity.IntegrationRun> runs = outcome.integrations();
        int scale = o.timeScale();
        int cores = Runtime.getRuntime().availableProcessors();
        r.put(F, "load_average_at_start", outcome.loadAtStart(), "");
        r.put(F, "integrations", runs.size(), "integrations");
        r.put(F, "jobs_per_integration", o.jobs(), "jobs");
        r.put(F, "time_scale", scale, "x");
        r.put(F, "budget_rate_per_min_scaled", Fleet.RATE_PER_MINUTE * scale, "req/min");
        r.put(F, "budget_burst", Fleet.BURST, "requests");
        r.put(F, "budget_reserve", Fleet.RESERVE, "requests");
        r.put(F, "sync_interval_scaled_s", Math.max(1, Fleet.SYNC_INTERVAL_SECONDS / scale), "s");
        r.put(F, "service_heap", o.heap(), "");

        long used =
                runs.stream().mapToLong(FleetCapacity.IntegrationRun::requests).sum();
        long minimum =
                runs.stream().mapToLong(FleetCapacity.IntegrationRun::minimum).sum();
        r.put(F, "requests_used_total", used, "requests");
        r.put(F, "requests_minimum_total", minimum, "requests");
        r.put(
                F,
                "integrations_over_minimum",
                runs.stream().filter(i -> i.requests() != i.minimum()).count(),
                "");
        r.put(
                F,
                "rate_limited_429",
                runs.stream()
                                .mapToLong(FleetCapacity.IntegrationRun::rateLimited)
                                .sum()
                        + outcome.defaultTenantRateLimited(),
                "responses");
        r.put(
                F,
                "mirrors_exact",
                runs.stream().filter(FleetCapacity.IntegrationRun::mirrorExact).count(),
                "");
        spread(r, "wall_s", runs, FleetCapacity.IntegrationRun::wallSeconds, 3);
        spread(r, "bound_s", runs, FleetCapacity.IntegrationRun::boundSeconds, 3);
        spread(r, "bound_after_burst_s", runs, FleetCapacity.IntegrationRun::boundAfterBurstSeconds, 3);
        spread(r, "wall_over_bound", runs, FleetCapacity.IntegrationRun::wallOverBound, 3);
        r.put(
                F,
                "within_2pct_of_bound",
                runs.stream().filter(i -> i.wallOverBound() <= 1.02).count(),
                "");
        spread(r, "done_after_launch_s", runs, FleetCapacity.IntegrationRun::doneAfterLaunchSeconds, 2);

        // Every first sync together: from the first integration's first request to the last one's last page.
        double from = runs.stream()
                .mapToDouble(i -> i.doneAfterLaunchSeconds() - i.wallSeconds())
                .min()
                .orElse(0);
        double to = runs.stream()
                .mapToDouble(FleetCapacity.IntegrationRun::doneAfterLaunchSeconds)
                .max()
                .orElse(0);
        long jobs = runs.stream().mapToLong(FleetCapacity.IntegrationRun::jobs).sum();
        double pagesPerSecond = (used - (long) runs.size() * FleetCapacity.CLOCK_PROBE) / (to - from);
        r.put(F, "all_first_syncs_s", Results.round(to - from, 2), "s");
        r.put(F, "aggregate_jobs_per_s", Results.round(jobs / (to - from), 0), "jobs/s");
        r.put(F, "aggregate_pages_per_s", Results.round(pagesPerSecond, 1), "pages/s");
        r.put(
                F,
                "integrations_at_full_real_rate_sustained",
                Results.round(pagesPerSecond * 60 / Fleet.RATE_PER_MINUTE, 0),
                "integrations");

        FleetCapacity.Instance in = outcome.instance();
        r.put(F, "instance_launch_to_synced_s", Results.round(in.syncWallSeconds(), 2), "s");
        r.put(F, "instance_cpu_s", Results.round(in.syncCpuSeconds(), 1), "s");
        r.put(F, "instance_cpu_pct_of_one_core", Results.round(in.syncCpuPercentOfOneCore(), 1), "%");
        r.put(F, "instance_cpu_pct_of_machine", Results.round(in.syncCpuPercentOfOneCore() / cores, 1), "%");
        r.put(F, "machine_busy_pct", Results.round(in.syncMachineBusyPercent(), 1), "%");
        r.put(F, "heap_used_after_first_syncs_mb", Results.round(in.heapAfterSyncBytes() / MB, 1), "MB");
        InstanceMeter.Peaks scrapes = in.syncScrapes();
        if (scrapes.scrapes() > scrapes.failedScrapes()) {
            r.put(F, "heap_used_peak_mb", Results.round(in.heapPeakBytes() / MB, 1), "MB");
        } else {
            r.put(F, "heap_used_peak_mb", "not sampled: no /prometheus scrape answered during the first syncs", "");
        }
        // The sampler's scrapes of /prometheus during the first syncs: what a Prometheus server would have seen.
        r.put(F, "prometheus_scrapes_during_sync", scrapes.scrapes(), "scrapes");
        r.put(F, "prometheus_scrapes_failed_during_sync", scrapes.failedScrapes(), "scrapes");
        r.put(F, "prometheus_scrape_slowest_ms_during_sync", scrapes.slowestScrapeMillis(), "ms");
        r.put(F, "threads_peak", in.threadsPeak(), "threads");

        r.put(F, "idle_window_s", Results.round(in.idleWallSeconds(), 1), "s");
        r.put(F, "idle_cpu_pct_of_one_core", Results.round(in.idleCpuPercentOfOneCore(), 2), "%");
        r.put(F, "idle_cpu_pct_of_machine", Results.round(in.idleCpuPercentOfOneCore() / cores, 2), "%");
        r.put(F, "idle_machine_busy_pct", Results.round(in.idleMachineBusyPercent(), 1), "%");
        r.put(F, "idle_heap_used_min_mb", Results.round(in.idleHeapMinBytes() / MB, 1), "MB");
        r.put(F, "idle_heap_used_peak_mb", Results.round(in.idleHeapPeakBytes() / MB, 1), "MB");
        r.put(F, "idle_threads", in.idleThreads(), "threads");
        double realHours = in.idleWallSeconds() * scale / 3600.0;
        spread(r, "idle_requests_per_integration_per_hour_real", runs, i -> i.idleRequests() / realHours, 1);
        spread(r, "idle_passes_per_integration_per_hour_real", runs, i -> i.idlePasses() / realHours, 1);
        r.put(F, "service_output_lines_with_a_key", outcome.serviceLinesWithAKey(), "lines");
        r.put(F, "load_average_at_end", outcome.loadAtEnd(), "");

        for (FleetCapacity.IntegrationRun i : runs) {
            String p = i.id() + ".";
            r.put("fleet_per_integration", p + "requests", i.requests(), "requests");
            r.put("fleet_per_integration", p + "wall_s", Results.round(i.wallSeconds(), 3), "s");
            r.put("fleet_per_integration", p + "wall_over_bound", Results.round(i.wallOverBound(), 3), "ratio");
            r.put(
                    "fleet_per_integration",
                    p + "done_after_launch_s",
                    Results.round(i.doneAfterLaunchSeconds(), 2),
                    "s");
            r.put("fleet_per_integration", p + "idle_requests", i.idleRequests(), "requests");
        }
    }

    private static void spread(
            Results r,
            String name,
            List<FleetCapacity.IntegrationRun> runs,
            ToDoubleFunction<FleetCapacity.IntegrationRun> figure,
            int decimals) {
        double[] s = FleetCapacity.spread(runs, figure);
        for (int k = 0; k < SPREAD.length; k++) {
            r.put(F, name + "_" + SPREAD[k], Results.round(s[k], decimals), "");
        }
    }
}
