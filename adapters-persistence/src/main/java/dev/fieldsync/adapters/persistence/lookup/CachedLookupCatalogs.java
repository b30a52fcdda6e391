package dev.fieldsync.adapters.persistence.lookup;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.lookup.LookupCatalog;
import dev.fieldsync.domain.lookup.NamedItem;
import dev.fieldsync.ports.out.store.LookupCatalogs;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A Caffeine cache in front of the persisted catalogs ({@link LookupCatalogs} decorator).
 *
 * <ul>
 *   <li>{@link #load} serves from memory, else from the store (no gateway call after a restart), else, when a
 *       fetcher is given, fetches once and persists.</li>
 *   <li>A snapshot whose {@code fetchedAt} is older than the refresh age is refreshed in the background through
 *       the fetcher; Caffeine's {@code refresh} keeps one refresh per integration in flight (single flight) and
 *       the old snapshot is served while it runs and if it fails. After a failure the next try waits
 *       {@code retryAfterFailure}, so a gateway outage costs one call per interval, not one per read.</li>
 *   <li>{@link #save}, {@link #addSite} and {@link #invalidate} keep memory and store in step (a site the kit
 *       creates is usable at once).</li>
 * </ul>
 * Without a fetcher it is a read-through cache only (the application's own service then decides when to fetch).
 * The fetcher spends gateway budget, so it runs on the given executor, never on the caller's (event-loop) thread.
 */
public final class CachedLookupCatalogs implements LookupCatalogs {
    private static final System.Logger LOG = System.getLogger(CachedLookupCatalogs.class.getName());

    private final LookupCatalogs store;
    private final Optional<Function<IntegrationId, LookupCatalog>> fetcher;
    private final Duration refreshAge;
    private final Duration retryAfterFailure;
    private final Clock clock;
    private final LoadingCache<IntegrationId, LookupCatalog> cache;
    private final Map<IntegrationId, Instant> lastFailedRefresh = new ConcurrentHashMap<>();
    private final Map<IntegrationId, CompletableFuture<LookupCatalog>> refreshing = new ConcurrentHashMap<>();

    private CachedLookupCatalogs(Builder builder) {
        this.store = builder.store;
        this.fetcher = Optional.ofNullable(builder.fetcher);
        this.refreshAge = builder.refreshAge;
        this.retryAfterFailure = builder.retryAfterFailure;
        this.clock = builder.clock;
        Executor executor = builder.executor != null ? builder.executor : Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "fieldsync-lookup-refresh");
            thread.setDaemon(true);
            return thread;
        });
        this.cache = Caffeine.newBuilder().maximumSize(builder.maximumIntegrations).executor(executor)
                .build(new CatalogLoader());
    }

    /** Starts a cache over {@code store}; everything else has a default. */
    public static Builder over(LookupCatalogs store) {
        return new Builder(store);
    }

    /** Loads from memory, the store, or (with a fetcher, when nothing is stored) the gateway. */
    @Override
    public Optional<LookupCatalog> load(IntegrationId integration) {
        Objects.requireNonNull(integration, "integration");
        LookupCatalog current;
        try {
            current = cache.get(integration);
        } catch (CompletionException e) {
            throw unwrap(e);
        }
        if (current != null && isOld(current)) {
            refreshInBackground(integration);
        }
        return Optional.ofNullable(current);
    }

    /** Persists a snapshot and serves it at once. */
    @Override
    public void save(IntegrationId integration, LookupCatalog catalog) {
        store.save(integration, catalog);
        cache.put(integration, catalog);
        lastFailedRefresh.remove(integration);
    }

    /** A site the kit just created joins the snapshot (memory and store) at once; false when none is loaded. */
    public boolean addSite(IntegrationId integration, NamedItem<SiteId> site) {
        Optional<LookupCatalog> current = Optional.ofNullable(cache.getIfPresent(integration)).or(() -> store.load(integration));
        current.ifPresent(catalog -> save(integration, catalog.withSite(site)));
        return current.isPresent();
    }

    /** Forgets the in-memory snapshot; the next load reads the store again (e.g. after another instance saved). */
    public void invalidate(IntegrationId integration) {
        cache.invalidate(integration);
    }

    /**
     * Fetches now (single flight: joins a refresh already running) and returns the new snapshot; throws what the
     * fetcher threw. For a write that failed on a stale id; the caller caps how often it asks.
     */
    public LookupCatalog refreshNow(IntegrationId integration) {
        requireFetcher();
        try {
            return cache.refresh(integration).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while refreshing the lookups of " + integration, e);
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        }
    }

    private void refreshInBackground(IntegrationId integration) {
        if (fetcher.isEmpty()) {
            return;
        }
        Instant failedAt = lastFailedRefresh.get(integration);
        if (failedAt != null && clock.instant().isBefore(failedAt.plus(retryAfterFailure))) {
            return;
        }
        // One refresh per integration in flight, made explicit: Caffeine's own dedup of refresh() missed concurrent
        // callers that found the entry old at the same moment (StoreContractTest saw three fetches under 8 readers).
        CompletableFuture<LookupCatalog> mine = new CompletableFuture<>();
        if (refreshing.putIfAbsent(integration, mine) != null) {
            return;
        }
        cache.refresh(integration).whenComplete((fresh, failure) -> {
            refreshing.remove(integration, mine);
            if (failure != null) {
                lastFailedRefresh.put(integration, clock.instant());
                LOG.log(Level.WARNING, "lookup refresh of {0} failed, serving the older snapshot: {1}", integration,
                        failure.toString());
                mine.completeExceptionally(failure);
            } else {
                mine.complete(fresh);
            }
        });
    }

    private boolean isOld(LookupCatalog catalog) {
        return !clock.instant().isBefore(catalog.fetchedAt().plus(refreshAge));
    }

    private Function<IntegrationId, LookupCatalog> requireFetcher() {
        return fetcher.orElseThrow(() -> new IllegalStateException(
                "this catalog cache has no fetcher; build it with CachedLookupCatalogs.over(store).fetcher(...)"));
    }

    private static RuntimeException unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }

    /** Memory misses read the store, then fetch; refreshes always fetch and persist. */
    private final class CatalogLoader implements CacheLoader<IntegrationId, LookupCatalog> {
        @Override
        public LookupCatalog load(IntegrationId integration) {
            Optional<LookupCatalog> stored = store.load(integration);
            if (stored.isPresent() || fetcher.isEmpty()) {
                return stored.orElse(null);
            }
            return fetchAndStore(integration);
        }

        @Override
        public LookupCatalog reload(IntegrationId integration, LookupCatalog old) {
            return fetchAndStore(integration);
        }

        private LookupCatalog fetchAndStore(IntegrationId integration) {
            LookupCatalog fetched = Objects.requireNonNull(requireFetcher().apply(integration),
                    "the lookup fetcher returned null");
            store.save(integration, fetched);
            lastFailedRefresh.remove(integration);
            return fetched;
        }
    }

    /** Configures a {@link CachedLookupCatalogs}. */
    public static final class Builder {
        private final LookupCatalogs store;
        private Function<IntegrationId, LookupCatalog> fetcher;
        private Duration refreshAge = Duration.ofDays(1);
        private Duration retryAfterFailure = Duration.ofMinutes(5);
        private Clock clock = Clock.systemUTC();
        private Executor executor;
        private long maximumIntegrations = 1_000;

        private Builder(LookupCatalogs store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /** Fetches a fresh snapshot from the gateway (six background calls); absent means read-through only. */
        public Builder fetcher(Function<IntegrationId, LookupCatalog> value) {
            fetcher = Objects.requireNonNull(value, "fetcher");
            return this;
        }

        /** Snapshots older than this are refreshed in the background (default one day). */
        public Builder refreshAge(Duration value) {
            refreshAge = positive(value, "refreshAge");
            return this;
        }

        /** After a failed refresh, the next try waits this long (default five minutes). */
        public Builder retryAfterFailure(Duration value) {
            retryAfterFailure = positive(value, "retryAfterFailure");
            return this;
        }

        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Where refreshes run (default one daemon thread); they block on the rate budget. */
        public Builder executor(Executor value) {
            executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        public CachedLookupCatalogs build() {
            return new CachedLookupCatalogs(this);
        }

        private static Duration positive(Duration value, String name) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be a positive duration, got " + value);
            }
            return value;
        }
    }
}
