package dev.fieldsync.domain.integration;

/** Whether an integration's background work runs. */
public enum IntegrationState {
    /** Syncing and dispatching. */
    RUNNING,
    /** Paused by an operator: no sync pass, no dispatch, until resumed. */
    PAUSED,
    /** Switched off where it is declared (its {@code enabled} member). */
    DISABLED
}
