package dev.fieldsync.domain.sync;

import dev.fieldsync.domain.id.IntegrationId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an integration's sync stands: the watermark (the {@code to} of the last completed pass) and, while
 * a pass runs, its progress, so a restart resumes mid-pass at the stored cursor.
 */
public record SyncCheckpoint(
        IntegrationId integration, Optional<Instant> lastCompletedTo, Optional<PassProgress> inProgress) {
    public SyncCheckpoint {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(lastCompletedTo, "lastCompletedTo");
        Objects.requireNonNull(inProgress, "inProgress");
    }

    public static SyncCheckpoint initial(IntegrationId integration) {
        return new SyncCheckpoint(integration, Optional.empty(), Optional.empty());
    }

    public SyncCheckpoint startPass(SyncWindow window, Instant startedAt) {
        return new SyncCheckpoint(integration, lastCompletedTo, Optional.of(PassProgress.started(window, startedAt)));
    }

    /** After a page is applied; {@code cursor} empty means the page was the last one. */
    public SyncCheckpoint afterPage(Optional<String> cursor, int jobsOnPage) {
        PassProgress progress = inProgress.orElseThrow(() -> new IllegalStateException("no pass in progress"));
        return new SyncCheckpoint(integration, lastCompletedTo, Optional.of(progress.afterPage(cursor, jobsOnPage)));
    }

    /** The pass is done: its {@code to} becomes the watermark. */
    public SyncCheckpoint completePass() {
        PassProgress progress = inProgress.orElseThrow(() -> new IllegalStateException("no pass in progress"));
        return new SyncCheckpoint(integration, Optional.of(progress.window().to()), Optional.empty());
    }

    /** The gateway refused the stored cursor: start the same window again from its first page. */
    public SyncCheckpoint restartPass(Instant now) {
        PassProgress progress = inProgress.orElseThrow(() -> new IllegalStateException("no pass in progress"));
        return startPass(progress.window(), now);
    }

    /**
     * While the integration's very first pass is under way and its window ended less than {@code margin} before
     * {@code now}: a create sent now could not be told apart from the jobs that pass lists, since they all reach
     * the mirror after it (see docs/architecture.md, "Writing safely"). False once any pass has completed.
     */
    public boolean firstPassIsYoung(Instant now, java.time.Duration margin) {
        return lastCompletedTo.isEmpty()
                && inProgress
                        .map(pass -> now.isBefore(pass.window().to().plus(margin)))
                        .orElse(false);
    }

    /** Refuses a checkpoint of another integration than the page it is saved with. */
    public void requireIntegration(IntegrationId pageIntegration) {
        if (!integration.equals(pageIntegration)) {
            throw new IllegalArgumentException("the checkpoint belongs to integration " + integration
                    + " but the page to " + pageIntegration + "; pass the checkpoint of the same integration");
        }
    }
}
