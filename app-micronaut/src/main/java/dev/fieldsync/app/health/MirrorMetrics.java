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
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges read at scrape time (no gateway call), one series per integration this process serves, tagged
 * {@code integration}: sync lag, a stall, the gateway's clock offset, mirrored jobs, submissions by state; and
 * {@code fieldsync_integration_problem}, 1 while an enabled integration cannot work here (its runtime could not be
 * built, its key cannot be read). The series of an integration come and go with it ({@link #served}).
 *
 * <p>The first gauge a scrape reads refreshes every served integration's status and outbox counts together, in one
 * read transaction (one pooled connection for all of them), kept for a second, so the scrape's other gauges read
 * them from memory. Read one integration at a time, each read waited for a connection of the pool behind the pages of
 * every integration syncing: with 100 first syncs at once a scrape took over 5 s and a Prometheus server would have
 * seen the instance as down exactly when it was busiest.
 */
@Singleton
public class MirrorMetrics implements ServedIntegrationsListener {
    private static final Logger LOG = LoggerFactory.getLogger(MirrorMetrics.class);
    private static final long KEEP_NANOS = 1_000_000_000L;

    private final MeterRegistry registry;
    private final BeanProvider<IntegrationRuntimes> runtimes;
    private final BeanProvider<Adapters> adapters;
    private final Map<IntegrationId, List<Meter>> meters = new HashMap<>();
    private final Map<IntegrationId, List<Meter>> problemMeters = new HashMap<>();
    private final BeanProvider<TransactionOperations<Connection>> transactions;
    private final Object refreshing = new Object();
    private volatile Snapshot snapshot = new Snapshot(System.nanoTime() - KEEP_NANOS, Map.of(), Map.of());

    public MirrorMetrics(
            MeterRegistry registry,
            BeanProvider<IntegrationRuntimes> runtimes,
            BeanProvider<Adapters> adapters,
            BeanProvider<TransactionOperations<Connection>> transactions) {
        this.registry = registry;
        this.runtimes = runtimes;
        this.adapters = adapters;
        this.transactions = transactions;
    }

    /** The served integrations' statuses and outbox counts as read together at {@code at} (nanoTime). */
    private record Snapshot(
            long at,
            Map<IntegrationId, SyncStatus> statuses,
            Map<IntegrationId, Map<SubmissionState, Long>> outboxes) {}

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
        return Optional.ofNullable(current().statuses().get(integration));
    }

    private Map<SubmissionState, Long> outbox(IntegrationId integration) {
        return current().outboxes().getOrDefault(integration, Map.of());
    }

    /** The snapshot, read anew when it is a second old (one thread reads; a scrape's other gauges wait for it). */
    private Snapshot current() {
        Snapshot kept = snapshot;
        if (System.nanoTime() - kept.at() < KEEP_NANOS) {
            return kept;
        }
        synchronized (refreshing) {
            if (System.nanoTime() - snapshot.at() >= KEEP_NANOS) {
                snapshot = read();
            }
            return snapshot;
        }
    }

    private Snapshot read() {
        long at = System.nanoTime();
        List<IntegrationId> integrations;
        synchronized (this) {
            integrations = List.copyOf(meters.keySet());
        }
        Map<IntegrationId, SyncStatus> statuses = new HashMap<>();
        Map<IntegrationId, Map<SubmissionState, Long>> outboxes = new HashMap<>();
        transactions.get().executeRead(transaction -> {
            for (IntegrationId integration : integrations) {
                try {
                    served(integration)
                            .ifPresent(s -> statuses.put(integration, s.sync().status()));
                    outboxes.put(integration, adapters.get().submissions().countByState(integration));
                } catch (RuntimeException e) { // one integration's failure leaves its gauges empty, not the rest
                    LOG.debug("reading the status of {} for the metrics failed: {}", integration, e.toString());
                }
            }
            return null;
        });
        return new Snapshot(at, Map.copyOf(statuses), Map.copyOf(outboxes));
    }
}
