package dev.fieldsync.ports.in.sync;

import java.util.Optional;

/** Tells a sync that keeps running from one that moves; spends no budget. */
public interface SyncStalls {

    /** The stall sync is in now, if it is in one. */
    Optional<SyncStall> stall();
}
