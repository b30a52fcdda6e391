package dev.fieldsync.ports.out.gateway;

import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.job.CancelRequest;
import dev.fieldsync.domain.job.JobDraft;
import dev.fieldsync.domain.job.JobPatch;
import dev.fieldsync.domain.lookup.LookupKind;
import dev.fieldsync.domain.site.SiteDraft;
import dev.fieldsync.domain.site.SitePatch;
import dev.fieldsync.ports.out.budget.Priority;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The FieldInsight Gateway: the operations of {@link GatewayOperation} (GATEWAY-API.md §5-§7). Every call spends
 * budget before it leaves the process; reads take the priority to spend it at, writes are always interactive.
 * An implementation implements {@link #call} alone; the other methods are the typed way to make each call.
 *
 * <p>Failures are {@link GatewayException}s: a problem document, an outcome-unknown write, an unreachable
 * gateway, or an answer of the wrong shape. Implementations are thread-safe.
 */
public interface Gateway {

    /** Sends one call and returns its answer. */
    <R> R call(GatewayCall<R> call);

    /** Every item of a lookup (at most {@link LookupKind#CAP}). */
    default <T> List<T> lookup(LookupKind<T> kind, Priority priority) {
        return call(new GatewayCall.Lookup<>(kind, priority));
    }

    /** One page of {@code GET /v1/jobs}; {@code cursor} empty asks for the first page. */
    default JobPage listJobs(JobQuery query, Optional<String> cursor, Priority priority) {
        return call(new GatewayCall.ListJobs(query, cursor, priority));
    }

    /** {@code POST /v1/jobs}. A create that may have happened fails with {@link OutcomeUnknownException}. */
    default CreatedJob createJob(JobDraft draft) {
        return call(new GatewayCall.CreateJob(draft));
    }

    /** {@code PATCH /v1/jobs/:id}. */
    default void updateJob(JobId job, JobPatch patch) {
        call(new GatewayCall.UpdateJob(job, patch));
    }

    /** {@code POST /v1/jobs/:id/cancel}. */
    default void cancelJob(CancelRequest request) {
        call(new GatewayCall.CancelJob(request));
    }

    /** {@code POST /v1/sites}. */
    default SiteId createSite(SiteDraft draft) {
        return call(new GatewayCall.CreateSite(draft));
    }

    /** {@code PATCH /v1/sites/:id}. */
    default void updateSite(SiteId site, SitePatch patch) {
        call(new GatewayCall.UpdateSite(site, patch));
    }

    /**
     * Pages of a query, fetched lazily one at a time as the iterator advances; the query's filters are
     * resent with each cursor. Starts at {@code cursor} (empty: the first page).
     */
    default Iterator<JobPage> pages(JobQuery query, Optional<String> cursor, Priority priority) {
        return new Iterator<>() {
            private Optional<String> next = cursor;
            private boolean done;

            @Override
            public boolean hasNext() {
                return !done;
            }

            @Override
            public JobPage next() {
                if (done) {
                    throw new NoSuchElementException("no more pages");
                }
                JobPage page = listJobs(query, next, priority);
                next = page.nextCursor();
                done = next.isEmpty();
                return page;
            }
        };
    }
}
