package dev.fieldsync.app.scheduling;

/** Embedded H2 serves one process, so that process always leads. */
public final class SingleInstanceLeadership implements SyncLeadership {
    private volatile boolean closed;

    @Override
    public boolean tryLead() {
        return !closed;
    }

    @Override
    public boolean isLeader() {
        return !closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}
