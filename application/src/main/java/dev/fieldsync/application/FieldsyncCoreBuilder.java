package dev.fieldsync.application;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.ports.out.budget.RateBudget;
import dev.fieldsync.ports.out.events.JobChangeListener;
import dev.fieldsync.ports.out.gateway.Gateway;
import dev.fieldsync.ports.out.gateway.GatewayClock;
import dev.fieldsync.ports.out.gateway.KeySource;
import dev.fieldsync.ports.out.log.LogFields;
import dev.fieldsync.ports.out.store.Jobs;
import dev.fieldsync.ports.out.store.LookupCatalogs;
import dev.fieldsync.ports.out.store.Submissions;
import dev.fieldsync.ports.out.store.SyncCheckpoints;
import dev.fieldsync.ports.out.store.WebhookEvents;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/** Collects the ports of a {@link FieldsyncCore}; {@link #build()} names every one that is missing. */
public final class FieldsyncCoreBuilder {
    IntegrationId integration;
    Gateway gateway;
    RateBudget budget;
    KeySource keySource;
    Jobs jobs;
    SyncCheckpoints checkpoints;
    LookupCatalogs catalogs;
    Submissions submissions;
    WebhookEvents webhookEvents;
    final List<JobChangeListener> listeners = new ArrayList<>();
    Clock clock = Clock.systemUTC();
    GatewayClock gatewayClock = GatewayClock.NONE;
    CoreSettings settings = CoreSettings.defaults();
    LogFields logFields = LogFields.NONE;
    Executor syncPrefetch; // null: a thread per prefetched page

    FieldsyncCoreBuilder() {}

    public FieldsyncCoreBuilder integration(IntegrationId value) {
        integration = Objects.requireNonNull(value);
        return this;
    }

    public FieldsyncCoreBuilder gateway(Gateway value) {
        gateway = Objects.requireNonNull(value);
        return this;
    }
    /** The same budget the gateway spends from; read for progress estimates only. */
    public FieldsyncCoreBuilder budget(RateBudget value) {
        budget = Objects.requireNonNull(value);
        return this;
    }

    public FieldsyncCoreBuilder keySource(KeySource value) {
        keySource = Objects.requireNonNull(value);
        return this;
    }

    public FieldsyncCoreBuilder jobs(Jobs value) {
        jobs = Objects.requireNonNull(value);
        return this;
    }

    public FieldsyncCoreBuilder checkpoints(SyncCheckpoints value) {
        checkpoints = Objects.requireNonNull(value);
        return this;
    }

    public FieldsyncCoreBuilder catalogs(LookupCatalogs value) {
        catalogs = Objects.requireNonNull(value);
        return this;
    }

    public FieldsyncCoreBuilder submissions(Submissions value) {
        submissions = Objects.requireNonNull(value);
        return this;
    }

    public FieldsyncCoreBuilder webhookEvents(WebhookEvents value) {
        webhookEvents = Objects.requireNonNull(value);
        return this;
    }
    /** Adds listeners told about new and changed jobs after each page commits; may be called repeatedly. */
    public FieldsyncCoreBuilder listener(JobChangeListener... values) {
        Arrays.stream(values).map(Objects::requireNonNull).forEach(listeners::add);
        return this;
    }
    /** The gateway's clock as its answers show it (default: none, windows on {@link #clock(Clock)}). */
    public FieldsyncCoreBuilder gatewayClock(GatewayClock value) {
        gatewayClock = Objects.requireNonNull(value, "gatewayClock");
        return this;
    }

    /** Default: the system UTC clock. */
    public FieldsyncCoreBuilder clock(Clock value) {
        clock = Objects.requireNonNull(value);
        return this;
    }
    /** Default: {@link CoreSettings#defaults()}. */
    public FieldsyncCoreBuilder settings(CoreSettings value) {
        settings = Objects.requireNonNull(value);
        return this;
    }
    /** Where submissions being stored and sent are named for the log lines; default {@link LogFields#NONE}. */
    public FieldsyncCoreBuilder logFields(LogFields value) {
        logFields = Objects.requireNonNull(value);
        return this;
    }

    /**
     * Runs the fetch of a sync pass's next page while the current one is applied; default: a new daemon thread per
     * page. {@code Runnable::run} fetches it on the pass's own thread just before the apply (no overlap), which keeps
     * a test on virtual time ({@code VirtualTimeRateBudget}) single-threaded and its request order fixed.
     */
    public FieldsyncCoreBuilder syncPrefetch(Executor value) {
        syncPrefetch = Objects.requireNonNull(value, "syncPrefetch");
        return this;
    }

    public FieldsyncCore build() {
        List<String> missing = new ArrayList<>();
        if (integration == null) missing.add("integration");
        if (gateway == null) missing.add("gateway");
        if (budget == null) missing.add("budget");
        if (keySource == null) missing.add("keySource");
        if (jobs == null) missing.add("jobs");
        if (checkpoints == null) missing.add("checkpoints");
        if (catalogs == null) missing.add("catalogs");
        if (submissions == null) missing.add("submissions");
        if (webhookEvents == null) missing.add("webhookEvents");
        if (!missing.isEmpty()) {
            throw new IllegalStateException(
                    "FieldsyncCore needs " + String.join(", ", missing) + ": set them on the builder");
        }
        return new FieldsyncCore(this);
    }
}
