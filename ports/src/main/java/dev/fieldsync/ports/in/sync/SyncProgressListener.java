package dev.fieldsync.ports.in.sync;

/** Hears about each page of a pass, and may ask the pass to stop at the next page boundary. */
public interface SyncProgressListener {

    SyncProgressListener NONE = progress -> {};

    void onPage(SyncProgress progress);

    /** Checked between pages: true stops the pass there, with everything applied so far committed. */
    default boolean stopRequested() {
        return false;
    }
}
