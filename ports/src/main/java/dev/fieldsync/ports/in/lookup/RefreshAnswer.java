package dev.fieldsync.ports.in.lookup;

import dev.fieldsync.domain.lookup.LookupCatalog;
import java.time.Instant;
import java.util.Objects;

/**
 * What a refresh asked for by a caller gave: the catalog, whether this call fetched it ({@code refreshed}; false
 * when a requested refresh already ran within the interval) and when the next requested refresh may run.
 */
public record RefreshAnswer(LookupCatalog catalog, boolean refreshed, Instant nextRefreshAllowedAt) {
    public RefreshAnswer {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(nextRefreshAllowedAt, "nextRefreshAllowedAt");
    }
}
