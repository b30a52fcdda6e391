package dev.fieldsync.app.scheduling;

/** Decides which instance runs the periodic sync: exactly one at a time across instances. */
public interface SyncLeadership extends AutoCloseable {

    /** Takes or keeps the leadership; true while this instance leads. Cheap to call before every pass. */
    boolean tryLead();

    /** Whether this instance led at the last check. */
    boolean isLeader();

    /**
     * Gives the leadership up for now (it can be taken again by {@link #tryLead}): a change consumer's deliverer
     * releases its lock while it waits, so an idle consumer pins no database connection. Nothing to do by default.
     */
    default void release() {}

    /** Gives the leadership up (shutdown). */
    @Override
    void close();
}
