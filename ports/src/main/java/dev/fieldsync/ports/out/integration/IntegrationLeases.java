package dev.fieldsync.ports.out.integration;

import dev.fieldsync.domain.id.IntegrationId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Leases that make one instance the only one to run an integration's sync, with each instance's heartbeat. Every
 * method is one atomic step against the shared store; times come from the caller's clock.
 */
public interface IntegrationLeases {

    /** This instance is alive until {@code now + ttl}. */
    void heartbeat(String instance, Instant now, Duration ttl);

    /** The instances whose heartbeat has not expired at {@code now}. */
    int liveInstances(Instant now);

    /** Deletes the heartbeats that expired before {@code expiredBefore} (instances gone for good); returns how many. */
    int forgetInstances(Instant expiredBefore);

    /**
     * Takes the integration's lease for {@code instance} until {@code now + ttl} when nobody holds it, its lease expired
     * or {@code instance} holds it already; false when another instance holds an unexpired lease.
     */
    boolean acquire(IntegrationId integration, String instance, Instant now, Duration ttl);

    /** Extends every unexpired lease {@code instance} holds to {@code now + ttl}; returns how many. */
    int renew(String instance, Instant now, Duration ttl);

    /** Gives the lease up, if {@code instance} holds it. */
    void release(IntegrationId integration, String instance);

    /** The integrations {@code instance} holds an unexpired lease of at {@code now}. */
    List<IntegrationId> held(String instance, Instant now);

    /** The integrations anyone holds an unexpired lease of at {@code now}. */
    List<IntegrationId> leased(Instant now);

    /** Who holds each unexpired lease at {@code now}: integration to instance (what any instance shows as leader). */
    Map<IntegrationId, String> holders(Instant now);
}
