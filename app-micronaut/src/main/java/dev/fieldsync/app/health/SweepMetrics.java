package dev.fieldsync.app.health;

import dev.fieldsync.ports.in.sync.SweepJobs;
import dev.fieldsync.ports.in.sync.SyncJobs;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;

/**
 * What the verification sweeps found, read at scrape time from the durable sweep state (no gateway call): updates
 * the incremental passes missed ({@code fieldsync_sync_missed_by_incremental_total}, a counter that survives
 * restarts), a pending gone review, jobs marked gone, and the pages the sweep has left.
 */
@Singleton
public class SweepMetrics implements MeterBinder {
    private final BeanProvider<SyncJobs> syncJobs;
    private final BeanProvider<SweepJobs> sweeps;

    public SweepMetrics(BeanProvider<SyncJobs> syncJobs, BeanProvider<SweepJobs> sweeps) {
        this.syncJobs = syncJobs;
        this.sweeps = sweeps;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder(
                        "fieldsync.sync.missed.by.incremental",
                        syncJobs,
                        sync -> sync.get().status().missedByIncremental())
                .description("Updates the verification sweeps found that no incremental pass had delivered")
                .register(registry);
        Gauge.builder(
                        "fieldsync.sweep.review.pending",
                        syncJobs,
                        sync -> sync.get().status().goneReviewPending() ? 1 : 0)
                .description("1 while a sweep waits for a person to accept or dismiss marking jobs gone")
                .register(registry);
        Gauge.builder(
                        "fieldsync.jobs.gone",
                        sweeps,
                        sweep -> sweep.get().status().goneJobs())
                .description("Mirrored jobs a complete sweep marked gone")
                .register(registry);
        Gauge.builder(
                        "fieldsync.sweep.remaining.pages",
                        sweeps,
                        sweep -> sweep.get().status().remainingPages())
                .description("Pages the sweep under way (or the next one) has left")
                .register(registry);
    }
}
