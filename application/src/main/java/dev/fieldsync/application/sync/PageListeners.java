package dev.fieldsync.application.sync;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.ports.out.events.JobChangeListener;
import dev.fieldsync.ports.out.store.PageApplied;
import java.lang.System.Logger.Level;
import java.util.List;

/** Tells the job-change listeners about a committed page's new and changed jobs (sync passes and sweeps alike). */
final class PageListeners {
    private static final System.Logger LOG = System.getLogger(PageListeners.class.getName());

    private PageListeners() {}

    /** {@code who} names the caller in the log line of a failing listener ("sync", "sweep"). */
    static void deliver(IntegrationId integration, List<JobChangeListener> listeners, PageApplied applied, String who) {
        if (applied.changes().isEmpty()) {
            return;
        }
        for (JobChangeListener listener : listeners) {
            try {
                listener.onChanges(integration, applied.changes());
            } catch (RuntimeException failure) {
                // The page is committed; a listener's failure must not undo or repeat it.
                LOG.log(Level.ERROR, who + " " + integration + ": a job-change listener failed", failure);
            }
        }
    }
}
