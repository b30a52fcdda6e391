package dev.fieldsync.app.health;

import dev.fieldsync.app.metrics.MeteredGateway;
import dev.fieldsync.app.scheduling.ServedIntegrationsListener;
import dev.fieldsync.app.wiring.IntegrationRuntimes;
import dev.fieldsync.app.wiring.ServedIntegration;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.submission.SubmissionState;
import dev.fieldsync.ports.in.sync.SyncStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Gauges read at scrape time (no gateway call), one series per integration this process serves, tagged
 * {@code integration}: sync lag, a stall, the gateway's clock offset, mirrored jobs, submissions by state; and
 * {@code fieldsync_integration_problem}, 1 while an enabled integration cannot work here (its runtime could not be
 * built, its key cannot be read). The series of an integration come and go with it ({@link #served}).
 *
 * <p>The statuses and outbox counts come from {@link IntegrationStatuses}: read for all served integrations together,
 * kept for a second, a scrape waiting at most 2 s for a fresher read.
 */
@Singleton
public class MirrorMetrics implements ServedIntegrationsListener {

    private final MeterRegistry registry;
    private final BeanProvider<IntegrationRuntimes> runtimes;
    private final IntegrationStatuses statuses;
    private final Map<IntegrationId, List<Meter>> meters = new HashMap<>();
    private final Map<IntegrationId, List<Meter>> problemMeters = new HashMap<>();

    public MirrorMetrics(
            MeterRegistry registry, BeanProvider<IntegrationRuntimes> runtimes, IntegrationStatuses statuses) {
        this.registry = registry;
        this.runtimes = runtimes;
        this.statuses = statuses;
    }

    @Override
    public synchronized void served(Set<IntegrationId> served, Set<IntegrationId> troubled) {
        follow(meters, served, this::mirrorGauges);
        Set<IntegrationId> enabled = new LinkedHashSet<>(served);
        enabled.addAll(troubled);
        follow(
                problemMeters,
                enabled,
                integration -> List.of(tagged(
                        Gauge.builder("fieldsync.integration.problem", () -> problem(integration)),
                        integration,
                        "1 while the integration cannot work here (its runtime could not be built, its key cannot be read:"
                                + " GET /api/integrations/{id} says why), else 0")));
    }

    /** Registers the meters of the integrations new in {@code wanted}, removes those of the ones gone. */
    private void follow(
            Map<IntegrationId, List<Meter>> held,
            Set<IntegrationId> wanted,
            Function<IntegrationId, List<Meter>> register) {
        for (IntegrationId gone : List.copyOf(held.keySet())) {
            if (!wanted.contains(gone)) {
                held.remove(gone).forEach(registry::remove);
            }
        }
        for (IntegrationId integration : wanted) {
            held.computeIfAbsent(integration, register);
        }
    }

    private List<Meter> mirrorGauges(IntegrationId integration) {
        List<Meter> registered = new ArrayList<>();
        registered.add(tagged(
                Gauge.builder("fieldsync.sync.lag.seconds", () -> lagSeconds(integration)),
                integration,
                "How far the mirror lags the clock (end of the last completed pass)"));
        registered.add(tagged(
                Gauge.builder("fieldsync.sync.stalled", () -> stalled(integration)),
                integration,
                "1 while sync is stalled (readiness says why), else 0"));
        registered.add(tagged(
                Gauge.builder("fieldsync.gateway.clock.offset.seconds", () -> clockOffsetSeconds(integration)),
                integration,
                "The gateway's clock minus ours, from its Date headers (negative: behind)"));
        registered.add(tagged(
                Gauge.builder(
                        "fieldsync.mirrored.jobs",
                        () -> status(integration).map(SyncStatus::mirroredJobs).orElse(0L)),
                integration,
                "Jobs in the local mirror"));
        for (SubmissionState state : SubmissionState.values()) {
            registered.add(Gauge.builder(
                            "fieldsync.submissions", () -> outbox(integration).getOrDefault(state, 0L))
                    .tag(MeteredGateway.INTEGRATION_TAG, integration.value())
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .description("Job creates in the outbox by state")
                    .register(registry));
        }
        return registered;
    }

    private Meter tagged(Gauge.Builder<?> gauge, IntegrationId integration, String description) {
        return gauge.tag(MeteredGateway.INTEGRATION_TAG, integration.value())
                .description(description)
                .register(registry);
    }

    private double lagSeconds(IntegrationId integration) {
        return status(integration)
                .flatMap(SyncStatus::lag)
                .map(lag -> (double) lag.toSeconds())
                .orElse(Double.NaN);
    }

    private int stalled(IntegrationId integration) {
        return served(integration).flatMap(s -> s.sync().stall()).isPresent() ? 1 : 0;
    }

    private double clockOffsetSeconds(IntegrationId integration) {
        return status(integration)
                .flatMap(status -> status.gatewayClock().offset())
                .map(offset -> offset.toMillis() / 1000.0)
                .orElse(Double.NaN);
    }

    private int problem(IntegrationId integration) {
        return runtimes.get().problem(integration).isPresent() ? 1 : 0;
    }

    private Optional<ServedIntegration> served(IntegrationId integration) {
        return runtimes.get().find(integration);
    }

    private Optional<SyncStatus> status(IntegrationId integration) {
        return statuses.status(integration);
    }

    private Map<SubmissionState, Long> outbox(IntegrationId integration) {
        return statuses.outbox(integration);
    }
}
