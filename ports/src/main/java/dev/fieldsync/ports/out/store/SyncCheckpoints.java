package dev.fieldsync.ports.out.store;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.sync.SweepState;
import dev.fieldsync.domain.sync.SyncCheckpoint;
import java.util.Optional;

/** Where each integration's sync stands (pages also save it, atomically, through {@link Jobs#applyPage}). */
public interface SyncCheckpoints {

    Optional<SyncCheckpoint> load(IntegrationId integration);

    void save(SyncCheckpoint checkpoint);

    /** Where the integration's verification sweep stands (its own row; pages save it through {@link Jobs#applySweepPage}). */
    Optional<SweepState> loadSweep(IntegrationId integration);

    void saveSweep(SweepState state);
}
