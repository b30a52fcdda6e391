package dev.fieldsync.adapters.memory;

import dev.fieldsync.adapters.memory.ScriptedFailures.Unknown;
import dev.fieldsync.domain.id.CustomerId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.JobTypeId;
import dev.fieldsync.domain.id.ProjectId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.job.CustomerRef;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.job.JobStatus;
import dev.fieldsync.domain.job.SiteRef;
import dev.fieldsync.domain.lookup.CustomFieldDef;
import dev.fieldsync.domain.lookup.LookupKind;
import dev.fieldsync.domain.lookup.NamedItem;
import dev.fieldsync.domain.problem.ProblemCode;
import dev.fieldsync.ports.out.budget.Priority;
import dev.fieldsync.ports.out.budget.RateBudget;
import dev.fieldsync.ports.out.gateway.Gateway;
import dev.fieldsync.ports.out.gateway.GatewayCall;
import dev.fieldsync.ports.out.gateway.GatewayException;
import dev.fieldsync.ports.out.gateway.GatewayOperation;
import dev.fieldsync.ports.out.gateway.GatewayUnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A scriptable fake of the FieldInsight Gateway, behaving as GATEWAY-API.md and its §9 decisions say:
 * seeded lookups and jobs, a job list ordered newest-updated first with a keyset cursor that stays stable
 * while jobs change between pages, real creates, updates and cancels (pending jobs only), and failures on
 * demand. Every call first takes one token from the budget, at the call's priority (writes: interactive),
 * as the real adapter does. Thread-safe: one lock guards the catalog and the jobs.
 */
public final class ScriptedGateway implements Gateway {

    /** How the key behaves: fine, refused (401 unauthorized), or without customers (403 no-scope). */
    public enum AuthMode {
        OK,
        UNAUTHORIZED,
        NO_SCOPE
    }

    private final Clock clock;
    private final RateBudget budget;
    private final Object lock = new Object();
    private final ScriptedCatalog catalog = new ScriptedCatalog();
    private final ScriptedJobs jobs = new ScriptedJobs();
    private final ScriptedFailures failures = new ScriptedFailures();
    private final ScriptedOperations operations;

