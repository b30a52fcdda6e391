package dev.fieldsync.app.scheduling;

import dev.fieldsync.adapters.persistence.sql.Database;
import dev.fieldsync.adapters.persistence.sql.Dialect;
import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.config.InstanceSettings;
import dev.fieldsync.application.LeaseBalancer;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.integration.Integration;
import dev.fieldsync.ports.out.integration.IntegrationLeases;
import dev.fieldsync.ports.out.store.IntegrationRegistry;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this instance's sync leases on PostgreSQL: started with the HTTP server (or by the first leadership check of
 * loops started by hand; never by one-shot CLI commands), it steps the {@link LeaseBalancer} every
 * {@code fieldsync.leases.heartbeat-interval} over the registry's enabled integrations and keeps the result as
 * {@link Held}: what it holds and until when it may use it (the step's start plus TTL minus one interval). A step that
 * fails (the database is gone) leaves the last result, which lapses on its own, so a stalled or cut-off instance stops
 * its passes before its leases expire and another instance takes them. On shutdown, after the loops have stopped,
 * it gives every lease up, so the others take them at their next step. On H2 (one process) it never runs.
 */
@Singleton
public class LeaseKeeper implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

    /** What the last successful step left this instance: the integrations it leads, usable until {@code until}. */
    record Held(Set<IntegrationId> integrations, Instant until) {
        static final Held NOTHING = new Held(Set.of(), Instant.MIN);

        boolean leads(IntegrationId integration, Instant now) {
            return now.isBefore(until) && integrations.contains(integration);
        }
    }

    private final FieldsyncSettings settings;
    private final InstanceSettings.Leases timing;
    private final boolean shared;
    private final IntegrationRegistry registry;
    private final LeaseBalancer balancer;
    private final Clock clock;
    private volatile Held held = Held.NOTHING;
    private volatile boolean started;
    private boolean stopped;
    private boolean failing;
    private ScheduledExecutorService executor;

    @Inject
    public LeaseKeeper(
            FieldsyncSettings settings,
            Database database,
            IntegrationLeases leases,
            IntegrationRegistry registry,
            Clock clock) {
        this(settings, database.dialect() == Dialect.POSTGRESQL, leases, registry, clock);
    }

    /** {@code shared}: the leases are in a database several instances share (PostgreSQL). */
    LeaseKeeper(
            FieldsyncSettings settings,
            boolean shared,
            IntegrationLeases leases,
            IntegrationRegistry registry,
            Clock clock) {
        this.settings = settings;
        this.timing = settings.instance().leases();
        this.shared = shared;
        this.registry = registry;
        this.clock = clock;
        this.balancer = new LeaseBalancer(settings.instance().id(), leases, this::integrations, clock, timing.ttl(), 1);
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        start();
    }

    /** Steps once now (so the first pass finds its leases), then every heartbeat interval; later calls do nothing. */
    public synchronized void start() {
        if (started || stopped || !shared) {
            return;
        }
        started = true;
        step();
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "fieldsync-leases");
            thread.setDaemon(true);
            return thread;
        });
        long every = timing.heartbeatInterval().toMillis();
        executor.scheduleWithFixedDelay(this::step, every, every, TimeUnit.MILLISECONDS);
        LOG.info(
                "lease keeper started for instance {}: heartbeat every {} ms, leases last {} ms",
                settings.instance().id(),
                every,
                timing.ttl().toMillis());
    }

    /**
     * Whether this instance may run the integration's sync now: the last step's result, no database call (the first
     * call starts the keeper when the server's start has not yet).
     */
    public boolean tryLead(IntegrationId integration) {
        if (!started) {
            start();
        }
        return leads(integration);
    }

    /** Whether this instance may run the integration's sync now, without starting the keeper (false until it runs). */
    public boolean leads(IntegrationId integration) {
        return held.leads(integration, clock.instant());
    }

    /** The enabled integrations: the registry's, and the configured ones from the first step on. */
    private List<IntegrationId> integrations() {
        Set<IntegrationId> ids = new TreeSet<>(java.util.Comparator.comparing(IntegrationId::value));
        Set<IntegrationId> listed = new HashSet<>();
        for (Integration integration : registry.list()) {
            listed.add(integration.id());
            if (integration.enabled()) {
                ids.add(integration.id());
            }
        }
        if (!listed.contains(settings.integration())) {
            ids.add(settings.integration());
        }
        for (Integration configured : settings.integrations()) {
            if (configured.enabled() && !listed.contains(configured.id())) {
                ids.add(configured.id());
            }
        }
        return List.copyOf(ids);
    }

    /** One step of the balancer; what it holds afterwards becomes {@link #leads}' answer (package-private: tests). */
    synchronized void step() {
        if (stopped) {
            return;
        }
        Instant at = clock.instant();
        try {
            Set<IntegrationId> now = Set.copyOf(balancer.step());
            Set<IntegrationId> before = held.integrations();
            held = new Held(now, at.plus(timing.leadFor()));
            logChanges(before, now);
            if (failing) {
                LOG.info("lease step works again");
                failing = false;
            }
        } catch (RuntimeException failure) {
            if (!failing) {
                LOG.warn(
                        "lease step failed ({}): this instance keeps its leases' work until {} at the latest",
                        failure.getMessage(),
                        held.until());
                failing = true;
            }
        }
    }

    private static void logChanges(Set<IntegrationId> before, Set<IntegrationId> now) {
        Set<String> gained = new TreeSet<>();
        Set<String> lost = new TreeSet<>();
        now.stream().filter(id -> !before.contains(id)).forEach(id -> gained.add(id.value()));
        before.stream().filter(id -> !now.contains(id)).forEach(id -> lost.add(id.value()));
        if (!gained.isEmpty()) {
            LOG.info("this instance now leads the sync of {} (lease)", gained);
        }
        if (!lost.isEmpty()) {
            LOG.info("this instance no longer leads the sync of {} (lease given up or lost)", lost);
        }
    }

    /**
     * Stops stepping and gives every lease up. A {@code @PreDestroy}: the loops that use the leases stop on the
     * shutdown event before it, so no pass runs when another instance takes a lease.
     */
    @PreDestroy
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        held = Held.NOTHING;
        if (!started) {
            return;
        }
        executor.shutdownNow();
        try {
            balancer.releaseAll();
            LOG.info(
                    "lease keeper stopped: every lease of {} given up",
                    settings.instance().id());
        } catch (RuntimeException failure) {
            LOG.warn(
                    "could not give the leases up ({}): they expire after {} ms",
                    failure.getMessage(),
                    timing.ttl().toMillis());
        }
    }
}
