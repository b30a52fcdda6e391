package dev.fieldsync.app.scheduling;

import dev.fieldsync.domain.id.IntegrationId;
import java.util.Optional;

/**
 * Where each integration's {@link SyncLeadership} comes from: the one place that decides how instances agree on who
 * runs an integration's sync (and sweep).
 */
public interface SyncLeaderships {

    /** The leadership of this integration's sync on this instance (a new one per call: the caller closes it). */
    SyncLeadership of(IntegrationId integration);

    /**
     * Whether instances share their leadership through the database (PostgreSQL leases), so that {@link #leader}
     * answers for every instance; false on H2, where the one process leads what it runs.
     */
    boolean shared();

    /**
     * The instance that leads the integration's sync as the database says (the holder of its unexpired lease), seen
     * the same from any instance or CLI; empty when nobody does or when {@link #shared} is false.
     */
    Optional<String> leader(IntegrationId integration);
}
