package dev.fieldsync.domain.sync;

/** What asking for a sync pass now did. */
public enum PassRequest {
    STARTED,
    ALREADY_RUNNING,
    ALREADY_QUEUED,
    /** A pass started within the requested-pass interval, which answers for this request. */
    RECENT_PASS,
    /** Another instance leads the integration's sync. */
    NOT_LEADER,
    /** The integration is paused (or disabled): no pass runs until it is resumed. */
    PAUSED,
    /** This process runs no core for the integration. */
    NOT_SERVED,
    /** The service's loops are not running (stopping, or a one-shot command). */
    NOT_RUNNING
}
