package dev.fieldsync.application;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.ports.out.integration.IntegrationLeases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One instance's share of the integrations, kept by leases ({@link IntegrationLeases}). Each {@link #step} (every
 * heartbeat interval): heartbeat, renew what it holds, release its surplus when it holds more than {@code ceil(n /
 * live) + slack} (down to {@code ceil(n / live)}, so a joining instance finds free ones), then take free or expired
 * leases while it holds fewer than that cap. An instance that stops stepping loses its leases after the TTL; the
 * others take them over at their next step, so an integration is without a holder for at most TTL + one interval.
 * Before running an integration's work, ask {@link #holds} at that moment: a lease that expired is not held.
 */
public final class LeaseBalancer {
    private final String instance;
    private final IntegrationLeases leases;
    private final Supplier<List<IntegrationId>> integrations;
    private final Clock clock;
    private final Duration ttl;
    private final int slack;

    /**
     * {@code ttl}: how long a lease and a heartbeat last (a few intervals, e.g. 3); {@code slack}: how many above the
     * even share an instance may keep before it releases (1 keeps leases from moving back and forth).
     */
    public LeaseBalancer(
            String instance,
            IntegrationLeases leases,
            Supplier<List<IntegrationId>> integrations,
            Clock clock,
            Duration ttl,
            int slack) {
        this.instance = Objects.requireNonNull(instance, "instance");
        this.leases = Objects.requireNonNull(leases, "leases");
        this.integrations = Objects.requireNonNull(integrations, "integrations");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        if (slack < 0) {
            throw new IllegalArgumentException("slack is at least 0");
        }
        this.slack = slack;
    }

    /** One round; returns the integrations this instance holds afterwards. */
    public List<IntegrationId> step() {
        Instant now = clock.instant();
        leases.heartbeat(instance, now, ttl);
        leases.renew(instance, now, ttl);
        List<IntegrationId> all = integrations.get();
        int live = Math.max(1, leases.liveInstances(now));
        int share = (all.size() + live - 1) / live;
        int cap = share + slack;
        List<IntegrationId> held = new ArrayList<>(leases.held(instance, now));
        if (held.size() > cap) {
            held.sort(Comparator.comparing(IntegrationId::value).reversed());
            while (held.size() > share) {
                leases.release(held.remove(0), instance);
            }
        }
        if (held.size() < cap) {
            Set<IntegrationId> taken = new HashSet<>(leases.leased(now));
            List<IntegrationId> free = new ArrayList<>();
            for (IntegrationId integration : all) {
                if (!taken.contains(integration)) {
                    free.add(integration);
                }
            }
            // Each instance starts at another place in the list, so instances stepping together rarely race.
            free.sort(Comparator.comparingInt(id -> Math.floorMod((id.value() + instance).hashCode(), 1 << 20)));
            for (IntegrationId integration : free) {
                if (held.size() >= cap) {
                    break;
                }
                if (leases.acquire(integration, instance, now, ttl)) {
                    held.add(integration);
                }
            }
        }
        return List.copyOf(held);
    }

    /** Whether this instance holds the integration's lease now (check before each piece of its work). */
    public boolean holds(IntegrationId integration) {
        return leases.held(instance, clock.instant()).contains(integration);
    }

    /** Gives every lease up (shutdown), so the others take them at their next step instead of after the TTL. */
    public void releaseAll() {
        for (IntegrationId integration : leases.held(instance, clock.instant())) {
            leases.release(integration, instance);
        }
    }
}
