package dev.fieldsync.adapters.persistence.lookup;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.lookup.LookupCatalog;

/**
 * Fetches a fresh catalog from the gateway (six background calls). app-micronaut provides one as a bean to let
 * {@link CachedLookupCatalogs} refresh stale snapshots itself; without it the cache only reads through.
 */
@FunctionalInterface
public interface LookupFetcher {
    LookupCatalog fetch(IntegrationId integration);
}
