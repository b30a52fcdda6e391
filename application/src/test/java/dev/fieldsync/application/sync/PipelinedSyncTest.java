package dev.fieldsync.application.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldsync.application.CoreSettings;
import dev.fieldsync.application.Scenario;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.mirror.JobSearch;
import dev.fieldsync.domain.mirror.JobSlice;
import dev.fieldsync.domain.mirror.MirroredJob;
import dev.fieldsync.domain.sync.SweepState;
import dev.fieldsync.domain.sync.SyncCheckpoint;
import dev.fieldsync.ports.in.sync.SyncOutcome;
import dev.fieldsync.ports.in.sync.SyncProgress;
import dev.fieldsync.ports.in.sync.SyncProgressListener;
import dev.fieldsync.ports.out.gateway.Gateway;
import dev.fieldsync.ports.out.gateway.GatewayCall;
import dev.fieldsync.ports.out.gateway.GatewayClock;
import dev.fieldsync.ports.out.gateway.GatewayOperation;
import dev.fieldsync.ports.out.gateway.GatewayUnavailableException;
import dev.fieldsync.ports.out.gateway.JobPage;
import dev.fieldsync.ports.out.store.JobChange;
import dev.fieldsync.ports.out.store.Jobs;
import dev.fieldsync.ports.out.store.PageApplied;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The sync loop with its real prefetch thread (the scenario tests fetch ahead on the pass's own thread): page N+1
 * travels while page N is applied, commits stay in page order, and a failed apply, a stop or a looping gateway drop
 * the page ahead. Waits are latches with a deadline, never sleeps.
 */
class PipelinedSyncTest {
    private static final long DEADLINE_S = 10;

    /** The scenario's gateway, with a hook around each page request (1-based: the n-th LIST_JOBS call). */
    private static final class HookedGateway implements Gateway {
        final Gateway delegate;
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger returned = new AtomicInteger();
        final CountDownLatch[] startedCall = latches(32);
        final CountDownLatch[] returnedCall = latches(32);
        volatile IntFunction<Runnable> beforeCall = call -> () -> {};
        volatile UnaryOperator<GatewayCall.ListJobs> rewrite = call -> call;

        HookedGateway(Gateway delegate) {
            this.delegate = delegate;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R> R call(GatewayCall<R> call) {
            if (!(call instanceof GatewayCall.ListJobs list)) {
                return delegate.call(call);
            }
            int n = started.incrementAndGet();
            startedCall[n].countDown();
            beforeCall.apply(n).run();
            JobPage page = delegate.call(rewrite.apply(list));
            returned.incrementAndGet();
            returnedCall[n].countDown();
            return (R) page;
        }
    }

    /** The scenario's jobs, recording the order of the page commits and running a hook before each apply. */
    private static final class HookedJobs implements Jobs {
        final Jobs delegate;
        final List<Integer> committedPages = new CopyOnWriteArrayList<>();
        volatile IntFunction<Runnable> beforeApply = page -> () -> {};

        HookedJobs(Jobs delegate) {
            this.delegate = delegate;
        }

        @Override
        public PageApplied applyPage(IntegrationId i, List<Job> page, SyncCheckpoint checkpoint, Instant seenAt) {
            int pageNumber = checkpoint.inProgress().orElseThrow().pagesDone();
            beforeApply.apply(pageNumber).run();
            PageApplied applied = delegate.applyPage(i, page, checkpoint, seenAt);
            committedPages.add(pageNumber);
            return applied;
        }

        @Override
        public PageApplied applySweepPage(IntegrationId i, List<Job> page, SweepState state, Instant seenAt) {
            return delegate.applySweepPage(i, page, state, seenAt);
        }

        @Override
        public long countUnswept(IntegrationId i, long sweep, Instant sweepStartedAt) {
            return delegate.countUnswept(i, sweep, sweepStartedAt);
        }

        @Override
        public long markGone(IntegrationId i, long sweep, Instant sweepStartedAt, Instant at) {
            return delegate.markGone(i, sweep, sweepStartedAt, at);
        }

        @Override
        public long countGone(IntegrationId i) {
            return delegate.countGone(i);
        }

        @Override
        public Optional<JobChange> upsert(IntegrationId i, Job job, Instant seenAt) {
            return delegate.upsert(i, job, seenAt);
        }

        @Override
        public Optional<MirroredJob> find(IntegrationId i, JobId job) {
            return delegate.find(i, job);
        }

        @Override
        public JobSlice search(IntegrationId i, JobSearch search) {
            return delegate.search(i, search);
        }

        @Override
        public long count(IntegrationId i) {
            return delegate.count(i);
        }

        @Override
        public boolean markProvisionalState(IntegrationId i, JobId job, JobState state, Instant at) {
            return delegate.markProvisionalState(i, job, state, at);
        }
    }

    private final Scenario s = new Scenario(1000, 100_000, 100_000, 2, Scenario.GOOD_KEY); // budget never waits
    private final HookedGateway gateway = new HookedGateway(s.gateway());
    private final HookedJobs jobs = new HookedJobs(s.jobs());
    private final JobSyncService sync = new JobSyncService(
            Scenario.INTEGRATION,
            gateway,
            s.budget(),
            jobs,
            s.checkpoints(),
            CoreSettings.defaults().syncPolicy(),
            s.clock(),
            GatewayClock.NONE,
            List.of(s.changes()),
            List.of());

    @Test
    void theNextPageIsFetchedWhileAPageIsAppliedAndPagesCommitInOrder() {
        // The two meet: page N+1's request waits until page N's apply has begun, and that apply waits until the
        // request has begun. Fetch and apply one after the other on one thread (either way round) cannot pass this.
        CountDownLatch[] applyBegun = latches(32);
        gateway.beforeCall = call -> () -> {
            if (call > 1) {
                await(applyBegun[call - 1], "page " + (call - 1) + "'s apply begun while page " + call + " is fetched");
            }
        };
        jobs.beforeApply = page -> () -> {
            applyBegun[page].countDown();
            if (page < 10) {
                await(gateway.startedCall[page + 1], "page " + (page + 1) + " fetched while page " + page + " applies");
            }
        };

        SyncOutcome outcome = sync.runPass(SyncProgressListener.NONE);

        assertThat(outcome.completed()).isTrue();
        assertThat(jobs.committedPages).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(s.gateway().calls(GatewayOperation.LIST_JOBS)).isEqualTo(10); // nothing fetched twice or wasted
        assertThat(s.mirroredJobs()).containsExactlyElementsOf(s.gatewayJobsAsListed());
        assertThat(s.changes().changes()).hasSize(1000);
    }

    @Test
    void aFailedApplyDropsThePageAheadAndTheNextPassResumesAfterTheLastCommittedPage() {
        jobs.beforeApply = page -> () -> {
            if (page == 3) {
                await(gateway.returnedCall[4], "page 4 fetched ahead");
                throw new IllegalStateException("database went away");
            }
        };

        assertThatThrownBy(() -> sync.runPass(SyncProgressListener.NONE)).hasMessageContaining("database went away");

        assertThat(jobs.committedPages).containsExactly(1, 2);
        assertThat(s.jobs().count(Scenario.INTEGRATION)).isEqualTo(200);
        assertThat(s.checkpoints().load(Scenario.INTEGRATION).orElseThrow().inProgress())
                .hasValueSatisfying(pass -> assertThat(pass.pagesDone()).isEqualTo(2));
        assertThat(gateway.started.get()).isEqualTo(4); // no page after the dropped one was asked for

        jobs.beforeApply = page -> () -> {};
        SyncOutcome resumed = sync.runPass(SyncProgressListener.NONE);

        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.pages()).isEqualTo(8); // pages 3-10: the dropped page 4 is fetched again
        assertThat(jobs.committedPages).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(s.mirroredJobs()).containsExactlyElementsOf(s.gatewayJobsAsListed());
        assertThat(s.changes().changes()).hasSize(1000);
    }

    @Test
    void aStopWithThePageAheadStillInFlightEndsAtThePageBoundaryAndWaitsForThatFetchToEnd() {
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger interruptedFetches = new AtomicInteger();
        gateway.beforeCall = call -> () -> {
            if (call == 4) { // page 4, fetched ahead while page 3 applies: hangs until the stop interrupts it
                try {
                    never.await(DEADLINE_S, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    interruptedFetches.incrementAndGet();
                    throw new GatewayUnavailableException(
                            GatewayOperation.LIST_JOBS.label(),
                            "interrupted",
                            Optional.empty(),
                            Optional.empty(),
                            interrupted);
                }
                throw new AssertionError("the stop did not interrupt the page ahead");
            }
        };
        SyncProgressListener stopAfterPage3 = new SyncProgressListener() {
            private int pages;

            @Override
            public void onPage(SyncProgress progress) {
                pages++;
                if (pages == 3) {
                    await(gateway.startedCall[4], "page 4 on its way");
                }
            }

            @Override
            public boolean stopRequested() {
                return pages >= 3;
            }
        };

        SyncOutcome stopped = sync.runPass(stopAfterPage3);

        assertThat(stopped.completed()).isFalse();
        assertThat(stopped.pages()).isEqualTo(3);
        assertThat(interruptedFetches.get()).isEqualTo(1); // ended before runPass returned: nothing outlives the pass
        assertThat(jobs.committedPages).containsExactly(1, 2, 3);
        assertThat(s.jobs().count(Scenario.INTEGRATION)).isEqualTo(300);
        assertThat(sync.status().lastError()).isEmpty();

        gateway.beforeCall = call -> () -> {};
        SyncOutcome rest = sync.runPass(SyncProgressListener.NONE);

        assertThat(rest.resumed()).isTrue();
        assertThat(rest.pages()).isEqualTo(7);
        assertThat(s.mirroredJobs()).containsExactlyElementsOf(s.gatewayJobsAsListed());
    }

    @Test
    void aGatewayThatHandsBackTheCursorItWasSentStillStopsThePassAfterTwoRequests() {
        // Ignores the cursor: every request gets the first page, with the first page's next cursor.
        gateway.rewrite = call -> new GatewayCall.ListJobs(call.query(), Optional.empty(), call.priority());

        SyncOutcome outcome = sync.runPass(SyncProgressListener.NONE);

        assertThat(outcome.completed()).isFalse();
        assertThat(sync.status().lastError())
                .hasValueSatisfying(error -> assertThat(error)
                        .contains("handed back the cursor it was sent after page 1")
                        .contains("fieldsync.gateway.cursor-parameter"));
        assertThat(jobs.committedPages).containsExactly(1);
        // Page 2 (fetched ahead) failed the check before anything was fetched after it.
        assertThat(s.gateway().calls(GatewayOperation.LIST_JOBS)).isEqualTo(2);
    }

    @Test
    void theSamePageUnderANewCursorStillStopsThePass() {
        AtomicInteger cursors = new AtomicInteger();
        Gateway pageOneForever = new Gateway() {
            @Override
            @SuppressWarnings("unchecked")
            public <R> R call(GatewayCall<R> call) {
                if (!(call instanceof GatewayCall.ListJobs list)) {
                    return s.gateway().call(call);
                }
                JobPage first =
                        s.gateway().call(new GatewayCall.ListJobs(list.query(), Optional.empty(), list.priority()));
                return (R) new JobPage(first.jobs(), Optional.of("fresh-" + cursors.incrementAndGet()));
            }
        };
        JobSyncService looping = new JobSyncService(
                Scenario.INTEGRATION,
                pageOneForever,
                s.budget(),
                jobs,
                s.checkpoints(),
                CoreSettings.defaults().syncPolicy(),
                s.clock(),
                GatewayClock.NONE,
                List.of(),
                List.of());

        SyncOutcome outcome = looping.runPass(SyncProgressListener.NONE);

        assertThat(outcome.completed()).isFalse();
        assertThat(looping.status().lastError())
                .hasValueSatisfying(error ->
                        assertThat(error).contains("page 2 holds the same jobs as an earlier page of this pass"));
        assertThat(jobs.committedPages).containsExactly(1);
        assertThat(cursors.get()).isEqualTo(2);
    }

    private static CountDownLatch[] latches(int n) {
        CountDownLatch[] latches = new CountDownLatch[n];
        for (int i = 0; i < n; i++) {
            latches[i] = new CountDownLatch(1);
        }
        return latches;
    }

    private static void await(CountDownLatch latch, String what) {
        try {
            if (!latch.await(DEADLINE_S, TimeUnit.SECONDS)) {
                throw new AssertionError("not within " + DEADLINE_S + " s: " + what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for: " + what, e);
        }
    }
}
