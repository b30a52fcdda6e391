package dev.fieldsync.sandbox;

import dev.fieldsync.sandbox.data.Generator;
import dev.fieldsync.sandbox.data.RandomChanges;
import dev.fieldsync.sandbox.data.Store;
import dev.fieldsync.sandbox.ratelimit.RateLimiter;
import dev.fieldsync.sandbox.ratelimit.ScaledTime;
import dev.fieldsync.sandbox.webhook.WebhookDispatcher;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One tenant of the sandbox: what one integration's keys see and spend, shared with no other tenant — its jobs and
 * lookups (its own generated data set, job and site ids in a range of its own), its rate-limit buckets (the 40/min
 * client bucket per key and the 60/min upstream ceiling, "purpose 'tenant'"), its faults, its office and scheduling
 * team, its statistics and its request log. The built-in keys and {@link GatewaySandbox#addKey} belong to the
 * {@code default} tenant; webhooks are delivered for the default tenant only.
 */
public final class SandboxTenant {
    /** Job ids of tenant n start at {@code JOB_ID_BASE + n * JOB_ID_SPACING}. */
    static final long JOB_ID_SPACING = 1_000_000L;

    static final long SITE_ID_SPACING = 10_000L;

    private final String name;
    private final int index;
    private final long seed;
    private final int jobs;
    private final boolean lookupsOverCap;
    private final Generator generator;
    private final KeyRing keys;
    private final SandboxSettings settings;
    private final AtomicReference<Store> store = new AtomicReference<>();
    private final SandboxFaults faults;
    private final RateLimiter limiter;
    private final RequestStats stats;
    private final RequestLog log = new RequestLog();
    private final Office office;
    private final Optional<WebhookDispatcher> webhooks;
    private final SandboxEvents events;
    private final Random random;
    private double pendingMoves;

    SandboxTenant(
            String name,
            int index,
            long seed,
            int jobs,
            boolean lookupsOverCap,
            long faultSeed,
            Generator generator,
            KeyRing keys,
            SandboxSettings settings,
            ScaledTime time,
            Optional<WebhookDispatcher> webhooks) {
        this.name = name;
        this.index = index;
        this.seed = seed;
        this.jobs = jobs;
        this.lookupsOverCap = lookupsOverCap;
        this.generator = generator;
        this.keys = keys;
        this.settings = settings;
        this.faults = new SandboxFaults(faultSeed);
        this.limiter = new RateLimiter(time);
        this.stats = new RequestStats(time);
        this.office = new Office(settings, seed);
        this.webhooks = webhooks;
        this.events = new SandboxEvents(office, webhooks, time);
        this.random = new Random(seed ^ 0x5DEECE66DL);
        seed(seed, jobs, lookupsOverCap);
    }

    public String name() {
        return name;
    }

    /** Accepts another key for this tenant, with every scope and its customers (e.g. the next key of a rotation). */
    public SandboxTenant addKey(String key) {
        keys.add(key, SandboxKeys.ALL_SCOPES, true, this);
        return this;
    }

    /** Live fault settings of this tenant's keys. */
    public SandboxFaults faults() {
        return faults;
    }

    /** Every job of this tenant as the gateway holds it, by id. */
    public List<SandboxJob> dump() {
        return SandboxJob.all(store());
    }

    public Optional<SandboxJob> job(String id) {
        return SandboxJob.find(store(), Bodies.parseId(id));
    }

    /** This tenant's /v1 requests (the last {@value RequestLog#CAPACITY}), oldest first. */
    public List<SandboxRequest> requests() {
        return log.all();
    }

    public SandboxStats stats() {
        return new SandboxStats(
                stats.total(),
                stats.rateLimitedCount(),
                Collections.unmodifiableMap(stats.lastMinute()),
                webhooks.map(WebhookDispatcher::attempts).orElse(0L),
                webhooks.map(WebhookDispatcher::delivered).orElse(0L),
                webhooks.map(WebhookDispatcher::abandoned).orElse(0L),
                office.confirmed(),
                office.edits(),
                office.notesReplaced());
    }

    /** Sets updated_at = now (and a note) on n distinct random jobs; returns how many were touched. */
    public int touch(int n) {
        return RandomChanges.touch(store(), n, random);
    }

    /** Moves n random open jobs one step along pending → scheduled → in_progress → completed. */
    public int advance(int n) {
        int moved = 0;
        for (int i = 0; i < n; i++) {
            RandomChanges.Transition t = RandomChanges.advanceRandomOpenJob(store(), random);
            if (t != null) {
                moved++;
                events.statusChanged(t.job(), t.from(), t.to());
            }
        }
        return moved;
    }

    /** One hand edit by the office (null keeps a member; "" clears the notes). False when there is no such job. */
    public boolean officeEdit(String id, String newTitle, String newNotes) {
        return Office.edit(store(), Bodies.parseId(id), newTitle, newNotes);
    }

    /** Moves this tenant's jobs out of its keys' scope and back. */
    public SandboxScope scope() {
        return new SandboxScope(store());
    }

    /** External ids held by more than one of this tenant's jobs → those job ids. */
    public Map<String, List<String>> duplicateExternalIds() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        store().duplicateExternalIds()
                .forEach((k, v) -> out.put(k, v.stream().map(String::valueOf).toList()));
        return out;
    }

    // ---- for the sandbox and its routes -----------------------------------------------------------

    Store store() {
        return store.get();
    }

    RateLimiter limiter() {
        return limiter;
    }

    RequestStats requestStats() {
        return stats;
    }

    RequestLog log() {
        return log;
    }

    Gateway.Events events() {
        return events;
    }

    int jobCount() {
        return store().jobCount();
    }

    /** Replaces the data with a freshly generated set, ids in this tenant's range. */
    void seed(long dataSeed, int jobCount, boolean overCap) {
        store.set(generator.generate(
                dataSeed,
                jobCount,
                overCap,
                Generator.JOB_ID_BASE + index * JOB_ID_SPACING,
                Generator.SITE_ID_BASE + index * SITE_ID_SPACING));
        office.reset();
    }

    /** Back to its start: data regenerated, faults, buckets, statistics and request log cleared. */
    void reset() {
        seed(seed, jobs, lookupsOverCap);
        faults.reset();
        limiter.reset();
        stats.reset();
        log.clear();
    }

    /** The office's and the scheduling team's work since the last tick. */
    void tick(long nowNanos, double elapsedSeconds) {
        for (Office.Move move : office.tick(store(), nowNanos, elapsedSeconds)) {
            events.statusChanged(move.job(), move.from(), move.to());
        }
        double rate = settings.schedulingRatePerSecond();
        if (rate <= 0) {
            pendingMoves = 0;
            return;
        }
        pendingMoves = Math.min(pendingMoves + rate * elapsedSeconds, 10_000);
        int moves = (int) pendingMoves;
        pendingMoves -= moves;
        advance(moves);
    }
}
