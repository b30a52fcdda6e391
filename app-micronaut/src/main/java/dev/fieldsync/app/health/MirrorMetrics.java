package dev.fieldsync.app.health;

import dev.fieldsync.app.metrics.MeteredGateway;
import dev.fieldsync.app.scheduling.ServedIntegrationsListener;
import dev.fieldsync.app.wiring.Adapters;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Gauges read at scrape time (no gateway call), one series per integration this process serves, tagged
 * {@code integration}: sync lag, a stall, the gateway's clock offset, mirrored jobs, submissions by state; and
 * {@code fieldsync_integration_problem}, 1 while an enabled integration cannot work here (its runtime could not be
 * built, its key cannot be read). The series of an integration come and go with it ({@link #served}). One scrape reads
 * each integration's status and outbox counts once (kept for a second), not once per gauge.
 */
@Singleton
public class MirrorMetrics implements ServedIntegrationsListener {
    private static final long KEEP_NANOS = 1_000_000_000L;

    private final MeterRegistry registry;
    private final BeanProvider<IntegrationRuntimes> runtimes;
    private final BeanProvider<Adapters> adapters;
    private final Map<IntegrationId, List<Meter>> meters = new HashMap<>();
    private final Map<IntegrationId, List<Meter>> problemMeters = new HashMap<>();
    private final Kept<SyncStatus> statuses = new Kept<>();
    private final Kept<Map<SubmissionState, Long>> outboxes = new Kept<>();

    public MirrorMetrics(
            MeterRegistry registry, BeanProvider<IntegrationRuntimes> runtimes, BeanProvider<Adapters> adapters) {
        this.registry = registry;
        this.runtimes = runtimes;
        this.adapters = adapters;
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
                statuses.forget(gone);
                outboxes.forget(gone);
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
        return Optional.ofNullable(statuses.get(
                integration,
                () -> served(integration).map(s -> s.sync().status()).orElse(null)));
    }

    private Map<SubmissionState, Long> outbox(IntegrationId integration) {
        Map<SubmissionState, Long> counts =
                outboxes.get(integration, () -> adapters.get().submissions().countByState(integration));
        return counts == null ? Map.of() : counts;
    }

    /** A value per integration read at most once a second (one scrape reads it for several gauges). */
    private static final class Kept<T> {
        private record Read<T>(long at, T value) {}

        private final Map<IntegrationId, Read<T>> reads = new ConcurrentHashMap<>();

        T get(IntegrationId integration, java.util.function.Supplier<T> read) {
            long now = System.nanoTime();
            Read<T> last = reads.get(integration);
            if (last != null && now - last.at() < KEEP_NANOS) {
                return last.value();
            }
            T value = read.get();
            reads.put(integration, new Read<>(now, value));
            return value;
        }

        void forget(IntegrationId integration) {
            reads.remove(integration);
        }
    }
}
