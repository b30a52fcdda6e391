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
 * heartbeat interval): heartbeat, renew what it holds, give up its surplus when it holds more than {@code ceil(n /
 * live) + slack} (down to the share {@code ceil(n / live)}, so a joining instance finds free ones) and what is no
 * longer in the list of integrations, then take free or expired leases up to the share, and above it (up to the cap)
 * only those the other live instances have no room for below their share. An instance that
 * stops stepping loses its leases after the TTL; the others take them over at their next step, so an integration is
 * without a holder for at most TTL + one interval.
 *
 * <p>Giving a lease up takes two steps: the step that decides it leaves the integration out of what it returns (so
 * this instance stops its work at the next page boundary) and keeps the lease one more interval; the next step
 * deletes it. Another instance can take it only then, when the work here has had one interval to stop. Instances
 * that have not heartbeated for ten TTLs are forgotten ({@code fs_instance} rows deleted).
 */
public final class LeaseBalancer {
    /** An instance whose heartbeat expired this many TTLs ago is forgotten. */
    public static final int FORGET_AFTER_TTLS = 10;

    private final String instance;
    private final IntegrationLeases leases;
    private final Supplier<List<IntegrationId>> integrations;
    private final Clock clock;
    private final Duration ttl;
    private final int slack;
    private final Set<IntegrationId> releasing = new HashSet<>();

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

    /**
     * One round; returns the integrations this instance holds afterwards, without those it is giving up (held one
     * more interval, deleted at the next step). Not thread-safe: one thread steps.
     */
    public List<IntegrationId> step() {
        Instant now = clock.instant();
        leases.heartbeat(instance, now, ttl);
        leases.forgetInstances(now.minus(ttl.multipliedBy(FORGET_AFTER_TTLS)));
        for (IntegrationId given : releasing) {
            leases.release(given, instance);
        }
        releasing.clear();
        leases.renew(instance, now, ttl);
        List<IntegrationId> all = integrations.get();
        Set<IntegrationId> listed = new HashSet<>(all);
        int live = Math.max(1, leases.liveInstances(now));
        int share = (all.size() + live - 1) / live;
        int cap = share + slack;
        List<IntegrationId> held = new ArrayList<>();
        for (IntegrationId integration : leases.held(instance, now)) {
            (listed.contains(integration) ? held : releasing).add(integration);
        }
        if (held.size() > cap) {
            held.sort(Comparator.comparing(IntegrationId::value).reversed());
            while (held.size() > share) {
                releasing.add(held.remove(0));
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
            // Up to the share; above it (up to the cap) only what the other live instances' room below their share
            // cannot take, so a lease given up for a joining instance is not taken back at once.
            int othersRoom = Math.max(0, (live - 1) * share - (taken.size() - held.size() - releasing.size()));
            int target = Math.min(cap, Math.max(share, held.size() + Math.max(0, free.size() - othersRoom)));
            // Each instance starts at another place in the list, so instances stepping together rarely race.
            free.sort(Comparator.comparingInt(id -> Math.floorMod((id.value() + instance).hashCode(), 1 << 20)));
            for (IntegrationId integration : free) {
                if (held.size() >= target) {
                    break;
                }
                if (leases.acquire(integration, instance, now, ttl)) {
                    held.add(integration);
                }
            }
        }
        held.sort(Comparator.comparing(IntegrationId::value));
        return List.copyOf(held);
    }

    /**
     * Whether this instance holds the integration's lease now and is not giving it up (asks the store; the service
     * asks its last step's result instead).
     */
    public boolean holds(IntegrationId integration) {
        return !releasing.contains(integration)
                && leases.held(instance, clock.instant()).contains(integration);
    }

    /** Gives every lease up (shutdown), so the others take them at their next step instead of after the TTL. */
    public void releaseAll() {
        for (IntegrationId integration : leases.held(instance, clock.instant())) {
            leases.release(integration, instance);
        }
        releasing.clear();
    }
}
