package dev.fieldsync.ports.in.lookup;

import dev.fieldsync.domain.lookup.LookupCatalog;

/**
 * The lookup catalog: served from the cache or the store, fetched (six calls at background priority) only
 * when there is none or it is older than the refresh age.
 */
public interface ResolveLookups {

    /** The current snapshot, loading or refreshing it when needed. */
    LookupCatalog catalog();

    /** Fetches a new snapshot now (e.g. {@code fieldsync lookups --refresh}). */
    LookupCatalog refresh();

    /**
     * A refresh asked for on a caller's behalf (the REST API's {@code ?refresh=true}): fetches at most once per
     * the configured interval, counted from the attempt; a call within it waits for a refresh in flight and answers
     * the catalog it brought. With no catalog at all it fetches (and a failure throws).
     */
    RefreshAnswer requestRefresh();

    /**
     * A write failed on an id the catalog may have wrong: refresh, but at most once per the configured
     * interval. Returns true when a refresh ran.
     */
    boolean refreshAfterStaleId();
}
