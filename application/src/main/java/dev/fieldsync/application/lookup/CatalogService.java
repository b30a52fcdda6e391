package dev.fieldsync.application.lookup;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.lookup.LookupCatalog;
import dev.fieldsync.domain.lookup.LookupKind;
import dev.fieldsync.domain.lookup.NamedItem;
import dev.fieldsync.ports.in.lookup.RefreshAnswer;
import dev.fieldsync.ports.in.lookup.ResolveLookups;
import dev.fieldsync.ports.out.budget.Priority;
import dev.fieldsync.ports.out.gateway.Gateway;
import dev.fieldsync.ports.out.gateway.GatewayException;
import dev.fieldsync.ports.out.store.LookupCatalogs;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lookup catalog of one integration (ARCHITECTURE.md §6): served from memory or the store, fetched with
 * one background call per lookup only when missing or older than the refresh age. Fetches are single-flight: callers
 * that arrive while one runs get its result instead of starting another. Refreshes after a stale id are
 * capped to one per interval, counted from the attempt, so a write that keeps failing never loops; so are
 * refreshes a caller asks for ({@link #requestRefresh()}), so that no holder of the API token can spend the budget.
 */
public final class CatalogService implements ResolveLookups {
    private static final System.Logger LOG = System.getLogger(CatalogService.class.getName());

    private final IntegrationId integration;
    private final Gateway gateway;
    private final LookupCatalogs store;
    private final Clock clock;
    private final Duration refreshAge;
    private final Duration staleIdInterval;
    private final Duration requestedInterval;
    private final ReentrantLock fetchLock = new ReentrantLock();

    private volatile LookupCatalog cached;
    private volatile long fetchGeneration;
    private volatile Instant lastStaleIdRefresh;
    private volatile Instant lastFailedAgeRefresh;
    private Instant lastRequestedRefresh; // guarded by fetchLock

    public CatalogService(
            IntegrationId integration,
            Gateway gateway,
            LookupCatalogs store,
            Clock clock,
            Duration refreshAge,
            Duration staleIdInterval,
            Duration requestedInterval) {
        this.integration = Objects.requireNonNull(integration, "integration");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refreshAge = Objects.requireNonNull(refreshAge, "refreshAge");
        this.staleIdInterval = Objects.requireNonNull(staleIdInterval, "staleIdInterval");
        this.requestedInterval = Objects.requireNonNull(requestedInterval, "requestedInterval");
    }

    /**
     * The current snapshot. When it is older than the refresh age a refresh is tried; if that fails the old
     * snapshot is served (and the next try waits for the stale-id interval). With no snapshot at all a
     * failed fetch throws the {@link GatewayException}.
     */
    @Override
    public LookupCatalog catalog() {
        // Read before looking at the snapshot: a fetch that completes after this look counts as "someone fetched".
        long seen = fetchGeneration;
        Optional<LookupCatalog> current = current();
        Instant now = clock.instant();
        if (current.isPresent() && !isOld(current.get(), now)) {
            return current.get();
        }
        if (current.isPresent()
                && lastFailedAgeRefresh != null
                && now.isBefore(lastFailedAgeRefresh.plus(staleIdInterval))) {
            return current.get();
        }
        try {
            return fetchOnce(seen);
        } catch (GatewayException failure) {
            if (current.isEmpty()) {
                throw failure;
            }
            lastFailedAgeRefresh = now;
            LOG.log(
                    Level.WARNING,
                    "lookup refresh of {0} failed, serving the snapshot of {1}: {2}",
                    integration,
                    current.get().fetchedAt(),
                    failure.describe());
            return current.get();
        }
    }

    /** The snapshot in memory or the store, without any gateway call. */
    public Optional<LookupCatalog> current() {
        LookupCatalog inMemory = cached;
        if (inMemory != null) {
            return Optional.of(inMemory);
        }
        Optional<LookupCatalog> stored = store.load(integration);
        stored.ifPresent(catalog -> cached = catalog);
        return stored;
    }

    @Override
    public LookupCatalog refresh() {
        return fetchOnce(fetchGeneration);
    }

    /**
     * Callers wait on the fetch lock, so those arriving while a requested refresh runs answer the catalog it
     * brought. Counted from the attempt: a refresh that failed is not tried again within the interval while
     * there is a catalog to answer.
     */
    @Override
    public RefreshAnswer requestRefresh() {
        fetchLock.lock();
        try {
            Instant now = clock.instant();
            Optional<LookupCatalog> current = current();
            if (current.isPresent()
                    && lastRequestedRefresh != null
                    && now.isBefore(lastRequestedRefresh.plus(requestedInterval))) {
                return new RefreshAnswer(current.get(), false, lastRequestedRefresh.plus(requestedInterval));
            }
            lastRequestedRefresh = now;
            return new RefreshAnswer(fetchOnce(fetchGeneration), true, now.plus(requestedInterval));
        } finally {
            fetchLock.unlock();
        }
    }

    @Override
    public boolean refreshAfterStaleId() {
        synchronized (this) {
            Instant now = clock.instant();
            if (lastStaleIdRefresh != null && now.isBefore(lastStaleIdRefresh.plus(staleIdInterval))) {
                LOG.log(
                        Level.DEBUG,
                        "stale-id refresh of {0} skipped: the last one was at {1}",
                        integration,
                        lastStaleIdRefresh);
                return false;
            }
            // Counted from the attempt, so a refresh that fails does not invite another right away.
            lastStaleIdRefresh = now;
        }
        try {
            fetchOnce(fetchGeneration);
            return true;
        } catch (GatewayException failure) {
            LOG.log(Level.WARNING, "stale-id lookup refresh of {0} failed: {1}", integration, failure.describe());
            return false;
        }
    }

    /** A site the kit just created is usable at once: add it to the snapshot and persist it. */
    public void addSite(NamedItem<SiteId> site) {
        fetchLock.lock();
        try {
            Optional<LookupCatalog> current = current();
            if (current.isEmpty()) {
                return; // the next fetch will bring it
            }
            LookupCatalog updated = current.get().with(LookupKind.SITES, site);
            store.save(integration, updated);
            cached = updated;
        } finally {
            fetchLock.unlock();
        }
    }

    /** Adopts a snapshot fetched elsewhere (e.g. by setup verification) so its calls are not repeated. */
    public void adopt(LookupCatalog catalog) {
        fetchLock.lock();
        try {
            store.save(integration, catalog);
            cached = catalog;
            fetchGeneration++;
        } finally {
            fetchLock.unlock();
        }
    }

    private boolean isOld(LookupCatalog catalog, Instant now) {
        return !now.isBefore(catalog.fetchedAt().plus(refreshAge));
    }

    /** Fetches unless another fetch completed since the caller looked ({@code seenGeneration}). */
    private LookupCatalog fetchOnce(long seenGeneration) {
        fetchLock.lock();
        try {
            if (fetchGeneration != seenGeneration && cached != null) {
                return cached; // someone fetched while we waited for the lock: single flight
            }
            LookupCatalog.Builder builder = LookupCatalog.fetchedAt(clock.instant());
            LookupKind.all().forEach(kind -> fetch(builder, kind));
            LookupCatalog fetched = builder.build();
            store.save(integration, fetched);
            cached = fetched;
            fetchGeneration++;
            lastFailedAgeRefresh = null;
            if (!fetched.possiblyTruncated().isEmpty()) {
                LOG.log(
                        Level.WARNING,
                        "lookups of {0} returned exactly 100 items and may be cut off: {1}",
                        integration,
                        fetched.possiblyTruncated());
            }
            LOG.log(Level.INFO, "lookups of {0} fetched: {1}", integration, fetched);
            return fetched;
        } finally {
            fetchLock.unlock();
        }
    }

    private <T> void fetch(LookupCatalog.Builder builder, LookupKind<T> kind) {
        builder.fetched(kind, gateway.lookup(kind, Priority.BACKGROUND));
    }
}
