package dev.fieldsync.app.scheduling;

import dev.fieldsync.adapters.persistence.change.SqlChangeLog;
import dev.fieldsync.adapters.persistence.sql.Database;
import dev.fieldsync.adapters.persistence.sql.Dialect;
import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.delivery.ChangeConsumers;
import dev.fieldsync.domain.id.IntegrationId;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push side of the change feed in the service: one deliverer per (served integration, enabled consumer that
 * serves it), started with the HTTP server (never by one-shot CLI commands) and following the integrations this
 * process serves ({@link #served}, called by the runtimes' reconcile). The deliverers are tasks on one small shared
 * executor ({@code fieldsync.changes.delivery.threads}), not a thread each. Each delivers only while it holds its
 * pair's lock (a PostgreSQL advisory lock per integration and consumer, held while batches flow and released when
 * idle; on H2 the one process), so across instances every pair has exactly one deliverer, and it resumes from the
 * pair's durable cursor. An idle deliverer wakes on this process's commits to its integration's change log and looks
 * again after {@code fieldsync.changes.delivery.poll-interval}, doubling the wait while it stays idle up to
 * {@code fieldsync.scheduler.idle-max-delay} (other instances' commits are delivered within that bound).
 */
@Singleton
public class DeliveryLoops implements ApplicationEventListener<ServerStartupEvent>, ServedIntegrationsListener {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLoops.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);

    /** One deliverer's key: the integration whose changes, the consumer they go to. */
    private record Pair(IntegrationId integration, String consumer) {}

    private final FieldsyncSettings settings;
    private final ChangeConsumers consumers;
    private final ChangeDispatchers dispatchers;
    private final Database database;
    private final Map<Pair, ConsumerDeliverer> deliverers = new LinkedHashMap<>();
    private Set<IntegrationId> served;
    private ScheduledExecutorService executor;
    private boolean started;
    private boolean stopped;

    public DeliveryLoops(
            FieldsyncSettings settings,
            ChangeConsumers consumers,
            ChangeDispatchers dispatchers,
            Database database,
            SqlChangeLog log) {
        this.settings = settings;
        this.consumers = consumers;
        this.dispatchers = dispatchers;
        this.database = database;
        this.served = Set.of(settings.integration());
        log.onCommitted((integration, latest) -> wake(integration));
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        start();
    }

    /** Starts the deliverers of the integrations served now, once; from then on they follow {@link #served}. */
    public synchronized void start() {
        if (started || stopped) {
            return;
        }
        started = true;
        for (ChangeConsumers.Configured configured : consumers.all()) {
            if (!configured.enabled()) {
                LOG.info(
                        "change consumer {} is disabled (enabled=false): nothing is delivered to it",
                        configured.name());
            }
        }
        int threads = settings.changeDelivery().threads();
        AtomicInteger count = new AtomicInteger();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(threads, runnable -> {
            Thread thread = new Thread(runnable, "fieldsync-deliver-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        pool.setRemoveOnCancelPolicy(true);
        executor = pool;
        apply(false);
        if (!deliverers.isEmpty()) {
            LOG.info(
                    "change delivery started for {} integration/consumer pair(s) on {} thread(s): {}",
                    deliverers.size(),
                    threads,
                    String.join(
                            ", ",
                            deliverers.keySet().stream()
                                    .map(pair -> pair.integration() + "→" + pair.consumer())
                                    .toList()));
        }
    }

    /**
     * The integrations this process serves now (the default one always): deliverers start for the new ones and stop
     * for the ones no longer served (a removed, disabled or paused integration), each after its batch in flight.
     */
    @Override
    public void served(Set<IntegrationId> integrations, Set<IntegrationId> troubled) {
        List<ConsumerDeliverer> stopping = new ArrayList<>();
        synchronized (this) {
            Set<IntegrationId> now = new LinkedHashSet<>();
            now.add(settings.integration());
            now.addAll(integrations);
            served = Set.copyOf(now);
            if (started && !stopped) {
                stopping.addAll(apply(true));
            }
        }
        stopping.forEach(deliverer -> deliverer.stop(STOP_WAIT));
    }

    /** Brings the deliverers in line with {@link #served}; answers the ones to stop (outside the lock). */
    private List<ConsumerDeliverer> apply(boolean tell) {
        Set<Pair> wanted = new LinkedHashSet<>();
        for (IntegrationId integration : served) {
            for (ChangeConsumers.Configured configured : consumers.all()) {
                if (configured.enabled() && configured.serves(integration)) {
                    wanted.add(new Pair(integration, configured.name()));
                }
            }
        }
        List<ConsumerDeliverer> stopping = new ArrayList<>();
        deliverers.entrySet().removeIf(entry -> {
            if (wanted.contains(entry.getKey())) {
                return false;
            }
            LOG.info(
                    "change delivery of integration {} to {} stops: the integration is no longer served here",
                    entry.getKey().integration(),
                    entry.getKey().consumer());
            stopping.add(entry.getValue());
            return true;
        });
        for (Pair pair : wanted) {
            if (deliverers.containsKey(pair)) {
                continue;
            }
            ChangeConsumers.Configured configured =
                    consumers.find(pair.consumer()).orElseThrow();
            ConsumerDeliverer deliverer = new ConsumerDeliverer(
                    pair.integration(),
                    configured,
                    dispatchers.of(pair.integration())::dispatch,
                    lock(pair),
                    executor,
                    settings.changeDelivery().pollInterval(),
                    settings.instance().scheduler().idleMaxDelay());
            deliverers.put(pair, deliverer);
            if (tell) {
                LOG.info("change delivery of integration {} to {} starts", pair.integration(), pair.consumer());
            }
            deliverer.start();
        }
        return stopping;
    }

    private SyncLeadership lock(Pair pair) {
        return database.dialect() == Dialect.POSTGRESQL
                ? AdvisoryLockLeadership.forConsumer(
                        database.dataSource(), pair.integration().value(), pair.consumer())
                : new SingleInstanceLeadership();
    }

    /** The integration's change log grew: its deliverers look at once. */
    private synchronized void wake(IntegrationId integration) {
        deliverers.values().stream()
                .filter(deliverer -> deliverer.integration().equals(integration))
                .forEach(ConsumerDeliverer::wake);
    }

    /** Something may be deliverable now (a resume, a rewind): look at once instead of at the next poll. */
    public synchronized void nudge() {
        deliverers.values().forEach(ConsumerDeliverer::wake);
    }

    /** Whether this instance delivers the default integration's changes to the consumer now (holds its lock). */
    public boolean delivers(String consumer) {
        return delivers(settings.integration(), consumer);
    }

    /** Whether this instance delivers the integration's changes to the consumer now (holds the pair's lock). */
    public synchronized boolean delivers(IntegrationId integration, String consumer) {
        ConsumerDeliverer deliverer = deliverers.get(new Pair(integration, consumer));
        return deliverer != null && deliverer.leads();
    }

    /** The integrations that have a deliverer here now (for tests and the log). */
    public synchronized Set<IntegrationId> delivering() {
        Set<IntegrationId> integrations = new LinkedHashSet<>();
        deliverers.keySet().forEach(pair -> integrations.add(pair.integration()));
        return integrations;
    }

    @EventListener
    void onShutdown(ShutdownEvent event) {
        stop();
    }

    /** Lets each deliverer finish its batch in flight (a few seconds at most), then frees its lock. */
    @PreDestroy
    public void stop() {
        List<ConsumerDeliverer> stopping;
        ScheduledExecutorService pool;
        synchronized (this) {
            stopped = true;
            stopping = List.copyOf(deliverers.values());
            deliverers.clear();
            pool = executor;
        }
        stopping.parallelStream().forEach(deliverer -> deliverer.stop(STOP_WAIT));
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
