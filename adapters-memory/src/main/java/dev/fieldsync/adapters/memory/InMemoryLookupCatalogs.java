package dev.fieldsync.adapters.memory;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.lookup.LookupCatalog;
import dev.fieldsync.ports.out.store.LookupCatalogs;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/** Lookup catalogs in memory, one per integration. */
public final class InMemoryLookupCatalogs implements LookupCatalogs {
    private final ConcurrentMap<IntegrationId, LookupCatalog> catalogs = new ConcurrentHashMap<>();
    private final AtomicLong saves = new AtomicLong();

    @Override
    public Optional<LookupCatalog> load(IntegrationId integration) {
        return Optional.ofNullable(catalogs.get(Objects.requireNonNull(integration, "integration")));
    }

    @Override
    public void save(IntegrationId integration, LookupCatalog catalog) {
        catalogs.put(Objects.requireNonNull(integration, "integration"), Objects.requireNonNull(catalog, "catalog"));
        saves.incrementAndGet();
    }

    /** How many times a catalog was saved. */
    public long saves() {
        return saves.get();
    }
}
