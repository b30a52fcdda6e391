package dev.fieldsync.app.scheduling;

import dev.fieldsync.app.config.FieldsyncSettings;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One integration's background work, started with the HTTP server (never by one-shot CLI commands): periodic
 * sync passes and catch-up passes on the leading instance only, outbox dispatch and webhook processing on
 * every instance, none of it while an operator has the integration paused ({@link IntegrationPause}). All of it runs
 * on the process's shared {@link LoopScheduler}: the passes on the integration's sync lane (one at a time), dispatch
 * and webhook processing each on a lane of the short-work pool; while idle, dispatch and webhook processing look
 * less often, backing off up to {@code fieldsync.scheduler.idle-max-delay} (a local submission or webhook wakes them
 * at once). On shutdown a running pass stops at the next page boundary, with everything before it committed.
 */
@Singleton
public class ServiceLoops implements ApplicationEventListener<ServerStartupEvent>, SyncProgressListener {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceLoops.class);

    private final FieldsyncSettings settings;
    private final SyncJobs syncJobs;
    private final SyncLeadership leadership;
    private final IntegrationPause pause;
    private final Clock clock;
    private final LoopScheduler scheduler;
    private final DispatchLoops work;
    private final List<Repeating> repeating = new ArrayList<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean syncRunning = new AtomicBoolean();
    private final AtomicBoolean syncQueued = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile boolean stopRequested;
    private volatile Optional<SyncProgress> lastProgress = Optional.empty();
    private volatile Instant lastPassStartedAt;
    private volatile Instant lastPassEndedAt;
    private volatile Lane syncLane;

    public ServiceLoops(
            FieldsyncSettings settings,
            SyncJobs syncJobs,
            DispatchSubmissions dispatch,
            HandleWebhookEvent webhooks,
            SyncLeadership leadership,
            IntegrationPause pause,
            Clock clock,
            LoopScheduler scheduler) {
        this.settings = settings;
        this.syncJobs = syncJobs;
        this.leadership = leadership;
        this.pause = pause;
        this.clock = clock;
        this.scheduler = scheduler;
        this.work = new DispatchLoops(settings, dispatch, webhooks, pause, scheduler);
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        start();
    }

    /** Starts the loops once; later calls do nothing. */
    public synchronized void start() {
        if (stopRequested || !started.compareAndSet(false, true)) {
            return;
        }
        String suffix = threadSuffix(settings);
        syncLane = scheduler.passLane("fieldsync-sync" + suffix, settings.integration());
        pause.refresh(); // a pause persisted before a restart holds from the first pass
        scheduler.pauses().watch(pause);
        FieldsyncSettings.Sync sync = settings.sync();
        if (sync.enabled()) {
            Duration check = periodicCheck(sync);
            loop(syncLane, Duration.ZERO, () -> {
                periodicPassIfDue();
                return check;
            });
            loop(syncLane, sync.catchUpCheck(), () -> {
                catchUpPass();
                return sync.catchUpCheck();
            });
        }
        work.start(suffix);
        LOG.info(
                "service loops of integration {} started: sync {} every {}, dispatch every {} (idle: up to {})",
                settings.integration(),
                sync.enabled() ? "on" : "off",
                sync.interval(),
                settings.dispatch().interval(),
                scheduler.idleMaxDelay());
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
        Lane lane = syncLane;
        boolean queued = lane != null
                && lane.execute(() -> {
                    if (!periodicPass()) {
                        syncQueued.set(false); // a pass that was running took its place
                    }
                });
        if (!queued) {
            syncQueued.set(false);
            return PassRequest.NOT_RUNNING;
        }
        return PassRequest.STARTED;
    }

    /** A submission was stored: send it now instead of at the next tick. */
    public void nudgeDispatch() {
        if (started.get() && !stopRequested) {
            work.nudgeDispatch();
        }
    }

    /** A webhook event was stored: process it now. */
    public void nudgeWebhooks() {
        if (started.get() && !stopRequested) {
            work.nudgeWebhooks();
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
        synchronized (this) { // after a concurrent start has made its lanes
            if (!started.get()) {
                leadership.close();
                return;
            }
        }
        repeating.forEach(Repeating::cancel);
        work.cancel();
        scheduler.pauses().unwatch(pause);
        try {
            if (!syncLane.close(Duration.ofSeconds(30))) {
                LOG.warn("the sync pass did not stop within 30 s");
            }
            work.stop();
        } finally {
            leadership.close();
        }
    }

    private Repeating loop(Lane lane, Duration initial, java.util.function.Supplier<Duration> task) {
        Repeating loop = scheduler.repeat(lane, task).start(initial);
        repeating.add(loop);
        return loop;
    }

    /** Threads of the {@code default} integration keep their plain names; others' carry the integration's id. */
    static String threadSuffix(FieldsyncSettings settings) {
        String id = settings.integration().value();
        return id.equals("default") ? "" : "-" + id;
    }
}
