package dev.fieldsync.application;

import dev.fieldsync.adapters.memory.InMemoryJobs;
import dev.fieldsync.adapters.memory.InMemoryLookupCatalogs;
import dev.fieldsync.adapters.memory.InMemorySubmissions;
import dev.fieldsync.adapters.memory.InMemorySyncCheckpoints;
import dev.fieldsync.adapters.memory.InMemoryWebhookEvents;
import dev.fieldsync.adapters.memory.ManualClock;
import dev.fieldsync.adapters.memory.RecordingJobChangeListener;
import dev.fieldsync.adapters.memory.ScriptedGateway;
import dev.fieldsync.adapters.memory.VirtualTimeRateBudget;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.ports.in.sync.SyncOutcome;
import dev.fieldsync.ports.in.sync.SyncProgressListener;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One integration wired over adapters-memory: a manual clock, a virtual-time budget at the gateway's
 * 40/min (burst 40, reserve 2), a scripted gateway with seeded data, and the core under test.
 */
public final class Scenario {
    public static final Instant START = Instant.parse("2026-03-02T08:00:00Z");
    public static final IntegrationId INTEGRATION = IntegrationId.of("acme");
    public static final String GOOD_KEY = "fi_pk_live_0123456789abcdef";

    final ManualClock clock = new ManualClock(START);
    final VirtualTimeRateBudget budget;
    final ScriptedGateway gateway;
    final InMemorySyncCheckpoints checkpoints = new InMemorySyncCheckpoints();
    final InMemoryJobs jobs = new InMemoryJobs(checkpoints);
    final InMemoryLookupCatalogs catalogs = new InMemoryLookupCatalogs();
    final InMemorySubmissions submissions = new InMemorySubmissions();
    final InMemoryWebhookEvents webhookEvents = new InMemoryWebhookEvents();
    final RecordingJobChangeListener changes = new RecordingJobChangeListener();
    final FieldsyncCore core;

    public Scenario(int jobCount) {
        this(jobCount, 40, 40, 2, GOOD_KEY);
    }

    public Scenario(int jobCount, int ratePerMinute, int burst, int reserve, String key) {
        budget = new VirtualTimeRateBudget(clock, ratePerMinute, burst, reserve);
        gateway = ScriptedGateway.withDefaultData(clock, budget, jobCount, 42);
        core = newCore(key);
    }

    /** Another core over the same stores and gateway: what a restart (or a second instance) sees. */
    public FieldsyncCore newCore() {
        return newCore(GOOD_KEY);
    }

    public FieldsyncCore newCore(String key) {
        return newCore(key, CoreSettings.defaults());
    }

    /** Another core over the same stores and gateway, with other settings. */
    public FieldsyncCore newCore(CoreSettings settings) {
        return newCore(GOOD_KEY, settings);
    }

    private FieldsyncCore newCore(String key, CoreSettings settings) {
        return FieldsyncCore.builder()
                .integration(INTEGRATION)
                .gateway(gateway)
                .budget(budget)
                .keySource(new FixedKeySource(key))
                .jobs(jobs)
                .checkpoints(checkpoints)
                .catalogs(catalogs)
                .submissions(submissions)
                .webhookEvents(webhookEvents)
                .listener(changes)
                .clock(clock)
                .settings(settings)
                .syncPrefetch(Runnable::run) // virtual time stays single-threaded: page N+1 fetched before N's apply
                .build();
    }

    public SyncOutcome sync() {
        return core.syncJobs().runPass(SyncProgressListener.NONE);
    }

    /** The jobs as the documented list shows them (no external id, project, job type, purchase order). */
    public List<Job> gatewayJobsAsListed() {
        return gateway.jobs().stream()
                .map(job -> new Job(
                        job.id(),
                        job.number(),
                        job.seriesNumber(),
                        job.primary(),
                        job.title(),
                        job.status(),
                        job.startTime(),
                        job.endTime(),
                        job.customer(),
                        job.site(),
                        job.notes(),
                        job.customFields(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()))
                .toList();
    }

    public List<Job> mirroredJobs() {
        return jobs.all(INTEGRATION).stream()
                .map(mirrored -> mirrored.job())
                .sorted((a, b) -> a.id().compareTo(b.id()))
                .toList();
    }

    public void advance(Duration amount) {
        clock.advance(amount);
    }

    public ManualClock clock() {
        return clock;
    }

    public VirtualTimeRateBudget budget() {
        return budget;
    }

    public ScriptedGateway gateway() {
        return gateway;
    }

    public InMemorySyncCheckpoints checkpoints() {
        return checkpoints;
    }

    public InMemoryJobs jobs() {
        return jobs;
    }

    public InMemoryLookupCatalogs catalogs() {
        return catalogs;
    }

    public InMemorySubmissions submissions() {
        return submissions;
    }

    public InMemoryWebhookEvents webhookEvents() {
        return webhookEvents;
    }

    public RecordingJobChangeListener changes() {
        return changes;
    }

    public FieldsyncCore core() {
        return core;
    }

    /** The mirrored job (fails when it is not mirrored). */
    public Job mirror(dev.fieldsync.domain.id.JobId id) {
        return jobs.find(INTEGRATION, id)
                .orElseThrow(() -> new AssertionError("job " + id + " is not mirrored"))
                .job();
    }

    /** Loads the lookup catalog now, so later call counts show only what the scenario spends. */
    public void loadCatalog() {
        core.lookups().catalog();
    }
}