    /** An empty gateway: seed it with {@link #seedLookups} and {@link #putJob}. */
    public ScriptedGateway(Clock clock, RateBudget budget) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.operations = new ScriptedOperations(catalog, jobs, failures, clock);
    }

    /**
     * A gateway with realistic data: 3 customers, 10 sites, 2 projects, 3 job types, one status per
     * documented state (pending is "Tentative"), 3 custom fields (one only for the "Repair" job type) and
     * {@code jobs} jobs whose updated_at is spread over the 30 days before the clock's now. Same seed, same data.
     */
    public static ScriptedGateway withDefaultData(Clock clock, RateBudget budget, int jobs, long seed) {
        if (jobs < 0) {
            throw new IllegalArgumentException("jobs must not be negative, got " + jobs);
        }
        ScriptedGateway gateway = new ScriptedGateway(clock, budget);
        ScriptedGatewayData.seed(gateway.catalog, gateway.jobs, clock.instant(), jobs, new Random(seed));
        return gateway;
    }

    @Override
    @SuppressWarnings("unchecked") // ScriptedOperations answers each call with its own result type
    public <R> R call(GatewayCall<R> call) {
        Objects.requireNonNull(call, "call");
        begin(call.operation(), call.priority());
        Object answer;
        synchronized (lock) {
            answer = operations.answer(call);
        }
        if (answer == null) {
            throw new UnsupportedOperationException(call.operation().label() + " is not modelled by ScriptedGateway");
        }
        return (R) answer;
    }

    /** Counts the call, takes its token (outside the lock, as a real budget may block), then applies the scripts. */
    private void begin(GatewayOperation operation, Priority priority) {
        failures.count(operation);
        try {
            budget.acquire(priority);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayUnavailableException(
                    operation.label(),
                    "interrupted while waiting for rate budget",
                    Optional.empty(),
                    Optional.empty(),
                    e);
        }
        failures.apply(operation);
    }

    /**
     * Replaces every lookup. Sites go to the customers round-robin (use {@link #putSite} to choose); the
     * statuses carry their state, so creates find the pending one and cancels the cancelled one.
     */
    public void seedLookups(
            List<NamedItem<CustomerId>> customers,
            List<NamedItem<SiteId>> sites,
            List<NamedItem<ProjectId>> projects,
            List<NamedItem<JobTypeId>> jobTypes,
            List<JobStatus> statuses,
            List<CustomFieldDef> customFields) {
        synchronized (lock) {
            catalog.seed(
                    Objects.requireNonNull(customers, "customers"),
                    Objects.requireNonNull(sites, "sites"),
                    projects,
                    jobTypes,
                    statuses,
                    customFields);
        }
    }

    /** Replaces one lookup other than sites and statuses (which {@link #seedLookups} and {@link #putSite} set). */
    public <T> void seedLookup(LookupKind<T> kind, List<T> items) {
        synchronized (lock) {
            catalog.put(kind, items);
        }
    }

    /** Adds or replaces one site of a known customer; its name is what the sites lookup shows. */
    public void putSite(SiteId id, CustomerId customer, String name) {
        synchronized (lock) {
            catalog.putSite(ScriptedCatalog.record(id, customer, name));
        }
    }

    /** Stores a job as the gateway's truth with its internal updated_at (listed jobs hide what the list documents none of). */
    public void putJob(Job job, Instant updatedAt) {
        Objects.requireNonNull(job, "job");
        synchronized (lock) {
            jobs.put(job, updatedAt);
        }
    }

    /**
     * Simulates a job leaving the key's scope (its site moved to another customer): no listing shows it any more;
     * {@link #putJob} brings it back. Returns the job as it was.
     */
    public Job removeJob(JobId id) {
        synchronized (lock) {
            return jobs.remove(Objects.requireNonNull(id, "id"))
                    .map(ScriptedJobList.StoredJob::job)
                    .orElseThrow(() -> new IllegalArgumentException("no job " + id + " in the scripted gateway"));
        }
    }

    /** Simulates the office creating a pending job of its own at a site (not through the API); costs no budget. */
    public Job putNewJob(SiteId siteId, String title, Instant updatedAt) {
        Objects.requireNonNull(title, "title");
        synchronized (lock) {
            ScriptedSite site = catalog.site(Objects.requireNonNull(siteId, "siteId"))
                    .orElseThrow(() -> new IllegalArgumentException("no site " + siteId + " in the scripted gateway"));
            Job job = jobs.newPending(
                    title,
                    catalog.statusFor(JobState.PENDING),
                    new CustomerRef(site.customer(), catalog.customerName(site.customer())),
                    new SiteRef(site.id(), site.address()),
                    updatedAt);
            return job;
        }
    }

    /** Simulates the office changing a job: applies {@code change} and sets its updated_at. */
    public Job updateJob(JobId id, UnaryOperator<Job> change, Instant updatedAt) {
        Objects.requireNonNull(change, "change");
        synchronized (lock) {
            return jobs.change(Objects.requireNonNull(id, "id"), change, updatedAt);
        }
    }

    /** Simulates the office moving a job to the seeded status of {@code state}, updated at the clock's now. */
    public Job moveJobTo(JobId id, JobState state) {
        synchronized (lock) {
            JobStatus status = catalog.statusFor(state);
            return jobs.change(id, job -> job.withStatus(status), clock.instant());
        }
    }

    /** Every job as the gateway holds it (with external id, project, job type), lowest id first. */
    public List<Job> jobs() {
        synchronized (lock) {
            return jobs.all();
        }
    }

    /** One job as the gateway holds it. */
    public Optional<Job> job(JobId id) {
        synchronized (lock) {
            return jobs.stored(id).map(ScriptedJobList.StoredJob::job);
        }
    }

    /** The internal updated_at of a job (the real list does not show it). */
    public Instant updatedAt(JobId id) {
        synchronized (lock) {
            return jobs.stored(id)
                    .map(ScriptedJobList.StoredJob::updatedAt)
                    .orElseThrow(() -> new IllegalArgumentException("no job " + id + " in the scripted gateway"));
        }
    }

    /** The reason given when a job was cancelled through the gateway. */
    public Optional<String> cancelReason(JobId id) {
        synchronized (lock) {
            return jobs.cancelReason(id);
        }
    }

    /** Every site with its customer and details, in order of creation. */
    public List<ScriptedSite> siteRecords() {
        synchronized (lock) {
            return catalog.siteRecords();
        }
    }

    /** The seeded status of a state (the first one seeded for it). */
    public JobStatus status(JobState state) {
        synchronized (lock) {
            return catalog.statusFor(state);
        }
    }

    /** Whether listed jobs carry the members the documented list has none of (external id, purchase order, project, job type). */
    public void exposeExternalIds(boolean expose) {
        synchronized (lock) {
            jobs.exposeExternalIds(expose);
        }
    }

    /** The next list call that carries a cursor fails with 400 invalid-query (a rejected cursor). */
    public void rejectCursorsOnce() {
        failures.rejectCursorsOnce();
    }

    /** The next {@code times} calls of {@code operation} throw what {@code failure} supplies, after taking their token. */
    public void failNext(GatewayOperation operation, int times, Supplier<? extends GatewayException> failure) {
        failures.failNext(operation, times, failure);
    }

    /** The next {@code times} calls of {@code operation} fail with this problem (its documented status, fake request ids). */
    public void failNextWithProblem(GatewayOperation operation, int times, ProblemCode code) {
        Objects.requireNonNull(code, "code");
        if (code == ProblemCode.UNKNOWN) {
            throw new IllegalArgumentException("script a documented problem code; UNKNOWN has no status");
        }
        failNext(operation, times, () -> failures.problem(operation, code, "Scripted " + code.code()));
    }

    /** The next {@code times} creates DO create the job, then report an unknown outcome (a timeout after sending). */
    public void createsButReportsUnknown(int times) {
        failures.add(Unknown.JOB_CREATED, times);
    }

    /** The next {@code times} creates create nothing and report an unknown outcome. */
    public void failsCreateWithUnknown(int times) {
        failures.add(Unknown.JOB_NOT_CREATED, times);
    }

    /** The next {@code times} site creates create the site and then report an unknown outcome. */
    public void createsSiteButReportsUnknown(int times) {
        failures.add(Unknown.SITE_CREATED, times);
    }

    /** The next {@code times} site creates create nothing and report an unknown outcome. */
    public void failsSiteCreateWithUnknown(int times) {
        failures.add(Unknown.SITE_NOT_CREATED, times);
    }

    /** Makes every call fail with 401 unauthorized or 403 no-scope, or succeed again (OK). */
    public void authMode(AuthMode mode) {
        failures.authMode(mode);
    }

    /** How many times an operation was called (failed calls included). */
    public long calls(GatewayOperation operation) {
        return failures.calls(operation);
    }

    public long totalCalls() {
        return failures.totalCalls();
    }
}
