package dev.fieldsync.app.health;

import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.wiring.Adapters;
import dev.fieldsync.domain.submission.SubmissionState;
import dev.fieldsync.ports.in.sync.SyncJobs;
import dev.fieldsync.ports.in.sync.SyncStalls;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import java.util.Locale;

/**
 * Gauges read at scrape time (no gateway call): sync lag, a stall, the gateway's clock offset, mirrored jobs,
 * submissions by state.
 * The core is looked up lazily: the meter registry is built before it (the gateway decorators need the registry).
 */
@Singleton
public class MirrorMetrics implements MeterBinder {
    private final BeanProvider<SyncJobs> syncJobs;
    private final BeanProvider<Adapters> adapters;
    private final BeanProvider<FieldsyncSettings> settings;
    private final BeanProvider<SyncStalls> stalls;

    public MirrorMetrics(
            BeanProvider<SyncJobs> syncJobs,
            BeanProvider<Adapters> adapters,
            BeanProvider<FieldsyncSettings> settings,
            BeanProvider<SyncStalls> stalls) {
        this.syncJobs = syncJobs;
        this.stalls = stalls;
        this.adapters = adapters;
        this.settings = settings;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(
                        "fieldsync.sync.lag.seconds",
                        syncJobs,
                        sync -> sync.get()
                                .status()
                                .lag()
                                .map(lag -> (double) lag.toSeconds())
                                .orElse(Double.NaN))
                .description("How far the mirror lags the clock (end of the last completed pass)")
                .register(registry);
        Gauge.builder(
                        "fieldsync.sync.stalled",
                        stalls,
                        watch -> watch.get().stall().isPresent() ? 1 : 0)
                .description("1 while sync is stalled (readiness DOWN says why), else 0")
                .register(registry);
        Gauge.builder(
                        "fieldsync.gateway.clock.offset.seconds",
                        syncJobs,
                        sync -> sync.get()
                                .status()
                                .gatewayClock()
                                .offset()
                                .map(offset -> offset.toMillis() / 1000.0)
                                .orElse(Double.NaN))
                .description("The gateway's clock minus ours, from its Date headers (negative: behind)")
                .register(registry);
        Gauge.builder(
                        "fieldsync.mirrored.jobs",
                        syncJobs,
                        sync -> sync.get().status().mirroredJobs())
                .description("Jobs in the local mirror")
                .register(registry);
        for (SubmissionState state : SubmissionState.values()) {
            Gauge.builder(
                            "fieldsync.submissions",
                            adapters,
                            outbox -> outbox.get()
                                    .submissions()
                                    .countByState(settings.get().integration())
                                    .getOrDefault(state, 0L))
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .description("Job creates in the outbox by state")
                    .register(registry);
        }
    }
}
