package dev.fieldsync.sandbox.data;

import dev.fieldsync.sandbox.data.Catalog.CustomField;
import dev.fieldsync.sandbox.data.Catalog.Customer;
import dev.fieldsync.sandbox.data.Catalog.JobType;
import dev.fieldsync.sandbox.data.Catalog.Project;
import dev.fieldsync.sandbox.data.Catalog.Status;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * Everything the sandbox gateway holds. One monitor (the store itself) guards all of it: the machine
 * has few cores and every operation is short, so a single lock is both simple and fast enough.
 * Handlers that render jobs do so inside {@code synchronized (store)}.
 */
public final class Store {
    /** Paging order: newest-updated first, ties by id descending (the keyset of the cursor). */
    public static final Comparator<Job> ORDER = (a, b) -> {
        int c = Long.compare(b.updatedAtMillis, a.updatedAtMillis);
        return c != 0 ? c : Long.compare(b.id, a.id);
    };

    private final Clock clock;
    private final Catalog catalog;
    private final List<Customer> customers;
    private final List<Project> projects;
    private final List<JobType> jobTypes;
    private final List<Status> statuses;
    private final List<CustomField> customFields;
    private final Map<String, Integer> customFieldIndex = new HashMap<>();
    private final Map<State, Status> primaryStatus = new EnumMap<>(State.class);
    private final ArrayList<Site> sites = new ArrayList<>();
    private final Map<Long, Site> sitesById = new HashMap<>();
    private final ArrayList<Job> jobs = new ArrayList<>();
    private final TreeSet<Job> byUpdated = new TreeSet<>(ORDER);
    private final long jobIdBase;
    private long nextSiteId;

    Store(Clock clock, Catalog catalog, long jobIdBase, long firstSiteId) {
        this.clock = clock;
        this.catalog = catalog;
        this.customers = catalog.customers();
        this.projects = catalog.projects();
        this.jobTypes = catalog.jobTypes();
        this.statuses = catalog.statuses();
        this.customFields = catalog.customFields();
        for (int i = 0; i < customFields.size(); i++) {
            customFieldIndex.put(customFields.get(i).externalName(), i);
        }
        for (Status s : statuses) {
            primaryStatus.putIfAbsent(s.state(), s);
        }
        for (State s : State.values()) {
            if (!primaryStatus.containsKey(s)) {
                throw new IllegalArgumentException("no status for state " + s);
            }
        }
        this.jobIdBase = jobIdBase;
        this.nextSiteId = firstSiteId;
    }

    public Clock clock() {
        return clock;
    }

    /** Every lookup's items (sites are the store's own, as creates add them). */
    public Catalog catalog() {
        return catalog;
    }

    // ---- reference data ----------------------------------------------------------------------

    public List<Customer> customers() {
        return customers;
    }

    public Customer customer(long id) {
        return byId(customers, Customer::id, id);
    }

    public List<Project> projects() {
        return projects;
    }

    public Project project(long id) {
        return byId(projects, Project::id, id);
    }

    public List<JobType> jobTypes() {
        return jobTypes;
    }

    public JobType jobType(long id) {
        return byId(jobTypes, JobType::id, id);
    }

    public List<Status> statuses() {
        return statuses;
    }

    public Status status(long id) {
        return byId(statuses, Status::id, id);
    }

    private static <T> T byId(List<T> items, ToLongFunction<T> idOf, long id) {
        for (T item : items) {
            if (idOf.applyAsLong(item) == id) {
                return item;
            }
        }
        return null;
    }

    public Status primaryStatus(State state) {
        return primaryStatus.get(state);
    }

    public List<CustomField> customFields() {
        return customFields;
    }

    /** Index of the custom field definition, or -1. */
    public int customFieldIndex(String externalName) {
        Integer i = customFieldIndex.get(externalName);
        return i == null ? -1 : i;
    }

    public synchronized List<Site> sites() {
        return new ArrayList<>(sites);
    }

    public synchronized Site site(long id) {
        return sitesById.get(id);
    }

    synchronized Site addSite(Customer customer, ZoneId zone) {
        Site s = new Site(nextSiteId++, customer, zone);
        sites.add(s);
        sitesById.put(s.id, s);
        return s;
    }

    public synchronized Site createSite(Customer customer, Consumer<Site> fields) {
        Site s = addSite(customer, ZoneId.of("Australia/Brisbane"));
        fields.accept(s);
        return s;
    }

