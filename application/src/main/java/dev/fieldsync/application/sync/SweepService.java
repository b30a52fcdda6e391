package dev.fieldsync.application.sync;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.problem.ProblemCode;
import dev.fieldsync.domain.sync.GoneReview;
import dev.fieldsync.domain.sync.SweepProgress;
import dev.fieldsync.domain.sync.SweepSettings;
import dev.fieldsync.domain.sync.SweepState;
import dev.fieldsync.domain.sync.SyncPolicy;
import dev.fieldsync.ports.in.sync.SweepJobs;
import dev.fieldsync.ports.in.sync.SweepOutcome;
import dev.fieldsync.ports.in.sync.SweepStatus;
import dev.fieldsync.ports.in.sync.SyncProgressListener;
import dev.fieldsync.ports.out.budget.Priority;
import dev.fieldsync.ports.out.budget.RateBudget;
import dev.fieldsync.ports.out.events.JobChangeListener;
import dev.fieldsync.ports.out.gateway.Gateway;
import dev.fieldsync.ports.out.gateway.GatewayException;
import dev.fieldsync.ports.out.gateway.GatewayProblemException;
import dev.fieldsync.ports.out.gateway.JobPage;
import dev.fieldsync.ports.out.gateway.JobQuery;
import dev.fieldsync.ports.out.store.Jobs;
import dev.fieldsync.ports.out.store.PageApplied;
import dev.fieldsync.ports.out.store.SyncCheckpoints;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The verification sweep (docs/architecture.md, "The verification sweep"): {@code state=all} with no window, on
 * {@link Priority#SWEEP}, each page applied with the sweep's checkpoint in one transaction
 * ({@link Jobs#applySweepPage}, which also records that this sweep saw its jobs), so a crash resumes at the
 * stored cursor and still knows what the earlier pages saw. Only a complete sweep marks unseen jobs gone, and only
 * while that is at most the guard's share of the mirror; beyond it, it raises a durable review instead. Changed
 * jobs it finds are what the incremental passes missed: applied, flagged repaired, counted, warned about, and
 * (adaptive overlap) they widen the overlap the next passes use, durably.
 */
public final class SweepService implements SweepJobs {
    private static final System.Logger LOG = System.getLogger(SweepService.class.getName());
    private static final int MAX_RESTARTS = 2;

    private final IntegrationId integration;
    private final Gateway gateway;
    private final RateBudget budget;
    private final Jobs jobs;
    private final SyncCheckpoints checkpoints;
    private final SyncPolicy policy;
    private final SweepSettings settings;
    private final Clock clock;
    private final List<JobChangeListener> changeListeners;
    private final SweepCompletion completion;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Optional<String> lastError = Optional.empty();

    public SweepService(
            IntegrationId integration,
            Gateway gateway,
            RateBudget budget,
            Jobs jobs,
            SyncCheckpoints checkpoints,
            SyncPolicy policy,
            SweepSettings settings,
            Clock clock,
            List<JobChangeListener> changeListeners) {
        this.integration = Objects.requireNonNull(integration, "integration");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.changeListeners = List.copyOf(changeListeners);
        this.completion = new SweepCompletion(integration, jobs, checkpoints, policy, settings, clock);
    }

    @Override
    public SweepOutcome runSweep(SyncProgressListener listener) {
        Objects.requireNonNull(listener, "listener");
        lock.lock(); // one sweep at a time per core
        try {
            return runLocked(listener);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isDue() {
        SweepState state = load();
        if (state.inProgress().isPresent()) {
            return true;
        }
        if (checkpoints.load(integration).flatMap(c -> c.lastCompletedTo()).isEmpty()) {
            return false; // not before the first pass has filled the mirror: a sweep would only list it again
        }
        return state.lastCompleted()
                .map(last -> !clock.instant().isBefore(last.startedAt().plus(settings.interval())))
                .orElse(true);
    }

    @Override
    public SweepStatus status() {
        SweepState state = load();
        long mirrored = jobs.count(integration);
        long pagesTotal = (mirrored + JobQuery.MAX_PAGE_SIZE - 1) / JobQuery.MAX_PAGE_SIZE + 1;
        long remaining = state.inProgress()
                .map(p -> p.pagesFinished() ? 0 : Math.max(1, pagesTotal - p.pagesDone()))
                .orElse(pagesTotal);
        Optional<Instant> nextDue = state.inProgress().isPresent()
                ? Optional.empty()
                : Optional.of(state.lastCompleted()
                        .map(last -> last.startedAt().plus(settings.interval()))
                        .orElse(clock.instant()));
        Duration overlap = state.applyTo(policy).overlap();
        return new SweepStatus(
                settings.enabled(),
                nextDue,
                state.inProgress(),
                state.lastCompleted(),
                remaining,
                budget.status().timeFor(Priority.SWEEP, remaining),
                state.review(),
                overlap,
                overlap.compareTo(policy.overlap()) > 0,
                state.missedByIncremental(),
                jobs.countGone(integration),
                lastError);
    }

    @Override
    public Optional<Long> acceptReview() {
        lock.lock();
        try {
            SweepState state = load();
            if (state.review().isEmpty()) {
                return Optional.empty();
            }
            GoneReview review = state.review().get();
            long marked = jobs.markGone(integration, review.sweep(), review.sweepStartedAt(), clock.instant());
            checkpoints.saveSweep(state.withoutReview());
            LOG.log(
                    Level.WARNING,
                    "sweep {0}: review of sweep {1} accepted: {2} jobs marked gone",
                    integration,
                    review.sweep(),
                    marked);
            return Optional.of(marked);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean dismissReview() {
        lock.lock();
        try {
            SweepState state = load();
            if (state.review().isEmpty()) {
                return false;
            }
            checkpoints.saveSweep(state.withoutReview());
            LOG.log(
                    Level.INFO,
                    "sweep {0}: review of sweep {1} dismissed, nothing marked gone",
                    integration,
                    state.review().get().sweep());
            return true;
        } finally {
            lock.unlock();
        }
    }

    private SweepState load() {
        return checkpoints.loadSweep(integration).orElse(SweepState.initial(integration));
    }

    private SweepOutcome runLocked(SyncProgressListener listener) {
        SweepState state = load();
        if (state.inProgress().isEmpty()) {
            state = state.start(clock.instant());
            checkpoints.saveSweep(state);
            LOG.log(Level.INFO, "sweep {0}: sweep {1} started", integration, state.lastSweep());
        }
        long sweep = state.progress().sweep();
        PassCounts counts = new PassCounts();
        JobQuery query = JobQuery.everything();
        PagingGuard guard = new PagingGuard(jobs.count(integration), query.pageSize());
        int restarts = 0;
        try {
            while (!state.progress().pagesFinished()) {
                SweepProgress progress = state.progress();
                JobPage page;
                try {
                    page = gateway.listJobs(query, progress.nextCursor(), Priority.SWEEP);
                } catch (GatewayProblemException problem) {
                    if (problem.problem().code() != ProblemCode.INVALID_QUERY
                            || progress.nextCursor().isEmpty()
                            || restarts >= MAX_RESTARTS) {
                        throw problem;
                    }
                    restarts++;
                    LOG.log(
                            Level.WARNING,
                            "sweep {0}: the gateway rejected the cursor after page {1}; sweep {2} "
                                    + "starts again from its first page (what it saw stays recorded)",
                            integration,
                            progress.pagesDone(),
                            sweep);
                    state = state.restart();
                    checkpoints.saveSweep(state);
                    guard = new PagingGuard(jobs.count(integration), query.pageSize());
                    continue;
                }
                guard.check(progress.nextCursor(), page, progress.pagesDone());
                SweepState next = state.afterPage(page.nextCursor(), page.jobs().size());
                PageApplied applied = jobs.applySweepPage(integration, page.jobs(), next, clock.instant());
                guard.applied(applied.newCount());
                state = next.repairedOnPage(applied.changedCount());
                counts.add(page.jobs().size(), applied);
                deliver(applied);
                if (page.isLast()) {
                    break;
                }
                if (listener.stopRequested()) {
                    lastError = Optional.empty();
                    return outcome(sweep, counts, false, 0, false, Optional.empty());
                }
            }
        } catch (GatewayException failure) {
            LOG.log(
                    Level.WARNING,
                    "sweep {0}: sweep {1} stopped after {2} pages of this run (it resumes there; "
                            + "nothing is marked gone until it completes): {3}",
                    integration,
                    sweep,
                    counts.pages,
                    failure.describe());
            lastError = Optional.of(failure.describe());
            return outcome(sweep, counts, false, 0, false, lastError);
        } catch (RuntimeException failure) {
            lastError = Optional.of(String.valueOf(failure));
            throw failure;
        }
        SweepCompletion.Result done = completion.complete(state);
        lastError = Optional.empty();
        return outcome(sweep, counts, true, done.marked(), done.reviewRaised(), Optional.empty());
    }

    private void deliver(PageApplied applied) {
        PageListeners.deliver(integration, changeListeners, applied, "sweep");
    }

    private static SweepOutcome outcome(
            long sweep, PassCounts counts, boolean completed, long gone, boolean review, Optional<String> error) {
        return new SweepOutcome(
                sweep, counts.pages, counts.jobs, counts.changedJobs, counts.newJobs, completed, gone, review, error);
    }
}
