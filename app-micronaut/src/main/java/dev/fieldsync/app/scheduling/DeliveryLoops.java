package dev.fieldsync.app.scheduling;

import dev.fieldsync.adapters.persistence.change.SqlChangeLog;
import dev.fieldsync.adapters.persistence.sql.Database;
import dev.fieldsync.adapters.persistence.sql.Dialect;
import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.delivery.ChangeConsumers;
import dev.fieldsync.application.delivery.ChangeDispatcher;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push side of the change feed in the service: one deliverer thread per enabled consumer, started with the HTTP
 * server (never by one-shot CLI commands). Each delivers only while it holds its consumer's lock (a PostgreSQL
 * advisory lock per integration and consumer; on H2 the one process), so across instances every consumer has exactly
 * one deliverer, and it resumes from the consumer's durable cursor. An idle deliverer wakes on this process's commits
 * to the change log and looks again every {@code fieldsync.changes.delivery.poll-interval} (other instances' commits,
 * due retries).
 */
@Singleton
public class DeliveryLoops implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLoops.class);

    private final FieldsyncSettings settings;
    private final ChangeConsumers consumers;
    private final ChangeDispatcher dispatcher;
    private final Database database;
    private final DeliverySignal signal = new DeliverySignal();
    private final AtomicBoolean started = new AtomicBoolean();
    private final List<ConsumerDeliverer> deliverers = new ArrayList<>();

    public DeliveryLoops(
            FieldsyncSettings settings,
            ChangeConsumers consumers,
            ChangeDispatcher dispatcher,
            Database database,
            SqlChangeLog log) {
        this.settings = settings;
        this.consumers = consumers;
        this.dispatcher = dispatcher;
        this.database = database;
        log.onCommitted((integration, latest) -> {
            if (integration.equals(settings.integration())) {
                signal.wake();
            }
        });
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        start();
    }

    /** Starts one deliverer per enabled consumer, once. */
    public synchronized void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        for (ChangeConsumers.Configured configured : consumers.all()) {
            if (!configured.enabled()) {
                LOG.info(
                        "change consumer {} is disabled (enabled=false): nothing is delivered to it",
                        configured.name());
                continue;
            }
            SyncLeadership lease = database.dialect() == Dialect.POSTGRESQL
                    ? AdvisoryLockLeadership.forConsumer(
                            database.dataSource(), settings.integration().value(), configured.name())
                    : new SingleInstanceLeadership();
            ConsumerDeliverer deliverer = new ConsumerDeliverer(
                    configured,
                    dispatcher,
                    lease,
                    signal,
                    settings.changeDelivery().pollInterval());
            deliverers.add(deliverer);
            deliverer.start();
        }
        if (!deliverers.isEmpty()) {
            LOG.info(
                    "change delivery started for {} consumer(s): {}",
                    deliverers.size(),
                    String.join(
                            ", ",
                            deliverers.stream().map(ConsumerDeliverer::name).toList()));
        }
    }

    /** Something may be deliverable now (a resume, a rewind): look at once instead of at the next poll. */
    public void nudge() {
        signal.wake();
    }

    /** Whether this instance delivers to the consumer now (holds its lock). */
    public boolean delivers(String consumer) {
        return deliverers.stream().anyMatch(d -> d.name().equals(consumer) && d.leads());
    }

    @EventListener
    void onShutdown(ShutdownEvent event) {
        stop();
    }

    /** Lets each deliverer finish its batch in flight (a few seconds at most), then frees its lock. */
    @PreDestroy
    public synchronized void stop() {
        deliverers.forEach(ConsumerDeliverer::requestStop);
        signal.wake();
        deliverers.forEach(deliverer -> deliverer.awaitStop(Duration.ofSeconds(15)));
        deliverers.clear();
    }
}
