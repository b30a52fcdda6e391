package dev.fieldsync.application;

import dev.fieldsync.domain.sync.SweepSettings;
import dev.fieldsync.domain.sync.SyncPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The tunables of one {@link FieldsyncCore}. {@link #defaults()} gives the values ARCHITECTURE.md asks for;
 * {@link #with} changes values on a copy. The service reads each from its configuration (app-micronaut README).
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
 * @param requestCaps            how often the REST API's refresh and verify may spend requests for a caller
 * @param sweep                  the verification sweep: schedule, gone guard, adaptive overlap
 */
public record CoreSettings(
        SyncPolicy syncPolicy,
        Duration lookupRefreshAge,
        Duration staleIdRefreshInterval,
        Duration claimLease,
        Duration reconcileMargin,
        Duration retryBackoffBase,
        Duration retryBackoffMax,
        int maxSendAttempts,
        Supplier<UUID> ids,
        boolean notesReference,
        RequestCaps requestCaps,
        SweepSettings sweep) {

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
        Objects.requireNonNull(requestCaps, "requestCaps");
        Objects.requireNonNull(sweep, "sweep");
    }

    /**
     * Overlap 2 min, horizon 365 days, lookups daily, stale-id refresh at most every 5 min, lease 2 min, the notes
     * reference on, {@link RequestCaps#defaults()}.
     */
    public static CoreSettings defaults() {
        return new CoreSettings(
                SyncPolicy.defaults(),
                Duration.ofDays(1),
                Duration.ofMinutes(5),
                Duration.ofMinutes(2),
                Duration.ofMinutes(2),
                Duration.ofSeconds(1),
                Duration.ofMinutes(5),
                8,
                UUID::randomUUID,
                true,
                RequestCaps.defaults(),
                SweepSettings.DEFAULTS);
    }

    /** A copy with the values {@code change} sets on a builder that starts from these. */
    public CoreSettings with(Consumer<Builder> change) {
        Builder builder = new Builder(this);
        change.accept(builder);
        return builder.build();
    }

    /** Sets values one at a time; {@link #build()} checks them. */
    public static final class Builder {
        private SyncPolicy syncPolicy;
        private Duration lookupRefreshAge;
        private Duration staleIdRefreshInterval;
        private Duration claimLease;
        private Duration reconcileMargin;
        private Duration retryBackoffBase;
        private Duration retryBackoffMax;
        private int maxSendAttempts;
        private Supplier<UUID> ids;
        private boolean notesReference;
        private RequestCaps requestCaps;
        private SweepSettings sweep;

        private Builder(CoreSettings from) {
            syncPolicy = from.syncPolicy;
            lookupRefreshAge = from.lookupRefreshAge;
            staleIdRefreshInterval = from.staleIdRefreshInterval;
            claimLease = from.claimLease;
            reconcileMargin = from.reconcileMargin;
            retryBackoffBase = from.retryBackoffBase;
            retryBackoffMax = from.retryBackoffMax;
            maxSendAttempts = from.maxSendAttempts;
            ids = from.ids;
            notesReference = from.notesReference;
            requestCaps = from.requestCaps;
            sweep = from.sweep;
        }

        public Builder syncPolicy(SyncPolicy value) {
            syncPolicy = value;
            return this;
        }

        public Builder lookupRefreshAge(Duration value) {
            lookupRefreshAge = value;
            return this;
        }

        public Builder staleIdRefreshInterval(Duration value) {
            staleIdRefreshInterval = value;
            return this;
        }

        public Builder claimLease(Duration value) {
            claimLease = value;
            return this;
        }

        public Builder reconcileMargin(Duration value) {
            reconcileMargin = value;
            return this;
        }

        public Builder retryBackoff(Duration base, Duration max) {
            retryBackoffBase = base;
            retryBackoffMax = max;
            return this;
        }

        public Builder maxSendAttempts(int value) {
            maxSendAttempts = value;
            return this;
        }

        public Builder ids(Supplier<UUID> value) {
            ids = value;
            return this;
        }

        public Builder notesReference(boolean value) {
            notesReference = value;
            return this;
        }

        public Builder requestCaps(RequestCaps value) {
            requestCaps = value;
            return this;
        }

        public Builder sweep(SweepSettings value) {
            sweep = value;
            return this;
        }

        public CoreSettings build() {
            return new CoreSettings(
                    syncPolicy,
                    lookupRefreshAge,
                    staleIdRefreshInterval,
                    claimLease,
                    reconcileMargin,
                    retryBackoffBase,
                    retryBackoffMax,
                    maxSendAttempts,
                    ids,
                    notesReference,
                    requestCaps,
                    sweep);
        }
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
