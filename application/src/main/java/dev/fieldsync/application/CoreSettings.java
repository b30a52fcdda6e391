package dev.fieldsync.application;

import dev.fieldsync.domain.sync.SyncPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The tunables of one {@link FieldsyncCore}. {@link #defaults()} gives the values ARCHITECTURE.md asks for;
 * the {@code with...} methods change one value at a time.
 *
 * @param syncPolicy             watermark overlap and first-pass horizon
 * @param lookupRefreshAge       a catalog older than this is fetched again (six background calls)
 * @param staleIdRefreshInterval at most one "a write failed on a stale id" refresh per this interval
 * @param claimLease             a submission claimed (SENDING) longer than this had its sender die mid-send
 * @param reconcileMargin        a completed pass must end this long after a create attempt before "not
 *                               found" counts (covers the gateway's clock running ahead of ours)
 * @param retryBackoffBase       first delay before a create refused with "nothing ran" (429, unreachable) is
 *                               tried again; doubles per attempt
 * @param retryBackoffMax        cap of that delay
 * @param maxSendAttempts        a create that kept being refused with "nothing ran" fails after this many tries
 * @param ids                    source of generated external ids and submission ids
 * @param notesReference         add the reference line ({@code [fieldsync:<external id>]}) to the notes of each
 *                               job create, so that a create whose answer was lost is found again by it
 */
public record CoreSettings(SyncPolicy syncPolicy, Duration lookupRefreshAge, Duration staleIdRefreshInterval,
        Duration claimLease, Duration reconcileMargin, Duration retryBackoffBase, Duration retryBackoffMax,
        int maxSendAttempts, Supplier<UUID> ids, boolean notesReference) {

    public CoreSettings {
        Objects.requireNonNull(syncPolicy, "syncPolicy");
        positive("lookupRefreshAge", lookupRefreshAge);
        notNegative("staleIdRefreshInterval", staleIdRefreshInterval);
        positive("claimLease", claimLease);
        notNegative("reconcileMargin", reconcileMargin);
        positive("retryBackoffBase", retryBackoffBase);
        positive("retryBackoffMax", retryBackoffMax);
        if (maxSendAttempts < 1) {
            throw new IllegalArgumentException("maxSendAttempts must be at least 1, got " + maxSendAttempts);
        }
        Objects.requireNonNull(ids, "ids");
    }

    /**
     * Overlap 2 min, horizon 365 days, lookups daily, stale-id refresh at most every 5 min, lease 2 min, the notes
     * reference on.
     */
    public static CoreSettings defaults() {
        return new CoreSettings(SyncPolicy.defaults(), Duration.ofDays(1), Duration.ofMinutes(5),
                Duration.ofMinutes(2), Duration.ofMinutes(2), Duration.ofSeconds(1), Duration.ofMinutes(5), 8,
                UUID::randomUUID, true);
    }

    public CoreSettings withSyncPolicy(SyncPolicy value) {
        return new CoreSettings(value, lookupRefreshAge, staleIdRefreshInterval, claimLease, reconcileMargin,
                retryBackoffBase, retryBackoffMax, maxSendAttempts, ids, notesReference);
    }

    public CoreSettings withLookupRefreshAge(Duration value) {
        return new CoreSettings(syncPolicy, value, staleIdRefreshInterval, claimLease, reconcileMargin,
                retryBackoffBase, retryBackoffMax, maxSendAttempts, ids, notesReference);
    }

    public CoreSettings withStaleIdRefreshInterval(Duration value) {
        return new CoreSettings(syncPolicy, lookupRefreshAge, value, claimLease, reconcileMargin,
                retryBackoffBase, retryBackoffMax, maxSendAttempts, ids, notesReference);
    }

    public CoreSettings withClaimLease(Duration value) {
        return new CoreSettings(syncPolicy, lookupRefreshAge, staleIdRefreshInterval, value, reconcileMargin,
                retryBackoffBase, retryBackoffMax, maxSendAttempts, ids, notesReference);
    }

    public CoreSettings withReconcileMargin(Duration value) {
        return new CoreSettings(syncPolicy, lookupRefreshAge, staleIdRefreshInterval, claimLease, value,
                retryBackoffBase, retryBackoffMax, maxSendAttempts, ids, notesReference);
    }

    public CoreSettings withRetryBackoff(Duration base, Duration max) {
        return new CoreSettings(syncPolicy, lookupRefreshAge, staleIdRefreshInterval, claimLease, reconcileMargin,
                base, max, maxSendAttempts, ids, notesReference);
    }

    public CoreSettings withMaxSendAttempts(int value) {
        return new CoreSettings(syncPolicy, lookupRefreshAge, staleIdRefreshInterval, claimLease, reconcileMargin,
                retryBackoffBase, retryBackoffMax, value, ids, notesReference);
    }

    public CoreSettings withIds(Supplier<UUID> value) {
        return new CoreSettings(syncPolicy, lookupRefreshAge, staleIdRefreshInterval, claimLease, reconcileMargin,
                retryBackoffBase, retryBackoffMax, maxSendAttempts, value, notesReference);
    }

    public CoreSettings withNotesReference(boolean value) {
        return new CoreSettings(syncPolicy, lookupRefreshAge, staleIdRefreshInterval, claimLease, reconcileMargin,
                retryBackoffBase, retryBackoffMax, maxSendAttempts, ids, value);
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    private static void notNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
    }
}
