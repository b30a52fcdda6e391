package dev.fieldsync.app.scheduling;

import dev.fieldsync.domain.sync.PassRequest;
import dev.fieldsync.ports.in.sync.SyncProgress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One integration's {@link IntegrationWork}: its sync, dispatch and webhook loops and its sweep loop. */
public record IntegrationLoops(ServiceLoops loops, SweepLoop sweep) implements IntegrationWork {

    public IntegrationLoops {
        Objects.requireNonNull(loops, "loops");
        Objects.requireNonNull(sweep, "sweep");
    }

    @Override
    public PassRequest syncNow() {
        return loops.syncNow();
    }

    @Override
    public void nudgeDispatch() {
        loops.nudgeDispatch();
    }

    @Override
    public void nudgeWebhooks() {
        loops.nudgeWebhooks();
    }

    @Override
    public boolean isLeader() {
        return loops.isLeader();
    }

    @Override
    public boolean isSyncRunning() {
        return loops.isSyncRunning();
    }

    @Override
    public Optional<SyncProgress> lastProgress() {
        return loops.lastProgress();
    }

    @Override
    public Optional<Instant> lastPassStartedAt() {
        return loops.lastPassStartedAt();
    }

    @Override
    public SweepLoop.SweepRequest sweepNow() {
        return sweep.sweepNow();
    }

    @Override
    public boolean isSweepRunning() {
        return sweep.isRunning();
    }
}
