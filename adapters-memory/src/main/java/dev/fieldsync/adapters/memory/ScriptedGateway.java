package dev.fieldsync.adapters.memory;

import dev.fieldsync.domain.id.CustomerId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.JobNumber;
import dev.fieldsync.domain.id.JobTypeId;
import dev.fieldsync.domain.id.ProjectId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.id.StatusId;
import dev.fieldsync.domain.job.CancelRequest;
import dev.fieldsync.domain.job.CustomerRef;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobDraft;
import dev.fieldsync.domain.job.JobPatch;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.job.JobStatus;
import dev.fieldsync.domain.job.SiteRef;
import dev.fieldsync.domain.lookup.CustomFieldDef;
import dev.fieldsync.domain.lookup.LookupKind;
import dev.fieldsync.domain.lookup.NamedItem;
import dev.fieldsync.domain.problem.GatewayProblem;
import dev.fieldsync.domain.problem.ProblemCode;
import dev.fieldsync.domain.site.SiteDetails;
import dev.fieldsync.domain.site.SiteDraft;
import dev.fieldsync.domain.site.SitePatch;
import dev.fieldsync.ports.out.budget.Priority;
import dev.fieldsync.ports.out.budget.RateBudget;
import dev.fieldsync.ports.out.gateway.CreatedJob;
import dev.fieldsync.ports.out.gateway.Gateway;
import dev.fieldsync.ports.out.gateway.GatewayException;
import dev.fieldsync.ports.out.gateway.GatewayProblemException;
import dev.fieldsync.ports.out.gateway.GatewayUnavailableException;
import dev.fieldsync.ports.out.gateway.JobPage;
import dev.fieldsync.ports.out.gateway.JobQuery;
import dev.fieldsync.ports.out.gateway.OutcomeUnknownException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A scriptable fake of the FieldInsight Gateway, behaving as GATEWAY-API.md and its §9 decisions say:
 * seeded lookups and jobs, a job list ordered newest-updated first with a keyset cursor that stays stable
 * while jobs change between pages, real creates, updates and cancels (pending jobs only), and failures on
 * demand. Every call first takes one token from the budget, at the call's priority (writes: interactive),
 * as the real adapter does. Thread-safe.
 */
public final class ScriptedGateway implements Gateway {

    /** The twelve gateway operations, for failure scripts and call counts. */
    public enum Operation {
        CUSTOMERS("GET /v1/customers"),
        SITES("GET /v1/sites"),
        PROJECTS("GET /v1/projects"),
        JOB_TYPES("GET /v1/job-types"),
        JOB_STATUSES("GET /v1/job-statuses"),
        CUSTOM_FIELDS("GET /v1/custom-fields"),
        LIST_JOBS("GET /v1/jobs"),
        CREATE_JOB("POST /v1/jobs"),
        UPDATE_JOB("PATCH /v1/jobs/{id}"),
        CANCEL_JOB("POST /v1/jobs/{id}/cancel"),
        CREATE_SITE("POST /v1/sites"),
        UPDATE_SITE("PATCH /v1/sites/{id}");

        private final String route;

        Operation(String route) {
            this.route = route;
        }

        /** Method and route template, as {@link GatewayException#operation()} reports it. */
        public String route() {
            return route;
        }
    }

    /** How the key behaves: fine, refused (401 unauthorized), or without customers (403 no-scope). */
    public enum AuthMode { OK, UNAUTHORIZED, NO_SCOPE }

    /** A site as the fake keeps it: the customer it belongs to and its details. */
    public record SiteRecord(SiteId id, CustomerId customer, String name, SiteDetails details) {
        public SiteRecord {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(customer, "customer");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(details, "details");
        }

        /** The address a job on this site shows. */
        public String address() {
            return details.address().orElse(name);
        }
    }

    private record StoredJob(Job job, Instant updatedAt) {
    }

    private static final Comparator<StoredJob> NEWEST_UPDATED_FIRST = Comparator
            .comparing(StoredJob::updatedAt).reversed()
            .thenComparing(stored -> stored.job().id(), Comparator.reverseOrder());
    private static final String CURSOR_PREFIX = "scripted:";
    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final Clock clock;
    private final RateBudget budget;
    private final Object lock = new Object();

