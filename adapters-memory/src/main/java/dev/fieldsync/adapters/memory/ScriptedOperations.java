package dev.fieldsync.adapters.memory;

import dev.fieldsync.adapters.memory.ScriptedFailures.Unknown;
import dev.fieldsync.adapters.memory.ScriptedJobList.StoredJob;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.JobNumber;
import dev.fieldsync.domain.id.JobTypeId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.job.CancelRequest;
import dev.fieldsync.domain.job.CustomerRef;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobDraft;
import dev.fieldsync.domain.job.JobPatch;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.job.SiteRef;
import dev.fieldsync.domain.lookup.CustomFieldDef;
import dev.fieldsync.domain.lookup.LookupKind;
import dev.fieldsync.domain.problem.ProblemCode;
import dev.fieldsync.domain.site.SiteDetails;
import dev.fieldsync.domain.site.SiteDraft;
import dev.fieldsync.domain.site.SitePatch;
import dev.fieldsync.ports.out.gateway.CreatedJob;
import dev.fieldsync.ports.out.gateway.GatewayCall;
import dev.fieldsync.ports.out.gateway.GatewayCall.Acknowledged;
import dev.fieldsync.ports.out.gateway.GatewayOperation;
import dev.fieldsync.ports.out.gateway.JobPage;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How {@link ScriptedGateway} answers each call from its catalog and jobs, with the gateway's rules: capped
 * lookups, the keyset list, creates (with their scripted unknown outcomes), pending-only updates and cancels,
 * site creates and full-overwrite site updates. Not thread-safe: the gateway's lock guards it.
 */
final class ScriptedOperations {
    private final ScriptedCatalog catalog;
    private final ScriptedJobs jobs;
    private final ScriptedFailures failures;
    private final Clock clock;

    ScriptedOperations(ScriptedCatalog catalog, ScriptedJobs jobs, ScriptedFailures failures, Clock clock) {
        this.catalog = catalog;
        this.jobs = jobs;
        this.failures = failures;
        this.clock = clock;
    }

    /** The answer to a call, or null when the fake does not model it. */
    Object answer(GatewayCall<?> call) {
        if (call instanceof GatewayCall.Lookup<?> lookup) {
            List<?> items = catalog.items(lookup.kind());
            return List.copyOf(items.size() > LookupKind.CAP ? items.subList(0, LookupKind.CAP) : items);
        } else if (call instanceof GatewayCall.ListJobs list) {
            return listJobs(list);
        } else if (call instanceof GatewayCall.CreateJob create) {
            return createJob(create.draft());
        } else if (call instanceof GatewayCall.UpdateJob update) {
            return updateJob(update.job(), update.patch());
        } else if (call instanceof GatewayCall.CancelJob cancel) {
            return cancelJob(cancel.request());
        } else if (call instanceof GatewayCall.CreateSite create) {
            return createSite(create.draft());
        } else if (call instanceof GatewayCall.UpdateSite update) {
            return updateSite(update.site(), update.patch());
        }
        return null;
    }

    private JobPage listJobs(GatewayCall.ListJobs list) {
        Optional<String> sent = list.cursor().filter(c -> !c.isEmpty());
        if (sent.isPresent() && failures.takeCursorRejection()) {
            throw failures.problem(list.operation(), ProblemCode.INVALID_QUERY, "The cursor is no longer valid");
        }
        try {
            return jobs.page(list.query(), sent);
        } catch (IllegalArgumentException foreign) {
            throw failures.problem(list.operation(), ProblemCode.INVALID_QUERY, "cursor is not valid");
        }
    }

    private CreatedJob createJob(JobDraft draft) {
        GatewayOperation operation = GatewayOperation.CREATE_JOB;
        if (failures.take(Unknown.JOB_NOT_CREATED)) {
            throw failures.outcomeUnknown(
                    operation, "timed out before the gateway answered (scripted; nothing was created)");
        }
        ScriptedSite site = catalog.site(draft.site())
                .orElseThrow(
                        () -> failures.problem(operation, ProblemCode.INVALID_BODY, "site is not a known site id"));
        if (!catalog.contains(LookupKind.JOB_TYPES, draft.jobType())) {
            throw failures.problem(operation, ProblemCode.INVALID_BODY, "job_type is not a known job type id");
        }
        if (draft.project().isPresent()
                && !catalog.contains(LookupKind.PROJECTS, draft.project().get())) {
            throw failures.problem(operation, ProblemCode.PROJECT_NOT_IN_SCOPE, "Project not in scope");
        }
        checkCustomFields(operation, draft.customFields(), draft.jobType());
        JobId id = jobs.takeId();
        int number = jobs.takeNumber();
        Job job = new Job(
                id,
                JobNumber.of(Integer.toString(number)),
                number,
                true,
                draft.title(),
                catalog.statusFor(JobState.PENDING),
                Optional.of(draft.startTime()),
                Optional.of(draft.endTime()),
                new CustomerRef(site.customer(), catalog.customerName(site.customer())),
                new SiteRef(site.id(), site.address()),
                draft.notes().orElse(""),
                draft.customFields(),
                draft.externalId(),
                draft.purchaseOrderNumber(),
                draft.project(),
                Optional.of(draft.jobType()));
        jobs.put(job, clock.instant());
        if (failures.take(Unknown.JOB_CREATED)) {
            throw failures.outcomeUnknown(operation, "timed out after sending (scripted; the job was created)");
        }
        return new CreatedJob(id, Optional.of(job.number()));
    }

