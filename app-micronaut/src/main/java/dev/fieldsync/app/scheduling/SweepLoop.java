package dev.fieldsync.app.scheduling;

import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.ports.in.sync.SweepJobs;
import dev.fieldsync.ports.in.sync.SweepOutcome;
import dev.fieldsync.ports.in.sync.SyncProgress;
import dev.fieldsync.ports.in.sync.SyncProgressListener;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verification sweep in the service: on the instance that leads sync only (the same {@link SyncLeadership}), on
 * its own lane of the shared {@link LoopScheduler}'s pass pool (not the sync lane), so the sweep's hours of
 * lowest-priority pages never hold up a sync pass. While
 * {@code fieldsync.sweep.enabled}, it checks every minute whether a sweep is due (one in progress, or the last
 * older than {@code fieldsync.sweep.interval}); {@link #sweepNow} starts one at once. None while an operator has the
 * integration paused (a running one stops at its next page boundary). On shutdown a running sweep
 * stops at its next page boundary, everything before it committed, and resumes there after the restart.
 */
@Singleton
public class SweepLoop implements ApplicationEventListener<ServerStartupEvent>, SyncProgressListener {
    private static final Logger LOG = LoggerFactory.getLogger(SweepLoop.class);
    static final Duration CHECK_EVERY = Duration.ofMinutes(1);

    /** What "sweep now" did. */
    public enum SweepRequest {
        STARTED,
        ALREADY_RUNNING,
        NOT_LEADER,
        NOT_RUNNING,
        /** An operator paused the integration ({@link IntegrationPause}). */
        PAUSED
    }

    private final FieldsyncSettings settings;
    private final SweepJobs sweeps;
    private final SyncLeadership leadership;
    private final IntegrationPause pause;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile boolean stopRequested;
    private final LoopScheduler scheduler;
    private volatile Lane lane;
    private Repeating check;

    public SweepLoop(
            FieldsyncSettings settings,
            SweepJobs sweeps,
            SyncLeadership leadership,
            IntegrationPause pause,
            LoopScheduler scheduler) {
        this.settings = settings;
        this.sweeps = sweeps;
        this.leadership = leadership;
        this.pause = pause;
        this.scheduler = scheduler;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        start();
    }

    /** Starts the loop once; later calls do nothing. */
    public synchronized void start() {
        if (stopRequested || !started.compareAndSet(false, true)) {
            return;
        }
        lane = scheduler.passLane("fieldsync-sweep" + ServiceLoops.threadSuffix(settings), settings.integration());
        if (settings.sweep().enabled()) {
            check = scheduler
                    .repeat(lane, () -> {
                        sweepIfDue();
                        return CHECK_EVERY;
                    })
                    .start(CHECK_EVERY);
        }
        LOG.info(
                "sweep loop started: scheduled sweeps {} every {}",
                settings.sweep().enabled() ? "on" : "off",
                settings.sweep().interval());
    }

    /** Starts a sweep now (or resumes the one in progress) on this instance, if it leads sync. */
    public SweepRequest sweepNow() {
        if (!started.get() || stopRequested) {
            return SweepRequest.NOT_RUNNING;
        }
        if (running.get()) {
            return SweepRequest.ALREADY_RUNNING;
        }
        if (pause.isPaused()) {
            return SweepRequest.PAUSED;
        }
        if (!leadership.tryLead()) {
            return SweepRequest.NOT_LEADER;
        }
        Lane now = lane;
        if (now == null || !now.execute(this::sweep)) {
            return SweepRequest.NOT_RUNNING;
        }
        return SweepRequest.STARTED;
    }

    public boolean isRunning() {
        return running.get();
    }

    public boolean isLeader() {
        return leadership.isLeader();
    }

    @Override
    public void onPage(SyncProgress progress) {}

    @Override
    public boolean stopRequested() {
        // A pause stops a running sweep at its next page boundary, and so does a lease about to expire.
        return stopRequested || pause.isPaused() || !leadership.isLeader();
    }

    private void sweepIfDue() {
        try {
            if (!stopRequested && !pause.isPaused() && leadership.tryLead() && sweeps.isDue()) {
                sweep();
            }
        } catch (RuntimeException failure) {
            LOG.warn("sweep check failed: {}", failure.getMessage());
        }
    }

    private void sweep() {
        if (stopRequested || !running.compareAndSet(false, true)) {
            return;
        }
        try {
            SweepOutcome outcome = sweeps.runSweep(this);
            LOG.info(
                    "sweep {} {}: {} pages, {} jobs ({} repaired, {} new), {} marked gone{}",
                    outcome.sweep(),
                    outcome.completed() ? "completed" : "stopped early",
                    outcome.pages(),
                    outcome.jobs(),
                    outcome.repaired(),
                    outcome.newJobs(),
                    outcome.markedGone(),
                    outcome.reviewRaised() ? ", gone review raised" : "");
        } catch (RuntimeException failure) {
            LOG.warn("sweep failed: {}", failure.getMessage());
        } finally {
            running.set(false);
        }
    }

    /** The context is closing: stop before the gateway client is closed (see {@code ServiceLoops}). */
    @EventListener
    void onShutdown(ShutdownEvent event) {
        stop();
    }

    /** Asks a running sweep to stop at its next page boundary and waits for it (once). */
    @PreDestroy
    public void stop() {
        stopRequested = true;
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        synchronized (this) { // after a concurrent start has made its lane
            if (!started.get()) {
                return;
            }
            if (check != null) {
                check.cancel();
            }
        }
        if (!lane.close(Duration.ofSeconds(30))) {
            LOG.warn("the sweep did not stop within 30 s");
        }
    }
}
