package dev.fieldsync.application.sync;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.problem.ProblemCode;
import dev.fieldsync.domain.sync.PassProgress;
import dev.fieldsync.domain.sync.SweepState;
import dev.fieldsync.domain.sync.SyncCheckpoint;
import dev.fieldsync.domain.sync.SyncPolicy;
import dev.fieldsync.domain.sync.SyncWindow;
import dev.fieldsync.ports.in.sync.SyncJobs;
import dev.fieldsync.ports.in.sync.SyncOutcome;
import dev.fieldsync.ports.in.sync.SyncProgressListener;
import dev.fieldsync.ports.in.sync.SyncStatus;
import dev.fieldsync.ports.out.budget.RateBudget;
import dev.fieldsync.ports.out.events.JobChangeListener;
import dev.fieldsync.ports.out.gateway.Gateway;
import dev.fieldsync.ports.out.gateway.GatewayClock;
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
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sync passes over {@code [from, to)} windows of {@code updated_at} (ARCHITECTURE.md §4), built on the gateway's
 * clock ({@code SyncClock}). Each page is
 * applied together with the checkpoint that points past it, so a crash loses nothing and the next pass
 * resumes at the stored cursor; change events go to the listeners only after the page committed; a
 * cursor the gateway rejects restarts the pass from its {@code from}.
 *
 * <p>Failures: a {@link GatewayException} ends the pass early and is returned as a not-completed
 * outcome (the error is in {@link #status()}); the checkpoint stays, so the next call resumes. Anything
 * else (a store failure, a bug) is recorded the same way and rethrown.
 *
 * <p>Remaining time: {@code RemainingPages} turned into time with {@code BudgetStatus.backgroundTimeFor}. Pages
 * that loop (a cursor handed back, a page again) stop the pass with an error ({@code PagingGuard}).
 *
 * <p>Pipelined: once a page passed the paging checks, the next one is fetched ({@code PageFetcher}, on another thread)
 * while this one is applied. Pages still commit one at a time in page order, each with its checkpoint; the page
 * ahead is only applied after the one before it committed, and is dropped when that apply fails, a stop is
 * requested, or the pass ends otherwise (a stop or a failed apply can thus cost the one request already sent).
 */
public final class JobSyncService implements SyncJobs {
    private static final System.Logger LOG = System.getLogger(JobSyncService.class.getName());
    /** A cursor rejected again right after a restart is not a stale cursor: give up for this call. */
    private static final int MAX_RESTARTS = 2;

    private final IntegrationId integration;
    private final Gateway gateway;
    private final RateBudget budget;
    private final Jobs jobs;
    private final SyncCheckpoints checkpoints;
    private final SyncPolicy policy;
    private final Clock clock;
    private final SyncClock windowClock;
    private final List<JobChangeListener> changeListeners;
    private final List<CompletedPassListener> passListeners;
    private final Executor prefetch;
    private final ReentrantLock passLock = new ReentrantLock();
    private final AtomicBoolean catchUpRequested = new AtomicBoolean();

    private volatile Optional<SyncOutcome> lastOutcome = Optional.empty();
    private volatile Optional<SyncOutcome> lastCompletedOutcome = Optional.empty();
    private volatile Optional<String> lastError = Optional.empty();

    public JobSyncService(
            IntegrationId integration,
            Gateway gateway,
            RateBudget budget,
            Jobs jobs,
            SyncCheckpoints checkpoints,
            SyncPolicy policy,
            Clock clock,
            GatewayClock gatewayClock,
            List<JobChangeListener> changeListeners,
            List<CompletedPassListener> passListeners) {
        this(
                integration,
                gateway,
                budget,
                jobs,
                checkpoints,
                policy,
                clock,
                gatewayClock,
                changeListeners,
                passListeners,
                threadPerPage(integration));
    }

    /** The default prefetch executor: a new daemon thread per page ahead, named after the integration. */
    public static Executor threadPerPage(IntegrationId integration) {
        return PageFetcher.threadPerPage(integration);
    }

    /**
     * As the other constructor, with the executor that fetches the page ahead while a page is applied ({@code
     * Runnable::run} fetches it on the pass's thread before the apply: no overlap, for single-threaded tests).
     */
    public JobSyncService(
            IntegrationId integration,
            Gateway gateway,
            RateBudget budget,
            Jobs jobs,
            SyncCheckpoints checkpoints,
            SyncPolicy policy,
            Clock clock,
            GatewayClock gatewayClock,
            List<JobChangeListener> changeListeners,
            List<CompletedPassListener> passListeners,
            Executor prefetch) {
        this.integration = Objects.requireNonNull(integration, "integration");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.windowClock = new SyncClock(integration, clock, Objects.requireNonNull(gatewayClock, "gc"), policy);
        this.changeListeners = List.copyOf(changeListeners);
        this.passListeners = List.copyOf(passListeners);
        this.prefetch = Objects.requireNonNull(prefetch, "prefetch");
    }

    @Override
    public SyncOutcome runPass(SyncProgressListener listener) {
        Objects.requireNonNull(listener, "listener");
        passLock.lock(); // one pass at a time per core; a second caller waits and then runs the next one
        try {
            return runPassLocked(listener);
        } finally {
            passLock.unlock();
        }
    }

    @Override
    public void requestCatchUp() {
        catchUpRequested.set(true);
    }

    @Override
    public Optional<SyncOutcome> runCatchUpIfRequested(SyncProgressListener listener) {
        if (!catchUpRequested.get()) {
            return Optional.empty();
        }
        return Optional.of(runPass(listener));
    }

    @Override
    public SyncStatus status() {
        SyncCheckpoint checkpoint = checkpoints.load(integration).orElse(SyncCheckpoint.initial(integration));
        Instant now = windowClock.now();
        Optional<Duration> lag =
                checkpoint.lastCompletedTo().map(to -> now.isAfter(to) ? Duration.between(to, now) : Duration.ZERO);
        Optional<SweepState> sweep = checkpoints.loadSweep(integration);
        return new SyncStatus(
                checkpoint.lastCompletedTo(),
                checkpoint.inProgress(),
                lag,
                jobs.count(integration),
                lastOutcome,
                lastError,
                catchUpRequested.get(),
                windowClock.status(),
                sweep.map(SweepState::missedByIncremental).orElse(0L),
                sweep.flatMap(SweepState::widenedOverlap),
                sweep.flatMap(SweepState::review).isPresent());
    }

    private SyncOutcome runPassLocked(SyncProgressListener listener) {
        Instant started = clock.instant();
        SyncCheckpoint checkpoint = checkpoints.load(integration).orElse(SyncCheckpoint.initial(integration));
        boolean resumed = checkpoint.inProgress().isPresent();
        if (!resumed) {
            windowClock.prepareWindow(gateway);
            SyncPolicy effective = checkpoints
                    .loadSweep(integration)
                    .map(sweep -> sweep.applyTo(policy))
                    .orElse(policy); // a sweep that repaired misses may have widened the overlap
            SyncWindow window = effective.nextWindow(checkpoint.lastCompletedTo(), windowClock.windowEnd());
            checkpoint = checkpoint.startPass(window, started);
            checkpoints.save(checkpoint);
            // This window ends now, so it covers every update that prompted a catch-up request so far. A
            // resumed pass ends at its old "to" and does not: then the request stays for the next pass.
            catchUpRequested.set(false);
        }
        PassCounts counts = new PassCounts();
        // Counted once per pass, not per page: the estimate needs only the mirror's size before the pass.
        long mirrorSizeAtStart = jobs.count(integration);
        SyncWindow window = checkpoint.inProgress().orElseThrow().window();
        JobQuery query = JobQuery.updatedBetween(window.from(), window.to());
        PagingGuard guard = new PagingGuard(mirrorSizeAtStart, query.pageSize());
        PageFetcher pages = new PageFetcher(gateway, query, prefetch);
        int restarts = 0;
        try {
            while (true) {
                PassProgress progress = checkpoint.inProgress().orElseThrow();
                if (progress.pagesDone() > 0 && progress.nextCursor().isEmpty()) {
                    break; // the last page was applied before a crash; only the completion is missing
                }
                JobPage page;
                try {
                    page = pages.fetch(progress.nextCursor());
                } catch (GatewayProblemException problem) {
                    if (!isRejectedCursor(problem, progress) || restarts >= MAX_RESTARTS) {
                        throw problem;
                    }
                    restarts++;
                    LOG.log(
                            Level.WARNING,
                            "sync {0}: the gateway rejected the cursor after page {1}; restarting "
                                    + "the pass over {2} from its first page",
                            integration,
                            progress.pagesDone(),
                            window);
                    checkpoint = checkpoint.restartPass(clock.instant());
                    checkpoints.save(checkpoint);
                    guard = new PagingGuard(jobs.count(integration), query.pageSize()); // its pages come again
                    continue;
                }
                guard.check(progress.nextCursor(), page, progress.pagesDone());
                if (!page.isLast() && !listener.stopRequested()) {
                    pages.prefetch(page.nextCursor()); // on its way while this page is applied
                }
                SyncCheckpoint next =
                        checkpoint.afterPage(page.nextCursor(), page.jobs().size());
                PageApplied applied = jobs.applyPage(integration, page.jobs(), next, clock.instant());
                guard.applied(applied.newCount());
                checkpoint = next;
                counts.add(page.jobs().size(), applied);
                PageListeners.deliver(integration, changeListeners, applied, "sync");
                Optional<Long> remainingPages = RemainingPages.estimate(
                        window, next.inProgress().orElseThrow(), page, mirrorSizeAtStart, lastCompletedOutcome);
                listener.onPage(counts.progress(
                        window, remainingPages, remainingPages.map(budget.status()::backgroundTimeFor)));
                if (page.isLast()) {
                    break;
                }
                if (listener.stopRequested()) {
                    return finish(counts.outcome(window, false, resumed, started, clock.instant()), Optional.empty());
                }
            }
            checkpoint = checkpoint.completePass();
            checkpoints.save(checkpoint);
        } catch (GatewayException failure) {
            LOG.log(
                    Level.WARNING,
                    "sync {0}: pass over {1} stopped after {2} pages of this run: {3}",
                    integration,
                    window,
                    counts.pages,
                    failure.describe());
            return finish(
                    counts.outcome(window, false, resumed, started, clock.instant()), Optional.of(failure.describe()));
        } catch (RuntimeException failure) {
            finish(
                    counts.outcome(window, false, resumed, started, clock.instant()),
                    Optional.of(String.valueOf(failure)));
            throw failure;
        } finally {
            pages.discard(); // a stop, a failure: the page ahead is never applied
        }
        SyncOutcome completed = counts.outcome(window, true, resumed, started, clock.instant());
        lastCompletedOutcome = Optional.of(completed);
        LOG.log(
                Level.INFO,
                "sync {0}: pass over {1} completed: {2} pages, {3} jobs, {4} new, {5} changed",
                integration,
                window,
                counts.pages,
                counts.jobs,
                counts.newJobs,
                counts.changedJobs);
        for (CompletedPassListener passListener : passListeners) {
            try {
                passListener.passCompleted(window);
            } catch (RuntimeException failure) {
                LOG.log(Level.ERROR, "sync " + integration + ": after-pass work failed", failure);
            }
        }
        return finish(completed, Optional.empty());
    }

    private static boolean isRejectedCursor(GatewayProblemException problem, PassProgress progress) {
        return problem.problem().code() == ProblemCode.INVALID_QUERY
                && progress.nextCursor().isPresent();
    }

    private SyncOutcome finish(SyncOutcome outcome, Optional<String> error) {
        lastOutcome = Optional.of(outcome);
        lastError = error;
        return outcome;
    }
}