    private final List<NamedItem<CustomerId>> customers = new ArrayList<>();
    private final Map<SiteId, SiteRecord> sites = new LinkedHashMap<>();
    private final List<NamedItem<ProjectId>> projects = new ArrayList<>();
    private final List<NamedItem<JobTypeId>> jobTypes = new ArrayList<>();
    private final List<JobStatus> statuses = new ArrayList<>();
    private final List<CustomFieldDef> customFields = new ArrayList<>();
    private final Map<JobId, StoredJob> jobs = new TreeMap<>();
    private final Map<JobId, String> cancelReasons = new HashMap<>();

    private long nextJobId = 21_172_159L;
    private long nextSiteId = 3_065_756L;
    private int nextJobNumber = 1;
    private boolean exposeExternalIds;
    private boolean rejectNextCursor;
    private AuthMode authMode = AuthMode.OK;
    private int createsButReportsUnknown;
    private int failsCreateWithUnknown;
    private int createsSiteButReportsUnknown;
    private int failsSiteCreateWithUnknown;
    private long requestCounter;
    private final Map<Operation, Deque<Supplier<? extends GatewayException>>> scriptedFailures = new EnumMap<>(Operation.class);
    private final Map<Operation, Long> calls = new EnumMap<>(Operation.class);

    /** An empty gateway: seed it with {@link #seedLookups} and {@link #putJob}. */
    public ScriptedGateway(Clock clock, RateBudget budget) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.budget = Objects.requireNonNull(budget, "budget");
        for (Operation operation : Operation.values()) {
            calls.put(operation, 0L);
            scriptedFailures.put(operation, new ArrayDeque<>());
        }
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
        DefaultData.seed(gateway, jobs, new Random(seed));
        return gateway;
    }

    // ---------------------------------------------------------------- seeding and inspection

    /**
     * Replaces every lookup. Sites go to the customers round-robin (use {@link #putSite} to choose); the
     * statuses carry their state, so creates find the pending one and cancels the cancelled one.
     */
    public void seedLookups(List<NamedItem<CustomerId>> customers, List<NamedItem<SiteId>> sites,
            List<NamedItem<ProjectId>> projects, List<NamedItem<JobTypeId>> jobTypes, List<JobStatus> statuses,
            List<CustomFieldDef> customFields) {
        Objects.requireNonNull(customers, "customers");
        Objects.requireNonNull(sites, "sites");
        if (!sites.isEmpty() && customers.isEmpty()) {
            throw new IllegalArgumentException("sites need at least one customer to belong to");
        }
        synchronized (lock) {
            this.customers.clear();
            this.customers.addAll(customers);
            this.sites.clear();
            for (int i = 0; i < sites.size(); i++) {
                NamedItem<SiteId> site = sites.get(i);
                this.sites.put(site.id(), new SiteRecord(site.id(), customers.get(i % customers.size()).id(),
                        site.name(), emptyDetails()));
            }
            this.projects.clear();
            this.projects.addAll(projects);
            this.jobTypes.clear();
            this.jobTypes.addAll(jobTypes);
            this.statuses.clear();
            this.statuses.addAll(statuses);
            this.customFields.clear();
            this.customFields.addAll(customFields);
        }
    }

    /** Adds or replaces one site of a known customer; its name is what the sites lookup shows. */
    public void putSite(SiteId id, CustomerId customer, String name) {
        synchronized (lock) {
            requireCustomer(customer);
            sites.put(id, new SiteRecord(id, customer, name, emptyDetails()));
        }
    }

    /** Stores a job as the gateway's truth with its internal updated_at (listed jobs hide what the list documents none of). */
    public void putJob(Job job, Instant updatedAt) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(updatedAt, "updatedAt");
        synchronized (lock) {
            jobs.put(job.id(), new StoredJob(job, updatedAt));
            nextJobId = Math.max(nextJobId, Long.parseLong(job.id().value()) + 1);
            parseNumber(job.number()).ifPresent(n -> nextJobNumber = Math.max(nextJobNumber, n + 1));
        }
    }

    /**
     * Simulates the office creating a job of its own at a site (pending, no external id, no notes): a job that
     * is at the site but was not created through the API. Costs no budget.
     */
    public Job putNewJob(SiteId siteId, String title, Instant updatedAt) {
        Objects.requireNonNull(title, "title");
        synchronized (lock) {
            SiteRecord site = sites.get(Objects.requireNonNull(siteId, "siteId"));
            if (site == null) {
                throw new IllegalArgumentException("no site " + siteId + " in the scripted gateway");
            }
            JobId id = JobId.of(Long.toString(nextJobId++));
            int number = nextJobNumber++;
            OffsetDateTime start = OffsetDateTime.ofInstant(updatedAt.plus(Duration.ofDays(2)), ZoneOffset.UTC);
            Job job = new Job(id, JobNumber.of(Integer.toString(number)), number, true, title,
                    statusFor(JobState.PENDING), Optional.of(start), Optional.of(start.plusHours(1)),
                    new CustomerRef(site.customer(), customerName(site.customer())),
                    new SiteRef(site.id(), site.address()), "", Map.of(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty());
            jobs.put(id, new StoredJob(job, Objects.requireNonNull(updatedAt, "updatedAt")));
            return job;
        }
    }

    /** Simulates the office changing a job: applies {@code change} and sets its updated_at. */
    public Job updateJob(JobId id, UnaryOperator<Job> change, Instant updatedAt) {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(updatedAt, "updatedAt");
        synchronized (lock) {
            StoredJob stored = jobs.get(Objects.requireNonNull(id, "id"));
            if (stored == null) {
                throw new IllegalArgumentException("no job " + id + " in the scripted gateway; putJob() it first");
            }
            Job changed = Objects.requireNonNull(change.apply(stored.job()), "the change returned null");
            if (!changed.id().equals(id)) {
                throw new IllegalArgumentException("a change must keep the job id " + id + ", got " + changed.id());
            }
            jobs.put(id, new StoredJob(changed, updatedAt));
            return changed;
        }
    }

    /** Simulates the office moving a job to the seeded status of {@code state}, updated at the clock's now. */
    public Job moveJobTo(JobId id, JobState state) {
        JobStatus status;
        synchronized (lock) {
            status = statusFor(state);
        }
        return updateJob(id, job -> job.withStatus(status), clock.instant());
    }

    /** Every job as the gateway holds it (with external id, project, job type), lowest id first. */
    public List<Job> jobs() {
        synchronized (lock) {
            return jobs.values().stream().map(StoredJob::job).toList();
        }
    }

    /** One job as the gateway holds it. */
    public Optional<Job> job(JobId id) {
        synchronized (lock) {
            return Optional.ofNullable(jobs.get(id)).map(StoredJob::job);
        }
    }

    /** The internal updated_at of a job (the real list does not show it). */
    public Instant updatedAt(JobId id) {
        synchronized (lock) {
            StoredJob stored = jobs.get(Objects.requireNonNull(id, "id"));
            if (stored == null) {
                throw new IllegalArgumentException("no job " + id + " in the scripted gateway");
            }
            return stored.updatedAt();
        }
    }

    /** The reason given when a job was cancelled through the gateway. */
    public Optional<String> cancelReason(JobId id) {
        synchronized (lock) {
            return Optional.ofNullable(cancelReasons.get(id));
        }
    }

    /** Every site with its customer and details, in order of creation. */
    public List<SiteRecord> siteRecords() {
        synchronized (lock) {
            return List.copyOf(sites.values());
        }
    }

    /** The seeded status of a state (the first one seeded for it). */
    public JobStatus status(JobState state) {
        synchronized (lock) {
            return statusFor(state);
        }
    }

    // ---------------------------------------------------------------- scripting

    /** Whether listed jobs carry the members the documented list has none of (external id, purchase order, project, job type). */
    public void exposeExternalIds(boolean expose) {
        synchronized (lock) {
            exposeExternalIds = expose;
        }
    }

    /** The next list call that carries a cursor fails with 400 invalid-query (a rejected cursor). */
    public void rejectCursorsOnce() {
        synchronized (lock) {
            rejectNextCursor = true;
        }
    }

    /** The next {@code times} calls of {@code operation} throw what {@code failure} supplies, after taking their token. */
    public void failNext(Operation operation, int times, Supplier<? extends GatewayException> failure) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(failure, "failure");
        requirePositive(times);
        synchronized (lock) {
            for (int i = 0; i < times; i++) {
                scriptedFailures.get(operation).add(failure);
            }
        }
    }

    /** The next {@code times} calls of {@code operation} fail with this problem (its documented status, fake request ids). */
    public void failNextWithProblem(Operation operation, int times, ProblemCode code) {
        Objects.requireNonNull(code, "code");
        if (code == ProblemCode.UNKNOWN) {
            throw new IllegalArgumentException("script a documented problem code; UNKNOWN has no status");
        }
        failNext(operation, times, () -> problem(operation, code, "Scripted " + code.code()));
    }

    /** The next {@code times} creates DO create the job, then report an unknown outcome (a timeout after sending). */
    public void createsButReportsUnknown(int times) {
        requirePositive(times);
        synchronized (lock) {
            createsButReportsUnknown += times;
        }
    }

    /** The next {@code times} creates create nothing and report an unknown outcome. */
    public void failsCreateWithUnknown(int times) {
        requirePositive(times);
        synchronized (lock) {
            failsCreateWithUnknown += times;
        }
    }

    /** The next {@code times} site creates create the site and then report an unknown outcome. */
    public void createsSiteButReportsUnknown(int times) {
        requirePositive(times);
        synchronized (lock) {
            createsSiteButReportsUnknown += times;
        }
    }

    /** The next {@code times} site creates create nothing and report an unknown outcome. */
    public void failsSiteCreateWithUnknown(int times) {
        requirePositive(times);
        synchronized (lock) {
            failsSiteCreateWithUnknown += times;
        }
    }

    /** Makes every call fail with 401 unauthorized or 403 no-scope, or succeed again (OK). */
    public void authMode(AuthMode mode) {
        synchronized (lock) {
            authMode = Objects.requireNonNull(mode, "mode");
        }
    }

    /** How many times an operation was called (failed calls included). */
    public long calls(Operation operation) {
        synchronized (lock) {
            return calls.get(Objects.requireNonNull(operation, "operation"));
        }
    }

    public long totalCalls() {
        synchronized (lock) {
            return calls.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    // ---------------------------------------------------------------- lookups

    @Override
    public List<NamedItem<CustomerId>> customers(Priority priority) {
        begin(Operation.CUSTOMERS, priority);
        synchronized (lock) {
            return capped(customers);
        }
    }

    @Override
    public List<NamedItem<SiteId>> sites(Priority priority) {
        begin(Operation.SITES, priority);
        synchronized (lock) {
            return capped(sites.values().stream().map(site -> new NamedItem<>(site.id(), site.name())).toList());
        }
    }

    @Override
    public List<NamedItem<ProjectId>> projects(Priority priority) {
        begin(Operation.PROJECTS, priority);
        synchronized (lock) {
            return capped(projects);
        }
    }

    @Override
    public List<NamedItem<JobTypeId>> jobTypes(Priority priority) {
        begin(Operation.JOB_TYPES, priority);
        synchronized (lock) {
            return capped(jobTypes);
        }
    }

    @Override
    public List<NamedItem<StatusId>> jobStatuses(Priority priority) {
        begin(Operation.JOB_STATUSES, priority);
        synchronized (lock) {
            return capped(statuses.stream().map(status -> new NamedItem<>(status.id(), status.name())).toList());
        }
    }

    @Override
    public List<CustomFieldDef> customFields(Priority priority) {
        begin(Operation.CUSTOM_FIELDS, priority);
        synchronized (lock) {
            return capped(customFields);
        }
    }

    // ---------------------------------------------------------------- jobs

    @Override
    public JobPage listJobs(JobQuery query, Optional<String> cursor, Priority priority) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(cursor, "cursor");
        begin(Operation.LIST_JOBS, priority);
        synchronized (lock) {
            Optional<String> sent = cursor.filter(c -> !c.isEmpty());
            if (sent.isPresent() && rejectNextCursor) {
                rejectNextCursor = false;
                throw problem(Operation.LIST_JOBS, ProblemCode.INVALID_QUERY, "The cursor is no longer valid");
            }
            Optional<StoredJob> after = sent.map(this::decodeCursor);
            List<StoredJob> matching = jobs.values().stream()
                    .filter(stored -> matches(query, stored))
                    .filter(stored -> after.map(last -> NEWEST_UPDATED_FIRST.compare(stored, last) > 0).orElse(true))
                    .sorted(NEWEST_UPDATED_FIRST)
                    .limit(query.pageSize() + 1L)
                    .toList();
            boolean more = matching.size() > query.pageSize();
            List<StoredJob> page = more ? matching.subList(0, query.pageSize()) : matching;
            Optional<String> next = more ? Optional.of(encodeCursor(page.get(page.size() - 1))) : Optional.empty();
            return new JobPage(page.stream().map(stored -> listed(stored.job())).toList(), next);
        }
    }

    private static boolean matches(JobQuery query, StoredJob stored) {
        Job job = stored.job();
        boolean state = switch (query.state()) {
            case OPEN -> job.state().isOpen();
            case CLOSED -> !job.state().isOpen();
            case ALL -> true;
        };
        return state
                && query.status().map(status -> status.equals(job.status().id())).orElse(true)
                && query.updatedFrom().map(from -> !stored.updatedAt().isBefore(from)).orElse(true)
                && query.updatedTo().map(to -> stored.updatedAt().isBefore(to)).orElse(true)
                && query.startFrom().map(from -> job.startTime().filter(start -> !start.isBefore(from)).isPresent()).orElse(true)
                && query.startTo().map(to -> job.startTime().filter(start -> start.isBefore(to)).isPresent()).orElse(true)
                && query.number().map(number -> number.equals(job.number())).orElse(true);
    }

    private Job listed(Job job) {
        if (exposeExternalIds) {
            return job;
        }
        return new Job(job.id(), job.number(), job.seriesNumber(), job.primary(), job.title(), job.status(),
                job.startTime(), job.endTime(), job.customer(), job.site(), job.notes(), job.customFields(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Override
    public CreatedJob createJob(JobDraft draft) {
        Objects.requireNonNull(draft, "draft");
        begin(Operation.CREATE_JOB, Priority.INTERACTIVE);
        synchronized (lock) {
            if (failsCreateWithUnknown > 0) {
                failsCreateWithUnknown--;
                throw outcomeUnknown(Operation.CREATE_JOB, "timed out before the gateway answered (scripted; nothing was created)");
            }
            SiteRecord site = sites.get(draft.site());
            if (site == null) {
                throw problem(Operation.CREATE_JOB, ProblemCode.INVALID_BODY, "site is not a known site id");
            }
            if (jobTypes.stream().noneMatch(type -> type.id().equals(draft.jobType()))) {
                throw problem(Operation.CREATE_JOB, ProblemCode.INVALID_BODY, "job_type is not a known job type id");
            }
            if (draft.project().isPresent() && projects.stream().noneMatch(p -> p.id().equals(draft.project().get()))) {
                throw problem(Operation.CREATE_JOB, ProblemCode.PROJECT_NOT_IN_SCOPE, "Project not in scope");
            }
            checkCustomFields(Operation.CREATE_JOB, draft.customFields(), draft.jobType());
            JobId id = JobId.of(Long.toString(nextJobId++));
            int number = nextJobNumber++;
            Job job = new Job(id, JobNumber.of(Integer.toString(number)), number, true, draft.title(),
                    statusFor(JobState.PENDING), Optional.of(draft.startTime()), Optional.of(draft.endTime()),
                    new CustomerRef(site.customer(), customerName(site.customer())),
                    new SiteRef(site.id(), site.address()), draft.notes().orElse(""), draft.customFields(),
                    draft.externalId(), draft.purchaseOrderNumber(), draft.project(), Optional.of(draft.jobType()));
            jobs.put(id, new StoredJob(job, clock.instant()));
            if (createsButReportsUnknown > 0) {
                createsButReportsUnknown--;
                throw outcomeUnknown(Operation.CREATE_JOB, "timed out after sending (scripted; the job was created)");
            }
            return new CreatedJob(id, Optional.of(job.number()));
        }
    }

    @Override
    public void updateJob(JobId id, JobPatch patch) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(patch, "patch");
        begin(Operation.UPDATE_JOB, Priority.INTERACTIVE);
        synchronized (lock) {
            StoredJob stored = editable(Operation.UPDATE_JOB, id, ProblemCode.EDITING_LOCKED);
            Job job = stored.job();
            checkCustomFields(Operation.UPDATE_JOB, patch.customFields(), job.jobType().orElse(null));
            Map<String, String> fields = new TreeMap<>(job.customFields());
            fields.putAll(patch.customFields());
            Job patched = new Job(job.id(), job.number(), job.seriesNumber(), job.primary(),
                    patch.title().orElse(job.title()), job.status(),
                    patch.startTime().or(job::startTime), patch.endTime().or(job::endTime), job.customer(), job.site(),
                    patch.notes().orElse(job.notes()), fields, patch.externalId().or(job::externalId),
                    patch.purchaseOrderNumber().or(job::purchaseOrderNumber), job.project(), job.jobType());
            jobs.put(id, new StoredJob(patched, clock.instant()));
        }
    }

    @Override
    public void cancelJob(CancelRequest request) {
        Objects.requireNonNull(request, "request");
        begin(Operation.CANCEL_JOB, Priority.INTERACTIVE);
        synchronized (lock) {
            StoredJob stored = editable(Operation.CANCEL_JOB, request.job(), ProblemCode.CANCELLATION_LOCKED);
            jobs.put(request.job(), new StoredJob(stored.job().withStatus(statusFor(JobState.CANCELLED)), clock.instant()));
            request.reason().ifPresent(reason -> cancelReasons.put(request.job(), reason));
        }
    }

    // ---------------------------------------------------------------- sites

    @Override
    public SiteId createSite(SiteDraft draft) {
        Objects.requireNonNull(draft, "draft");
        begin(Operation.CREATE_SITE, Priority.INTERACTIVE);
        synchronized (lock) {
            if (customers.stream().noneMatch(customer -> customer.id().equals(draft.customer()))) {
                throw problem(Operation.CREATE_SITE, ProblemCode.CUSTOMER_NOT_IN_SCOPE, "Customer not in scope");
            }
            if (failsSiteCreateWithUnknown > 0) {
                failsSiteCreateWithUnknown--;
                throw outcomeUnknown(Operation.CREATE_SITE, "timed out before the gateway answered (scripted; nothing was created)");
            }
            SiteId id = SiteId.of(Long.toString(nextFreeSiteId()));
            String name = draft.details().displayName().orElse("Site " + id);
            sites.put(id, new SiteRecord(id, draft.customer(), name, draft.details()));
            if (createsSiteButReportsUnknown > 0) {
                createsSiteButReportsUnknown--;
                throw outcomeUnknown(Operation.CREATE_SITE, "timed out after sending (scripted; the site was created)");
            }
            return id;
        }
    }

    @Override
    public void updateSite(SiteId id, SitePatch patch) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(patch, "patch");
        begin(Operation.UPDATE_SITE, Priority.INTERACTIVE);
        synchronized (lock) {
            SiteRecord site = sites.get(id);
            if (site == null) {
                throw problem(Operation.UPDATE_SITE, ProblemCode.NOT_FOUND, "Site not found");
            }
            SiteDetails old = site.details();
            SiteDetails sent = patch.details();
            SiteDetails merged = new SiteDetails(sent.businessName().or(old::businessName), sent.address().or(old::address),
                    sent.firstName().or(old::firstName), sent.lastName().or(old::lastName),
                    sent.mobileNumber().or(old::mobileNumber), sent.email().or(old::email), sent.notes().or(old::notes),
                    sent.url().or(old::url), sent.externalId().or(old::externalId));
            String name = sent.displayName().isPresent() ? merged.displayName().orElse(site.name()) : site.name();
            sites.put(id, new SiteRecord(id, site.customer(), name, merged));
        }
    }

    // ---------------------------------------------------------------- internals

    /** Counts the call, takes its token (outside the lock, as a real budget may block), then applies the scripts. */
    private void begin(Operation operation, Priority priority) {
        Objects.requireNonNull(priority, "priority");
        synchronized (lock) {
            calls.merge(operation, 1L, Long::sum);
        }
        try {
            budget.acquire(priority);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayUnavailableException(operation.route(), "interrupted while waiting for rate budget",
                    Optional.empty(), Optional.empty(), e);
        }
        synchronized (lock) {
            switch (authMode) {
                case UNAUTHORIZED -> throw problem(operation, ProblemCode.UNAUTHORIZED, "Unauthorized");
                case NO_SCOPE -> throw problem(operation, ProblemCode.NO_SCOPE, "No customers attached to this integration");
                case OK -> { }
            }
            Supplier<? extends GatewayException> failure = scriptedFailures.get(operation).poll();
            if (failure != null) {
                throw Objects.requireNonNull(failure.get(), "the failure supplier returned null");
            }
        }
    }

    private StoredJob editable(Operation operation, JobId id, ProblemCode locked) {
        StoredJob stored = jobs.get(id);
        if (stored == null) {
            throw problem(operation, ProblemCode.NOT_FOUND, "Job not found");
        }
        if (!stored.job().state().isEditable()) {
            throw problem(operation, locked, "Job is " + stored.job().state().wireName());
        }
        return stored;
    }

    /** Unknown names, and names restricted to another job type, are "not mapped" (as the sandbox decides). */
    private void checkCustomFields(Operation operation, Map<String, String> sent, JobTypeId jobType) {
        for (String name : sent.keySet()) {
            Optional<CustomFieldDef> field = customFields.stream().filter(f -> f.externalName().equals(name)).findFirst();
            if (field.isEmpty() || (jobType != null && !field.get().appliesTo(jobType))) {
                throw problem(operation, ProblemCode.UNKNOWN_CUSTOM_FIELD,
                        "Custom field '" + name + "' is not mapped for this integration");
            }
        }
    }

    private JobStatus statusFor(JobState state) {
        return statuses.stream().filter(status -> status.state() == state).findFirst()
                .orElseThrow(() -> new IllegalStateException("the scripted gateway has no status with state "
                        + state.wireName() + "; seed one with seedLookups()"));
    }

    private String customerName(CustomerId id) {
        return customers.stream().filter(c -> c.id().equals(id)).map(NamedItem::name).findFirst().orElse("");
    }

    private void requireCustomer(CustomerId customer) {
        if (customers.stream().noneMatch(c -> c.id().equals(customer))) {
            throw new IllegalArgumentException("customer " + customer + " is not seeded; seedLookups() it first");
        }
    }

    private long nextFreeSiteId() {
        while (sites.containsKey(SiteId.of(Long.toString(nextSiteId)))) {
            nextSiteId++;
        }
        return nextSiteId++;
    }

    private static <T> List<T> capped(List<T> items) {
        return List.copyOf(items.size() > LookupKind.CAP ? items.subList(0, LookupKind.CAP) : items);
    }

    private GatewayProblemException problem(Operation operation, ProblemCode code, String title) {
        long request = nextRequest();
        GatewayProblem problem = new GatewayProblem(code, code.type(), code.status(), title,
                Optional.of(gatewayRequestId(request)), Optional.of(clientRequestId(request)));
        return new GatewayProblemException(operation.route(), problem);
    }

    /** A timeout: our request id is known, the gateway never answered, so it has none. */
    private OutcomeUnknownException outcomeUnknown(Operation operation, String message) {
        return new OutcomeUnknownException(operation.route(), message, Optional.of(clientRequestId(nextRequest())),
                Optional.empty(), null);
    }

    private long nextRequest() {
        synchronized (lock) {
            return ++requestCounter;
        }
    }

    private static String clientRequestId(long request) {
        return "fs-test-" + request;
    }

    /** A gateway-style request id: "req_" and 26 Crockford base-32 characters. */
    private static String gatewayRequestId(long request) {
        long n = request;
        char[] chars = new char[26];
        for (int i = 25; i >= 0; i--) {
            chars[i] = CROCKFORD[(int) (n & 31)];
            n >>>= 5;
        }
        return "req_" + new String(chars);
    }

    private String encodeCursor(StoredJob last) {
        String text = CURSOR_PREFIX + last.updatedAt().getEpochSecond() + "." + last.updatedAt().getNano() + "/"
                + last.job().id().value();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Keyset cursor: the position (updated_at, id) of the last job sent, so changes between pages shift nothing. */
    private StoredJob decodeCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!text.startsWith(CURSOR_PREFIX)) {
                throw new IllegalArgumentException("foreign cursor");
            }
            String[] parts = text.substring(CURSOR_PREFIX.length()).split("[./]");
            Instant updatedAt = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            JobId id = JobId.of(parts[2]);
            // Only the position matters for comparison; any job content will do.
            Job position = new Job(id, JobNumber.of("0"), 0, true, "", new JobStatus(StatusId.of("0"), "", JobState.UNKNOWN),
                    Optional.empty(), Optional.empty(), new CustomerRef(CustomerId.of("0"), ""),
                    new SiteRef(SiteId.of("0"), ""), "", Map.of(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty());
            return new StoredJob(position, updatedAt);
        } catch (RuntimeException e) {
            throw problem(Operation.LIST_JOBS, ProblemCode.INVALID_QUERY, "cursor is not valid");
        }
    }

    private static Optional<Integer> parseNumber(JobNumber number) {
        try {
            return Optional.of(Integer.parseInt(number.value()));
        } catch (NumberFormatException notNumeric) {
            return Optional.empty();
        }
    }

    private static SiteDetails emptyDetails() {
        return new SiteDetails(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static void requirePositive(int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, got " + times);
        }
    }

    /** The data of {@link #withDefaultData}. */
    private static final class DefaultData {
        private static final ZoneOffset BRISBANE = ZoneOffset.ofHours(10);
        private static final String[] TITLES = {"Annual service", "Air-con repair", "Install hot water system",
                "Quarterly inspection", "Replace filters", "Leak investigation", "Switchboard upgrade",
                "Roof gutter clean", "Fire panel test", "Pump maintenance"};

        static void seed(ScriptedGateway gateway, int jobCount, Random random) {
            List<NamedItem<CustomerId>> customers = List.of(
                    new NamedItem<>(CustomerId.of("245715"), "Acme Facilities"),
                    new NamedItem<>(CustomerId.of("245716"), "Brightwater Council"),
                    new NamedItem<>(CustomerId.of("245717"), "Coastal Health"));
            String[] streets = {"Unit 3/24 Brand Dr, Pimpama QLD 4209", "12 Ocean Pde, Coolangatta QLD 4225",
                    "7 Mill St, Toowoomba QLD 4350", "88 Queen St, Brisbane QLD 4000", "5 Beach Rd, Noosa QLD 4567",
                    "41 Ridge Ave, Ipswich QLD 4305", "2 Harbour Tce, Gladstone QLD 4680",
                    "19 Palm Ct, Cairns QLD 4870", "63 River Rd, Logan QLD 4114", "110 Park Ln, Redcliffe QLD 4020"};
            List<NamedItem<SiteId>> sites = new ArrayList<>();
            for (int i = 0; i < streets.length; i++) {
                sites.add(new NamedItem<>(SiteId.of(Long.toString(3_065_756L + i)), streets[i]));
            }
            List<NamedItem<ProjectId>> projects = List.of(
                    new NamedItem<>(ProjectId.of("9001"), "Maintenance contract 2026"),
                    new NamedItem<>(ProjectId.of("9002"), "Capital works"));
            List<NamedItem<JobTypeId>> jobTypes = List.of(
                    new NamedItem<>(JobTypeId.of("501"), "Service"),
                    new NamedItem<>(JobTypeId.of("502"), "Repair"),
                    new NamedItem<>(JobTypeId.of("503"), "Installation"));
            List<JobStatus> statuses = List.of(
                    new JobStatus(StatusId.of("68392"), "Tentative", JobState.PENDING),
                    new JobStatus(StatusId.of("68393"), "Scheduled", JobState.SCHEDULED),
                    new JobStatus(StatusId.of("68394"), "In Progress", JobState.IN_PROGRESS),
                    new JobStatus(StatusId.of("68395"), "Completed", JobState.COMPLETED),
                    new JobStatus(StatusId.of("68396"), "Cancelled", JobState.CANCELLED));
            List<CustomFieldDef> fields = List.of(
                    new CustomFieldDef("scope_of_work", "cf_101", Optional.empty()),
                    new CustomFieldDef("access_instructions", "cf_102", Optional.empty()),
                    new CustomFieldDef("warranty_claim_number", "cf_103", Optional.of(JobTypeId.of("502"))));
            gateway.seedLookups(customers, sites, projects, jobTypes, statuses, fields);

            Instant now = gateway.clock.instant();
            long thirtyDaysMillis = Duration.ofDays(30).toMillis();
            List<SiteRecord> siteRecords = gateway.siteRecords();
            for (int i = 0; i < jobCount; i++) {
                SiteRecord site = siteRecords.get(random.nextInt(siteRecords.size()));
                JobStatus status = statuses.get(pickState(random));
                NamedItem<JobTypeId> type = jobTypes.get(random.nextInt(jobTypes.size()));
                OffsetDateTime start = now.atOffset(BRISBANE).truncatedTo(ChronoUnit.HOURS)
                        .plusDays(random.nextInt(61) - 30L).withHour(7 + random.nextInt(9));
                Map<String, String> custom = random.nextBoolean() ? Map.of("scope_of_work", "Scope " + i) : Map.of();
                int number = gateway.nextJobNumber;
                JobId id = JobId.of(Long.toString(gateway.nextJobId));
                Job job = new Job(id, JobNumber.of(Integer.toString(number)), number, true,
                        TITLES[random.nextInt(TITLES.length)], status, Optional.of(start),
                        Optional.of(start.plusHours(1 + random.nextInt(3))),
                        new CustomerRef(site.customer(), gateway.customerName(site.customer())),
                        new SiteRef(site.id(), site.address()), random.nextInt(4) == 0 ? "Call ahead" : "", custom,
                        Optional.of("seed-" + i), Optional.empty(),
                        random.nextBoolean() ? Optional.of(projects.get(random.nextInt(projects.size())).id()) : Optional.empty(),
                        Optional.of(type.id()));
                Instant updatedAt = now.minusMillis(1 + (long) (random.nextDouble() * (thirtyDaysMillis - 1)));
                gateway.putJob(job, updatedAt);
            }
        }

        /** Mostly open work, some finished and a few cancelled. */
        private static int pickState(Random random) {
            int roll = random.nextInt(100);
            if (roll < 30) {
                return 0;
            }
            if (roll < 55) {
                return 1;
            }
            if (roll < 65) {
                return 2;
            }
            return roll < 90 ? 3 : 4;
        }
    }
}