    private Acknowledged updateJob(JobId id, JobPatch patch) {
        Job job = editable(GatewayOperation.UPDATE_JOB, id, ProblemCode.EDITING_LOCKED)
                .job();
        checkCustomFields(
                GatewayOperation.UPDATE_JOB, patch.customFields(), job.jobType().orElse(null));
        Job patched = patch.applyTo(job);
        jobs.put(patched, clock.instant());
        return Acknowledged.ACKNOWLEDGED;
    }

    private Acknowledged cancelJob(CancelRequest request) {
        StoredJob stored = editable(GatewayOperation.CANCEL_JOB, request.job(), ProblemCode.CANCELLATION_LOCKED);
        jobs.cancelled(
                request.job(),
                stored.job().withStatus(catalog.statusFor(JobState.CANCELLED)),
                request.reason(),
                clock.instant());
        return Acknowledged.ACKNOWLEDGED;
    }

    private SiteId createSite(SiteDraft draft) {
        GatewayOperation operation = GatewayOperation.CREATE_SITE;
        if (!catalog.contains(LookupKind.CUSTOMERS, draft.customer())) {
            throw failures.problem(operation, ProblemCode.CUSTOMER_NOT_IN_SCOPE, "Customer not in scope");
        }
        if (failures.take(Unknown.SITE_NOT_CREATED)) {
            throw failures.outcomeUnknown(
                    operation, "timed out before the gateway answered (scripted; nothing was created)");
        }
        SiteId id = catalog.nextSiteId();
        String name = draft.details().displayName().orElse("Site " + id);
        catalog.putSite(new ScriptedSite(id, draft.customer(), name, draft.details()));
        if (failures.take(Unknown.SITE_CREATED)) {
            throw failures.outcomeUnknown(operation, "timed out after sending (scripted; the site was created)");
        }
        return id;
    }

    private Acknowledged updateSite(SiteId id, SitePatch patch) {
        ScriptedSite site = catalog.site(id)
                .orElseThrow(
                        () -> failures.problem(GatewayOperation.UPDATE_SITE, ProblemCode.NOT_FOUND, "Site not found"));
        SiteDetails old = site.details();
        SiteDetails sent = patch.details();
        SiteDetails merged = new SiteDetails(
                sent.businessName().or(old::businessName),
                sent.address().or(old::address),
                sent.firstName().or(old::firstName),
                sent.lastName().or(old::lastName),
                sent.mobileNumber().or(old::mobileNumber),
                sent.email().or(old::email),
                sent.notes().or(old::notes),
                sent.url().or(old::url),
                sent.externalId().or(old::externalId));
        String name = sent.displayName().isPresent() ? merged.displayName().orElse(site.name()) : site.name();
        catalog.putSite(new ScriptedSite(id, site.customer(), name, merged));
        return Acknowledged.ACKNOWLEDGED;
    }

    private StoredJob editable(GatewayOperation operation, JobId id, ProblemCode locked) {
        StoredJob stored =
                jobs.stored(id).orElseThrow(() -> failures.problem(operation, ProblemCode.NOT_FOUND, "Job not found"));
        if (!stored.job().state().isEditable()) {
            throw failures.problem(
                    operation, locked, "Job is " + stored.job().state().wireName());
        }
        return stored;
    }

    /** Unknown names, and names restricted to another job type, are "not mapped" (as the sandbox decides). */
    private void checkCustomFields(GatewayOperation operation, Map<String, String> sent, JobTypeId jobType) {
        for (String name : sent.keySet()) {
            Optional<CustomFieldDef> field = catalog.customField(name);
            if (field.isEmpty() || (jobType != null && !field.get().appliesTo(jobType))) {
                throw failures.problem(
                        operation,
                        ProblemCode.UNKNOWN_CUSTOM_FIELD,
                        "Custom field '" + name + "' is not mapped for this integration");
            }
        }
    }
}
