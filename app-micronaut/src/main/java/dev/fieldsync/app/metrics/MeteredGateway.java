package dev.fieldsync.app.metrics;

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
import dev.fieldsync.domain.problem.ProblemCode;
import dev.fieldsync.domain.site.SiteDraft;
import dev.fieldsync.domain.site.SitePatch;
import dev.fieldsync.ports.out.budget.Priority;
import dev.fieldsync.ports.out.gateway.CreatedJob;
import dev.fieldsync.ports.out.gateway.Gateway;
import dev.fieldsync.ports.out.gateway.GatewayException;
import dev.fieldsync.ports.out.gateway.GatewayProblemException;
import dev.fieldsync.ports.out.gateway.GatewayResponseException;
import dev.fieldsync.ports.out.gateway.GatewayUnavailableException;
import dev.fieldsync.ports.out.gateway.JobPage;
import dev.fieldsync.ports.out.gateway.JobQuery;
import dev.fieldsync.ports.out.gateway.KeyUnavailableException;
import dev.fieldsync.ports.out.gateway.OutcomeUnknownException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Counts and times every gateway call by route template and outcome ({@code fieldsync_gateway_calls}),
 * and remembers the last outcome for health. Adds no behaviour: results and exceptions pass through.
 */
public final class MeteredGateway implements Gateway {
    private final Gateway delegate;
    private final MeterRegistry registry;
    private final LastGatewayOutcome lastOutcome;

    public MeteredGateway(Gateway delegate, MeterRegistry registry, LastGatewayOutcome lastOutcome) {
        this.delegate = delegate;
        this.registry = registry;
        this.lastOutcome = lastOutcome;
    }

    @Override
    public List<NamedItem<CustomerId>> customers(Priority priority) {
        return record("GET /v1/customers", () -> delegate.customers(priority));
    }

    @Override
    public List<NamedItem<SiteId>> sites(Priority priority) {
        return record("GET /v1/sites", () -> delegate.sites(priority));
    }

    @Override
    public List<NamedItem<ProjectId>> projects(Priority priority) {
        return record("GET /v1/projects", () -> delegate.projects(priority));
    }

    @Override
    public List<NamedItem<JobTypeId>> jobTypes(Priority priority) {
        return record("GET /v1/job-types", () -> delegate.jobTypes(priority));
    }

    @Override
    public List<NamedItem<StatusId>> jobStatuses(Priority priority) {
        return record("GET /v1/job-statuses", () -> delegate.jobStatuses(priority));
    }

    @Override
    public List<CustomFieldDef> customFields(Priority priority) {
        return record("GET /v1/custom-fields", () -> delegate.customFields(priority));
    }

    @Override
    public JobPage listJobs(JobQuery query, Optional<String> cursor, Priority priority) {
        return record("GET /v1/jobs", () -> delegate.listJobs(query, cursor, priority));
    }

    @Override
    public CreatedJob createJob(JobDraft draft) {
        return record("POST /v1/jobs", () -> delegate.createJob(draft));
    }

    @Override
    public void updateJob(JobId job, JobPatch patch) {
        record("PATCH /v1/jobs/{id}", () -> {
            delegate.updateJob(job, patch);
            return null;
        });
    }

    @Override
    public void cancelJob(CancelRequest request) {
        record("POST /v1/jobs/{id}/cancel", () -> {
            delegate.cancelJob(request);
            return null;
        });
    }

    @Override
    public SiteId createSite(SiteDraft draft) {
        return record("POST /v1/sites", () -> delegate.createSite(draft));
    }

    @Override
    public void updateSite(SiteId site, SitePatch patch) {
        record("PATCH /v1/sites/{id}", () -> {
            delegate.updateSite(site, patch);
            return null;
        });
    }

    private <T> T record(String route, Supplier<T> call) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "ok";
        boolean healthy = true;
        try {
            return call.get();
        } catch (GatewayException failure) {
            outcome = outcomeOf(failure);
            healthy = isHealthy(failure);
            throw failure;
        } catch (RuntimeException unexpected) {
            outcome = "error";
            healthy = false;
            throw unexpected;
        } finally {
            sample.stop(Timer.builder("fieldsync.gateway.calls")
                    .description("Gateway calls by route template and outcome")
                    .tag("route", route).tag("outcome", outcome).register(registry));
            lastOutcome.record(route, outcome, healthy);
        }
    }

    /** A stable, low-cardinality outcome tag: the problem code, or the kind of failure. */
    static String outcomeOf(GatewayException failure) {
        if (failure instanceof GatewayProblemException problem) {
            return problem.problem().codeName();
        } else if (failure instanceof OutcomeUnknownException) {
            return "outcome-unknown";
        } else if (failure instanceof GatewayUnavailableException) {
            return "unavailable";
        } else if (failure instanceof GatewayResponseException) {
            return "bad-response";
        } else if (failure instanceof KeyUnavailableException) {
            return "no-key";
        }
        return "error";
    }

    /** A refused request (a client error) says nothing bad about the gateway; auth and server faults do. */
    private static boolean isHealthy(GatewayException failure) {
        if (failure instanceof GatewayProblemException problem) {
            ProblemCode code = problem.problem().code();
            int status = problem.problem().status();
            return status < 500 && code != ProblemCode.UNAUTHORIZED && code != ProblemCode.NO_SCOPE;
        }
        return false;
    }
}
