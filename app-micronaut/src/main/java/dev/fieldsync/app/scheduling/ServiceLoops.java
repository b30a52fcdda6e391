package dev.fieldsync.app.scheduling;

import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.logging.MdcLogFields;
import dev.fieldsync.domain.sync.PassRequest;
import dev.fieldsync.ports.in.sync.SyncJobs;
import dev.fieldsync.ports.in.sync.SyncOutcome;
import dev.fieldsync.ports.in.sync.SyncProgress;
import dev.fieldsync.ports.in.sync.SyncProgressListener;
import dev.fieldsync.ports.in.webhook.HandleWebhookEvent;
import dev.fieldsync.ports.in.write.DispatchSubmissions;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's background work, started with the HTTP server (never by one-shot CLI commands): periodic
 * sync passes and catch-up passes on the leading instance only, outbox dispatch and webhook processing on
 * every instance, none of it while an operator has the integration paused ({@link IntegrationPause}). On shutdown a running pass stops at the next page boundary, with everything before it
 * committed.
 */
@Singleton
public class ServiceLoops implements ApplicationEventListener<ServerStartupEvent>, SyncProgressListener {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceLoops.class);
    private static final int WEBHOOK_BATCH = 50;

    private final FieldsyncSettings settings;
    private final SyncJobs syncJobs;
    private final DispatchSubmissions dispatch;
    private final HandleWebhookEvent webhooks;
    private final SyncLeadership leadership;
    private final IntegrationPause pause;
    private final Clock clock;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean syncRunning = new AtomicBoolean();
    private final AtomicBoolean syncQueued = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile boolean stopRequested;
    private volatile Optional<SyncProgress> lastProgress = Optional.empty();
    private volatile Instant lastPassStartedAt;
    private volatile Instant lastPassEndedAt;
    private ScheduledExecutorService syncExecutor;
    private ScheduledExecutorService workExecutor;

    public ServiceLoops(
            FieldsyncSettings settings,
            SyncJobs syncJobs,
            DispatchSubmissions dispatch,
            HandleWebhookEvent webhooks,
            SyncLeadership leadership,
            IntegrationPause pause,
            Clock clock) {
        this.settings = settings;
        this.syncJobs = syncJobs;
        this.dispatch = dispatch;
        this.webhooks = webhooks;
        this.leadership = leadership;
        this.pause = pause;
        this.clock = clock;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        start();
    }

    /** Starts the loops once; later calls do nothing. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        String suffix = threadSuffix(settings);
        syncExecutor = Executors.newSingleThreadScheduledExecutor(
                MdcLogFields.threads("fieldsync-sync" + suffix, settings.integration()));
        workExecutor = Executors.newScheduledThreadPool(
                2, MdcLogFields.threads("fieldsync-work" + suffix, settings.integration()));
        pause.refresh(); // a pause persisted before a restart holds from the first pass
        every(workExecutor, Duration.ofSeconds(1), Duration.ofSeconds(1), pause::refresh);
        FieldsyncSettings.Sync sync = settings.sync();
        if (sync.enabled()) {
            every(syncExecutor, Duration.ZERO, periodicCheck(sync), this::periodicPassIfDue);
            every(syncExecutor, sync.catchUpCheck(), sync.catchUpCheck(), this::catchUpPass);
        }
        Duration dispatchEvery = settings.dispatch().interval();
        every(workExecutor, dispatchEvery, dispatchEvery, this::dispatchDue);
        every(workExecutor, Duration.ofSeconds(1), Duration.ofSeconds(1), this::processWebhooks);
        LOG.info(
                "service loops of integration {} started: sync {} every {}, dispatch every {}",
                settings.integration(),
                sync.enabled() ? "on" : "off",
                sync.interval(),
                dispatchEvery);
    }

    /**
     * Runs a pass soon on this instance if it leads sync. Coalesced: while a pass runs or one asked for has not
     * started yet, or one started within {@code fieldsync.sync.requested-pass-interval}, the call adds nothing, so
     * a burst of calls costs at most one pass. None while the integration is paused.
     */
    public PassRequest syncNow() {
        if (!started.get() || stopRequested) {
            return PassRequest.NOT_RUNNING;
        }
        if (pause.isPaused()) {
            return PassRequest.PAUSED;
        }
        if (syncRunning.get()) {
            return PassRequest.ALREADY_RUNNING;
        }
        Instant last = lastPassStartedAt;
        if (last != null && clock.instant().isBefore(last.plus(settings.sync().requestedPassInterval()))) {
            return PassRequest.RECENT_PASS;
        }
        if (!leadership.tryLead()) {
            return PassRequest.NOT_LEADER;
        }
        if (!syncQueued.compareAndSet(false, true)) {
            return PassRequest.ALREADY_QUEUED;
        }
        syncExecutor.execute(() -> {
            if (!periodicPass()) {
                syncQueued.set(false); // a pass that was running took its place
            }
        });
        return PassRequest.STARTED;
    }

    /** A submission was stored: send it now instead of at the next tick. */
    public void nudgeDispatch() {
        if (started.get() && !stopRequested) {
            workExecutor.execute(this::dispatchDue);
        }
    }

    /** A webhook event was stored: process it now. */
    public void nudgeWebhooks() {
        if (started.get() && !stopRequested) {
            workExecutor.execute(this::processWebhooks);
        }
    }

    /** Whether the loops run here and lead sync (a one-shot command's context never leads). */
    public boolean isLeader() {
        return started.get() && leadership.isLeader();
    }

    /** When the last pass on this instance started, if one did. */
    public Optional<Instant> lastPassStartedAt() {
        return Optional.ofNullable(lastPassStartedAt);
    }

    public boolean isSyncRunning() {
        return syncRunning.get();
    }

    /** The last page's progress of the running or last pass. */
    public Optional<SyncProgress> lastProgress() {
        return lastProgress;
    }

    @Override
    public void onPage(SyncProgress progress) {
        lastProgress = Optional.of(progress);
    }

    /**
     * A running pass stops at its next page boundary on shutdown or removal, when paused, and when this instance no
     * longer leads the integration's sync (the fencing: a lapsing leadership stops before another instance can lead).
     */
    @Override
    public boolean stopRequested() {
        // A pause stops a running pass at its next page boundary, and so does a lease about to expire (the fencing:
        // another instance may take it once it expires).
        return stopRequested || pause.isPaused() || !leadership.isLeader();
    }

    /**
     * How often the loop looks whether a periodic pass is due: the interval, or the catch-up check when that is
     * shorter. Leadership can start between two looks (a lease taken after a failover or a start-up, which the
     * first look may not have seen yet); the new leader's pass starts within one check, not one interval.
     */
    private static Duration periodicCheck(FieldsyncSettings.Sync sync) {
        return sync.interval().compareTo(sync.catchUpCheck()) < 0 ? sync.interval() : sync.catchUpCheck();
    }

    /** A pass when none has ended here within the interval (none yet: at once, where this instance leads). */
    private void periodicPassIfDue() {
        Instant ended = lastPassEndedAt;
        if (ended == null
                || !clock.instant().isBefore(ended.plus(settings.sync().interval()))) {
            periodicPass();
        }
    }

    private boolean periodicPass() {
        return runPass(() -> Optional.of(syncJobs.runPass(this)));
    }

    private void catchUpPass() {
        runPass(() -> syncJobs.runCatchUpIfRequested(this));
    }

    /** Runs the pass unless stopping, paused, not leading or another runs; true when it ran. */
    private boolean runPass(java.util.function.Supplier<Optional<SyncOutcome>> pass) {
        if (stopRequested || pause.isPaused() || !leadership.tryLead() || !syncRunning.compareAndSet(false, true)) {
            return false;
        }
        lastPassStartedAt = clock.instant();
        syncQueued.set(false); // from here on a "sync now" finds this pass running
        boolean ran = true;
        try {
            Optional<SyncOutcome> done = pass.get();
            ran = done.isPresent(); // a catch-up check that found nothing asked ran no pass
            done.ifPresent(outcome -> LOG.info(
                    "sync pass {}: {} pages, {} jobs ({} new, {} changed) in {} ms",
                    outcome.completed() ? "completed" : "stopped early",
                    outcome.pages(),
                    outcome.jobs(),
                    outcome.newJobs(),
                    outcome.changedJobs(),
                    outcome.elapsed().toMillis()));
        } catch (RuntimeException failure) {
            LOG.warn("sync pass failed: {}", failure.getMessage());
        } finally {
            if (ran) {
                lastPassEndedAt = clock.instant(); // when the next periodic pass is due
            }
            syncRunning.set(false);
        }
        return true;
    }

    private void dispatchDue() {
        if (stopRequested || pause.isPaused()) {
            return;
        }
        try {
            DispatchSubmissions.DispatchReport report;
            do {
                report = dispatch.dispatchDue(settings.dispatch().batch());
                if (report.total() > 0) {
                    LOG.info(
                            "dispatched {} submission(s): {} created, {} outcome unknown, {} failed, {} retry later",
                            report.total(),
                            report.created(),
                            report.outcomeUnknown(),
                            report.failed(),
                            report.retryLater());
                }
            } while (report.total() >= settings.dispatch().batch()
                    && report.retryLater() == 0
                    && !stopRequested
                    && !pause.isPaused());
        } catch (RuntimeException failure) {
            LOG.warn("dispatch failed: {}", failure.getMessage());
        }
    }

    private void processWebhooks() {
        if (stopRequested) {
            return;
        }
        try {
            while (webhooks.processPending(WEBHOOK_BATCH) >= WEBHOOK_BATCH && !stopRequested) {
                // keep going while full batches come back
            }
        } catch (RuntimeException failure) {
            LOG.warn("webhook processing failed: {}", failure.getMessage());
        }
    }

    /**
     * The context is closing: stop before any bean is destroyed. As a {@code @PreDestroy} alone this could run
     * after the gateway client has been closed, failing the page in flight instead of letting it commit.
     */
    @EventListener
    void onShutdown(ShutdownEvent event) {
        stop();
    }

    /** Asks a running pass to stop at its next page boundary and waits for the loops to finish (once). */
    @PreDestroy
    public void stop() {
        stopRequested = true;
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        if (!started.get()) {
            leadership.close();
            return;
        }
        syncExecutor.shutdown();
        workExecutor.shutdown();
        try {
            if (!syncExecutor.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("the sync pass did not stop within 30 s");
            }
            workExecutor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } finally {
            syncExecutor.shutdownNow();
            workExecutor.shutdownNow();
            leadership.close();
        }
    }

    private void every(ScheduledExecutorService executor, Duration initial, Duration period, Runnable task) {
        executor.scheduleWithFixedDelay(task, initial.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Threads of the {@code default} integration keep their plain names; others' carry the integration's id. */
    static String threadSuffix(FieldsyncSettings settings) {
        String id = settings.integration().value();
        return id.equals("default") ? "" : "-" + id;
    }
}
