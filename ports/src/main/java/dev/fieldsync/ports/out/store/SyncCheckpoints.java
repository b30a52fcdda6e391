package dev.fieldsync.ports.out.store;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.sync.SyncCheckpoint;
import java.util.Optional;

/** Where each integration's sync stands (pages also save it, atomically, through {@link Jobs#applyPage}). */
public interface SyncCheckpoints {

    Optional<SyncCheckpoint> load(IntegrationId integration);

    void save(SyncCheckpoint checkpoint);
}
