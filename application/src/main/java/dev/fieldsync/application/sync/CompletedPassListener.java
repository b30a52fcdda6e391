package dev.fieldsync.application.sync;

import dev.fieldsync.domain.sync.SyncWindow;

/** Told, after the checkpoint moved, that a pass over {@code window} completed (e.g. to reconcile creates). */
@FunctionalInterface
public interface CompletedPassListener {

    void passCompleted(SyncWindow window);
}
