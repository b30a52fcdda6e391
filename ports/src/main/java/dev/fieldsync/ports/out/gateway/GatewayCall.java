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
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One request to the gateway, typed by its result: which {@link GatewayOperation} it is and what it sends.
 * {@link Gateway#call} takes any of them, so a decorator (metrics) is written once for every operation.
 *
 * @param <R> what the call returns
 */
public sealed interface GatewayCall<R> {

    GatewayOperation operation();

    /** The priority its budget is spent at: a write's is fixed by its operation (interactive); a read's is the caller's. */
    default Priority priority() {
        return operation().fixedPriority().orElseThrow();
    }

    /** {@code GET} a lookup: every item, at most {@link LookupKind#CAP}. */
    record Lookup<T>(LookupKind<T> kind, Priority priority) implements GatewayCall<List<T>> {
        public Lookup {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(priority, "priority");
        }

        @Override
        public GatewayOperation operation() {
            return GatewayOperation.lookup(kind);
        }
    }

    /** One page of {@code GET /v1/jobs}; {@code cursor} empty asks for the first page. */
    record ListJobs(JobQuery query, Optional<String> cursor, Priority priority) implements GatewayCall<JobPage> {
        public ListJobs {
            Objects.requireNonNull(query, "query");
            Objects.requireNonNull(cursor, "cursor");
            Objects.requireNonNull(priority, "priority");
        }

        @Override
        public GatewayOperation operation() {
            return GatewayOperation.LIST_JOBS;
        }
    }

    /** {@code POST /v1/jobs}. */
    record CreateJob(JobDraft draft) implements GatewayCall<CreatedJob> {
        public CreateJob {
            Objects.requireNonNull(draft, "draft");
        }

        @Override
        public GatewayOperation operation() {
            return GatewayOperation.CREATE_JOB;
        }
    }

    /** {@code PATCH /v1/jobs/:id}. */
    record UpdateJob(JobId job, JobPatch patch) implements GatewayCall<Acknowledged> {
        public UpdateJob {
            Objects.requireNonNull(job, "job");
            Objects.requireNonNull(patch, "patch");
        }

        @Override
        public GatewayOperation operation() {
            return GatewayOperation.UPDATE_JOB;
        }
    }

    /** {@code POST /v1/jobs/:id/cancel}. */
    record CancelJob(CancelRequest request) implements GatewayCall<Acknowledged> {
        public CancelJob {
            Objects.requireNonNull(request, "request");
        }

        @Override
        public GatewayOperation operation() {
            return GatewayOperation.CANCEL_JOB;
        }
    }

    /** {@code POST /v1/sites}. */
    record CreateSite(SiteDraft draft) implements GatewayCall<SiteId> {
        public CreateSite {
            Objects.requireNonNull(draft, "draft");
        }

        @Override
        public GatewayOperation operation() {
            return GatewayOperation.CREATE_SITE;
        }
    }

    /** {@code PATCH /v1/sites/:id}. */
    record UpdateSite(SiteId site, SitePatch patch) implements GatewayCall<Acknowledged> {
        public UpdateSite {
            Objects.requireNonNull(site, "site");
            Objects.requireNonNull(patch, "patch");
        }

        @Override
        public GatewayOperation operation() {
            return GatewayOperation.UPDATE_SITE;
        }
    }

    /** The answer of a write that returns no content (204). */
    enum Acknowledged {
        ACKNOWLEDGED
    }
}
