package dev.fieldsync.adapters.memory;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.sync.SweepState;
import dev.fieldsync.domain.sync.SyncCheckpoint;
import dev.fieldsync.ports.out.store.SyncCheckpoints;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sync checkpoints in memory. Shares its lock with the {@link InMemoryJobs} built on it, so a page's jobs
 * and its checkpoint become visible together.
 */
public final class InMemorySyncCheckpoints implements SyncCheckpoints {
    private final Object lock = new Object();
    private final Map<IntegrationId, SyncCheckpoint> checkpoints = new HashMap<>();
    private final Map<IntegrationId, SweepState> sweeps = new HashMap<>();
    private long saves;

    @Override
    public Optional<SyncCheckpoint> load(IntegrationId integration) {
        Objects.requireNonNull(integration, "integration");
        synchronized (lock) {
            return Optional.ofNullable(checkpoints.get(integration));
        }
    }

    @Override
    public void save(SyncCheckpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        synchronized (lock) {
            checkpoints.put(checkpoint.integration(), checkpoint);
            saves++;
        }
    }

    @Override
    public Optional<SweepState> loadSweep(IntegrationId integration) {
        Objects.requireNonNull(integration, "integration");
        synchronized (lock) {
            return Optional.ofNullable(sweeps.get(integration));
        }
    }

    @Override
    public void saveSweep(SweepState state) {
        Objects.requireNonNull(state, "state");
        synchronized (lock) {
            sweeps.put(state.integration(), state);
        }
    }

    /** How many times a checkpoint was saved (directly or by a page). */
    public long saves() {
        synchronized (lock) {
            return saves;
        }
    }

    /** The lock that {@link InMemoryJobs} holds while it applies a page. */
    Object lock() {
        return lock;
    }
}
