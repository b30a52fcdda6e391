package dev.fieldsync.app.scheduling;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.integration.Integration;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pause of every integration whose loops run in this process, read in ONE query ({@code registry.list()}) every
 * {@link #EVERY} for all of them (before: one primary-key read per integration per second). So a pause or resume
 * made through any instance or the CLI holds here within a second plus that query. Starts with the first watched
 * integration; a failed read leaves every integration's last known state.
 */
final class PauseRefresh {
    private static final Logger LOG = LoggerFactory.getLogger(PauseRefresh.class);
    /** How often the pauses are read again: the bound within which a pause made elsewhere holds here. */
    static final Duration EVERY = Duration.ofSeconds(1);

    private final Supplier<List<Integration>> registry;
    private final LoopScheduler scheduler;
    private final Map<IntegrationId, IntegrationPause> watched = new ConcurrentHashMap<>();
    private Repeating loop;
    private boolean failing;

    PauseRefresh(Supplier<List<Integration>> registry, LoopScheduler scheduler) {
        this.registry = registry;
        this.scheduler = scheduler;
    }

    /** Reads the integration's pause with every other from now on (the first call starts the loop). */
    synchronized void watch(IntegrationPause pause) {
        watched.put(pause.integration(), pause);
        if (loop == null) {
            loop = scheduler
                    .repeat(scheduler.workLane("fieldsync-pauses"), this::refresh)
                    .start(EVERY);
        }
    }

    /** Stops reading the integration's pause (its loops stopped). */
    void unwatch(IntegrationPause pause) {
        watched.remove(pause.integration(), pause);
    }

    synchronized void stop() {
        if (loop != null) {
            loop.cancel();
        }
    }

    /** One read of every integration; each watched pause takes its integration's state. */
    Duration refresh() {
        if (watched.isEmpty()) {
            return EVERY;
        }
        Map<IntegrationId, Integration> byId = new HashMap<>();
        try {
            registry.get().forEach(integration -> byId.put(integration.id(), integration));
        } catch (RuntimeException unreadable) {
            if (!failing) {
                LOG.warn(
                        "could not read the integrations' pauses: {}; the last known states hold",
                        unreadable.getMessage());
                failing = true;
            }
            return EVERY;
        }
        failing = false;
        watched.forEach((id, pause) -> pause.apply(Optional.ofNullable(byId.get(id))));
        return EVERY;
    }
}