    public synchronized void updateSite(Site site, Consumer<Site> fields) {
        fields.accept(site);
    }

    // ---- jobs --------------------------------------------------------------------------------

    public synchronized int jobCount() {
        return jobs.size();
    }

    public synchronized Job jobAt(int index) {
        return jobs.get(index);
    }

    public synchronized Job job(long id) {
        long index = id - jobIdBase;
        if (index < 0 || index >= jobs.size()) {
            return null;
        }
        return jobs.get((int) index);
    }

    /** The job by id as a key sees it: null when there is none or it is out of the keys' scope. */
    public synchronized Job visibleJob(long id) {
        Job j = job(id);
        return j == null || j.outOfScope ? null : j;
    }

    /** Moves a job out of the keys' scope or back; updated_at stays (the key sees no change it could list). */
    public synchronized boolean moveScope(Job job, boolean out) {
        boolean moved = job.outOfScope != out;
        job.outOfScope = out;
        return moved;
    }

    public synchronized Job jobByNumber(long number) {
        if (number < 1 || number > jobs.size()) {
            return null;
        }
        return jobs.get((int) number - 1);
    }

    /** Appends a job (generator and creates): ids and numbers are dense, so no lookup maps are needed. */
    synchronized Job append(Site site, JobType type, Project project, long updatedAtMillis) {
        int index = jobs.size();
        Job j = new Job(jobIdBase + index, index + 1, site, type, project);
        j.updatedAtMillis = updatedAtMillis;
        jobs.add(j);
        return j;
    }

    synchronized void indexAll() {
        byUpdated.addAll(jobs);
    }

    public synchronized Job createJob(Site site, JobType type, Project project, Consumer<Job> fields) {
        Job j = append(site, type, project, clock.millis());
        j.status = primaryStatus(State.PENDING);
        fields.accept(j);
        byUpdated.add(j);
        return j;
    }

    /** Applies a change and sets updated_at = now, keeping the paging index consistent. */
    public synchronized void update(Job job, Consumer<Job> change) {
        byUpdated.remove(job);
        try {
            change.accept(job);
        } finally {
            job.updatedAtMillis = Math.max(clock.millis(), job.updatedAtMillis);
            byUpdated.add(job);
        }
    }

    /** Call inside {@code synchronized (store)} when the jobs are rendered afterwards. */
    public synchronized JobQuery.Page page(JobQuery q) {
        List<Job> out = new ArrayList<>(Math.min(q.pageSize(), 128));
        if (q.number() != null) {
            Job j = jobByNumber(q.number());
            if (j != null && q.matches(j) && q.isAfterCursor(j)) {
                out.add(j);
            }
            return new JobQuery.Page(out, false);
        }
        NavigableSet<Job> view;
        if (q.cursorId() != null) {
            view = byUpdated.tailSet(JobQuery.probe(q.cursorUpdatedAtMillis(), q.cursorId()), false);
        } else if (q.updatedToMillis() != null) {
            view = byUpdated.tailSet(JobQuery.probe(q.updatedToMillis(), Long.MIN_VALUE), false);
        } else {
            view = byUpdated;
        }
        boolean more = false;
        for (Job j : view) {
            if (q.updatedToMillis() != null && j.updatedAtMillis >= q.updatedToMillis()) {
                continue;
            }
            if (q.updatedFromMillis() != null && j.updatedAtMillis < q.updatedFromMillis()) {
                break;
            }
            if (!q.matches(j)) {
                continue;
            }
            if (out.size() == q.pageSize()) {
                more = true;
                break;
            }
            out.add(j);
        }
        return new JobQuery.Page(out, more);
    }

    /** External ids held by more than one job, with the job ids (in creation order). */
    public synchronized Map<String, List<Long>> duplicateExternalIds() {
        Map<String, List<Long>> all = new HashMap<>();
        for (Job j : jobs) {
            if (j.externalId != null && !j.externalId.isEmpty()) {
                all.computeIfAbsent(j.externalId, k -> new ArrayList<>(1)).add(j.id);
            }
        }
        Map<String, List<Long>> dups = new LinkedHashMap<>();
        all.entrySet().stream()
                .filter(e -> e.getValue().size() > 1)
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> dups.put(e.getKey(), List.copyOf(e.getValue())));
        return dups;
    }
}
