package dev.fieldsync.ports.out.gateway;

import dev.fieldsync.domain.id.CustomerId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.JobTypeId;
import dev.fieldsync.domain.id.ProjectId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.id.StatusId;
import dev.fieldsync.domain.job.CancelRequest;
import dev.fieldsync.domain.job.JobDraft;
import dev.fieldsync.domain.job.JobPatch;
import dev.fieldsync.domain.lookup.CustomFieldDef;
import dev.fieldsync.domain.lookup.NamedItem;
import dev.fieldsync.domain.site.SiteDraft;
import dev.fieldsync.domain.site.SitePatch;
import dev.fieldsync.ports.out.budget.Priority;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The FieldInsight Gateway: its 12 operations (GATEWAY-API.md §5-§7). Every call spends budget before it
 * leaves the process; reads take the priority to spend it at, writes are always interactive.
 *
 * <p>Failures are {@link GatewayException}s: a problem document, an outcome-unknown write, an unreachable
 * gateway, or an answer of the wrong shape. Implementations are thread-safe.
 */
public interface Gateway {

    List<NamedItem<CustomerId>> customers(Priority priority);

    List<NamedItem<SiteId>> sites(Priority priority);

    List<NamedItem<ProjectId>> projects(Priority priority);

    List<NamedItem<JobTypeId>> jobTypes(Priority priority);

    List<NamedItem<StatusId>> jobStatuses(Priority priority);

    List<CustomFieldDef> customFields(Priority priority);

    /** One page of {@code GET /v1/jobs}; {@code cursor} empty asks for the first page. */
    JobPage listJobs(JobQuery query, Optional<String> cursor, Priority priority);

    /** {@code POST /v1/jobs}. A create that may have happened fails with {@link OutcomeUnknownException}. */
    CreatedJob createJob(JobDraft draft);

    /** {@code PATCH /v1/jobs/:id}. */
    void updateJob(JobId job, JobPatch patch);

    /** {@code POST /v1/jobs/:id/cancel}. */
    void cancelJob(CancelRequest request);

    /** {@code POST /v1/sites}. */
    SiteId createSite(SiteDraft draft);

    /** {@code PATCH /v1/sites/:id}. */
    void updateSite(SiteId site, SitePatch patch);

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
