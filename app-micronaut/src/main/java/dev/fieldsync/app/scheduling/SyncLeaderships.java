package dev.fieldsync.app.scheduling;

import dev.fieldsync.domain.id.IntegrationId;

/**
 * Where each integration's {@link SyncLeadership} comes from: the one place that decides how instances agree on who
 * runs an integration's sync (and sweep).
 */
public interface SyncLeaderships {

    /** The leadership of this integration's sync on this instance (a new one per call: the caller closes it). */
    SyncLeadership of(IntegrationId integration);
}
