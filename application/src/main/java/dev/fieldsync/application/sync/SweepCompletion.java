package dev.fieldsync.application.sync;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.sync.GoneReview;
import dev.fieldsync.domain.sync.SweepProgress;
import dev.fieldsync.domain.sync.SweepSettings;
import dev.fieldsync.domain.sync.SweepState;
import dev.fieldsync.domain.sync.SyncPolicy;
import dev.fieldsync.ports.out.store.Jobs;
import dev.fieldsync.ports.out.store.SyncCheckpoints;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a sweep does once its last page is applied: counts the jobs it did not see, marks them gone unless that
 * trips the guard (then raises a review and marks nothing), warns once about the missed updates it repaired and
 * widens the overlap (adaptive overlap), and saves all that as the completed state. Run again after a crash
 * before the save, it marks nothing twice (gone jobs are no candidates).
 */
final class SweepCompletion {
    private static final System.Logger LOG = System.getLogger(SweepService.class.getName());

    private final IntegrationId integration;
    private final Jobs jobs;
    private final SyncCheckpoints checkpoints;
    private final SyncPolicy policy;
    private final SweepSettings settings;
    private final Clock clock;

    SweepCompletion(
            IntegrationId integration,
            Jobs jobs,
            SyncCheckpoints checkpoints,
            SyncPolicy policy,
            SweepSettings settings,
            Clock clock) {
        this.integration = integration;
        this.jobs = jobs;
        this.checkpoints = checkpoints;
        this.policy = policy;
        this.settings = settings;
        this.clock = clock;
    }

    /** How many jobs the sweep marked gone, and whether it raised a review instead. */
    record Result(long marked, boolean reviewRaised) {}

    /** Marks gone or raises the review, widens the overlap, saves the completed state. */
    Result complete(SweepState state) {
        SweepProgress progress = state.progress();
        long sweep = progress.sweep();
        Instant now = clock.instant();
        long candidates = jobs.countUnswept(integration, sweep, progress.startedAt());
        long mirrored = jobs.count(integration) - jobs.countGone(integration);
        Optional<GoneReview> review = Optional.empty();
        long marked = 0;
        if (settings.guardTrips(candidates, mirrored)) {
            review = Optional.of(new GoneReview(sweep, progress.startedAt(), candidates, mirrored, now));
            LOG.log(
                    Level.WARNING,
                    "sweep {0}: sweep {1} did not see {2} of {3} mirrored jobs, more than "
                            + "fieldsync.sweep.gone-guard-share ({4}) allows: nothing marked gone. Check the key''s scope, then "
                            + "POST /api/sweep/review/accept to mark them gone or /api/sweep/review/dismiss",
                    integration,
                    sweep,
                    candidates,
                    mirrored,
                    settings.goneGuardShare());
        } else if (candidates > 0) {
            marked = jobs.markGone(integration, sweep, progress.startedAt(), now);
        }
        SweepState done = state.complete(now, marked, review);
        if (progress.repaired() > 0) {
            done = widen(done, progress.repaired());
        }
        checkpoints.saveSweep(done);
        LOG.log(
                Level.INFO,
                "sweep {0}: sweep {1} completed: {2} jobs seen, {3} repaired, {4} marked gone{5}",
                integration,
                sweep,
                progress.jobsSeen(),
                progress.repaired(),
                marked,
                review.isPresent() ? ", review raised" : "");
        return new Result(marked, review.isPresent());
    }

    /** The one warning about missed updates, and the adaptive overlap. */
    private SweepState widen(SweepState done, long repaired) {
        Duration current = done.applyTo(policy).overlap();
        Duration widened = settings.adaptiveOverlap() ? settings.widened(current) : current;
        String what = widened.compareTo(current) > 0
                ? "the incremental overlap is widened from " + current + " to " + widened
                        + " (fieldsync.sweep.adaptive-overlap, at most fieldsync.sweep.overlap-cap)"
                : "the overlap stays " + current;
        LOG.log(
                Level.WARNING,
                "sweep {0}: {1} jobs differed from the mirror although no incremental pass delivered "
                        + "the change (missed_by_incremental); {2}. Turn on fieldsync.sync.gateway-clock or widen "
                        + "fieldsync.sync.overlap.",
                integration,
                repaired,
                what);
        return widened.compareTo(current) > 0 ? done.withWidenedOverlap(widened) : done;
    }
}
