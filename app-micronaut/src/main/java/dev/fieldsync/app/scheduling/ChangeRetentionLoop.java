package dev.fieldsync.app.scheduling;

import dev.fieldsync.application.changes.ChangeRetention;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Prunes the change log to {@code fieldsync.changes.retention}, with the service (never in one-shot commands). */
@Singleton
public class ChangeRetentionLoop implements ApplicationEventListener<ServerStartupEvent> {
    /** How often the log is pruned (the first time a minute after start-up). */
    static final Duration EVERY = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(ChangeRetentionLoop.class);
    private final ChangeRetention retention;
    private final AtomicReference<ScheduledExecutorService> executor = new AtomicReference<>();

    public ChangeRetentionLoop(ChangeRetention retention) {
        this.retention = retention;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "fieldsync-change-retention");
            thread.setDaemon(true);
            return thread;
        });
        if (executor.compareAndSet(null, started)) {
            started.scheduleWithFixedDelay(this::prune, 60, EVERY.toSeconds(), TimeUnit.SECONDS);
        } else {
            started.shutdown();
        }
    }

    void prune() {
        try {
            long removed = retention.prune();
            if (removed > 0) {
                LOG.info("change log: pruned {} changes older than {}", removed, retention.retention());
            }
        } catch (RuntimeException e) {
            LOG.warn("change log: pruning failed, will try again in {}: {}", EVERY, e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        ScheduledExecutorService running = executor.getAndSet(null);
        if (running != null) {
            running.shutdownNow();
        }
    }
}
