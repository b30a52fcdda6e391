package dev.fieldsync.app.health;

import dev.fieldsync.app.scheduling.ServedIntegrationsListener;
import dev.fieldsync.app.wiring.Adapters;
import dev.fieldsync.app.wiring.IntegrationRuntimes;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.submission.SubmissionState;
import dev.fieldsync.ports.in.sync.SyncStatus;
import io.micronaut.context.BeanProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every served integration's sync status and outbox counts as the gauges and readiness show them, read together in
 * one read transaction (one pooled connection for all, not one wait for the pool per integration behind the syncing
 * pages) and kept for a second. A caller that finds them older waits at most {@link #WAIT_MILLIS} for the next read,
 * then takes the last one: reading 100 integrations during 100 first syncs took 15 s (each status counts its
 * integration's mirror), and a scrape or a readiness probe that slow makes the instance look down exactly when it is
 * busiest. The read runs on its own thread, one at a time.
 */
@Singleton
public class IntegrationStatuses implements ServedIntegrationsListener {
    static final long KEEP_NANOS = 1_000_000_000L;
    static final long WAIT_MILLIS = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(IntegrationStatuses.class);

    /** The statuses and outbox counts as read together at {@code at} (nanoTime). */
    record Snapshot(
            long at,
            Map<IntegrationId, SyncStatus> statuses,
            Map<IntegrationId, Map<SubmissionState, Long>> outboxes) {}

    /** Reads the statuses and outbox counts of the given integrations (into the two maps). */
    interface Reader {
        void read(
                List<IntegrationId> integrations,
                Map<IntegrationId, SyncStatus> statuses,
                Map<IntegrationId, Map<SubmissionState, Long>> outboxes);
    }

    private final Reader source;
    private final long waitMillis;
    private final ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "fieldsync-statuses");
        thread.setDaemon(true);
        return thread;
    });
    private final Object lock = new Object();
    private volatile Set<IntegrationId> served = Set.of();
    private volatile Snapshot snapshot = new Snapshot(System.nanoTime() - KEEP_NANOS, Map.of(), Map.of());
    private CompletableFuture<Snapshot> reading; // guarded by lock
    private CompletableFuture<Snapshot> waitedOut; // a read someone waited the whole wait for; guarded by lock

    @jakarta.inject.Inject
    public IntegrationStatuses(
            BeanProvider<IntegrationRuntimes> runtimes,
            BeanProvider<Adapters> adapters,
            BeanProvider<TransactionOperations<Connection>> transactions) {
        this(
                (integrations, statuses, outboxes) -> transactions.get().executeRead(transaction -> {
                    for (IntegrationId integration : integrations) {
                        try {
                            runtimes.get()
                                    .find(integration)
                                    .ifPresent(s ->
                                            statuses.put(integration, s.sync().status()));
                            outboxes.put(
                                    integration, adapters.get().submissions().countByState(integration));
                        } catch (RuntimeException e) { // one integration's failure leaves its figures out only
                            LOG.debug("reading the status of {} failed: {}", integration, e.toString());
                        }
                    }
                    return null;
                }),
                WAIT_MILLIS);
    }

    IntegrationStatuses(Reader source, long waitMillis) {
        this.source = source;
        this.waitMillis = waitMillis;
    }

    @Override
    public void served(Set<IntegrationId> served, Set<IntegrationId> troubled) {
        this.served = Set.copyOf(served);
    }

    public Optional<SyncStatus> status(IntegrationId integration) {
        return Optional.ofNullable(current().statuses().get(integration));
    }

    public Map<SubmissionState, Long> outbox(IntegrationId integration) {
        return current().outboxes().getOrDefault(integration, Map.of());
    }

    /**
     * The snapshot: this one if under a second old, else the next read if it comes within the wait, else this one.
     * Once a caller has waited the whole wait for a read, the others take the last snapshot at once until that read
     * is done: a scrape asks once per gauge, hundreds of times.
     */
    Snapshot current() {
        Snapshot kept = snapshot;
        if (System.nanoTime() - kept.at() < KEEP_NANOS) {
            return kept;
        }
        CompletableFuture<Snapshot> next;
        synchronized (lock) {
            if (reading == null) {
                reading = CompletableFuture.supplyAsync(this::read, reader).whenComplete((read, failure) -> {
                    synchronized (lock) {
                        if (read != null) {
                            snapshot = read;
                        }
                        reading = null;
                    }
                });
            }
            next = reading;
            if (next == waitedOut) {
                return snapshot;
            }
        }
        try {
            return next.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            synchronized (lock) {
                waitedOut = next; // the read goes on; the others do not wait for it again
            }
            return snapshot;
        } catch (ExecutionException e) {
            return snapshot;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return snapshot;
        }
    }

    private Snapshot read() {
        long at = System.nanoTime();
        Map<IntegrationId, SyncStatus> statuses = new HashMap<>();
        Map<IntegrationId, Map<SubmissionState, Long>> outboxes = new HashMap<>();
        source.read(List.copyOf(served), statuses, outboxes);
        return new Snapshot(at, Map.copyOf(statuses), Map.copyOf(outboxes));
    }

    @PreDestroy
    void close() {
        reader.shutdownNow();
    }
}
