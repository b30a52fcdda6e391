package dev.fieldsync.ports.in.sync;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Sync is busy but the mirror does not move: what is wrong, since when, where the checkpoint stands and the last
 * error, and a message that says all of it in one sentence for readiness and the log.
 *
 * @param reason    which rule fired
 * @param since     when the checkpoint last moved (or the watch started, if it never did)
 * @param where     the checkpoint's position, e.g. {@code page 4 of the pass over [from, to)}
 * @param lastError the error the last pass ended with, if it failed
 * @param message   the whole finding and what to look at
 */
public record SyncStall(Reason reason, Instant since, String where, Optional<String> lastError, String message) {

    public SyncStall {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(message, "message");
    }

    /** The two ways a sync stalls. */
    public enum Reason {
        /** No pass completed and the checkpoint did not move for the configured number of sync intervals. */
        NO_PROGRESS,
        /** The last passes (the configured number) all ended early at the same checkpoint. */
        SAME_CHECKPOINT
    }
}
