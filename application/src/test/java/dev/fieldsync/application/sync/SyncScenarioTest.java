package dev.fieldsync.application.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldsync.application.FieldsyncCore;
import dev.fieldsync.application.Scenario;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.sync.SyncCheckpoint;
import dev.fieldsync.ports.in.sync.SyncOutcome;
import dev.fieldsync.ports.in.sync.SyncProgress;
import dev.fieldsync.ports.in.sync.SyncProgressListener;
import dev.fieldsync.ports.in.sync.SyncStatus;
import dev.fieldsync.ports.out.gateway.GatewayOperation;
import dev.fieldsync.ports.out.gateway.GatewayUnavailableException;
import dev.fieldsync.ports.out.store.JobChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

class SyncScenarioTest {

    /** Runs {@code atPage} after each page (1-based) of a pass, and records the progress reports. */
    private static final class PageHook implements SyncProgressListener {
        final List<SyncProgress> reports = new ArrayList<>();
        private final IntConsumer atPage;
        private final int stopAfter;

        PageHook(IntConsumer atPage) {
            this(atPage, Integer.MAX_VALUE);
        }

        PageHook(IntConsumer atPage, int stopAfter) {
            this.atPage = atPage;
            this.stopAfter = stopAfter;
        }

        @Override
        public void onPage(SyncProgress progress) {
            reports.add(progress);
            atPage.accept(reports.size());
        }

        @Override
        public boolean stopRequested() {
            return reports.size() >= stopAfter;
        }
    }

    @Test
    void initialSyncOf1000JobsMirrorsTheGatewayInTenPages() {
        var s = new Scenario(1000);
        PageHook hook = new PageHook(page -> {});

        SyncOutcome outcome = s.core().syncJobs().runPass(hook);

        assertThat(outcome.completed()).isTrue();
        assertThat(outcome.resumed()).isFalse();
        assertThat(outcome.pages()).isEqualTo(10);
        assertThat(outcome.jobs()).isEqualTo(1000);
        assertThat(outcome.newJobs()).isEqualTo(1000);
        assertThat(s.gateway().calls(GatewayOperation.LIST_JOBS)).isEqualTo(10); // ceil(1000 / 100)
        assertThat(s.mirroredJobs()).containsExactlyElementsOf(s.gatewayJobsAsListed());
        assertThat(s.changes().changes()).hasSize(1000).allMatch(change -> change.kind() == JobChange.Kind.NEW);
        assertThat(hook.reports).hasSize(10);
        assertThat(hook.reports.get(9).estimatedRemainingPages()).contains(0L);
        assertThat(hook.reports.get(9).estimatedRemaining()).contains(Duration.ZERO);
        SyncStatus status = s.core().syncJobs().status();
        assertThat(status.lastCompletedTo()).contains(outcome.window().to());
        assertThat(status.inProgress()).isEmpty();
        assertThat(status.mirroredJobs()).isEqualTo(1000);
        assertThat(status.lastError()).isEmpty();
    }

    @Test
    void aSecondPassCoversOnlyTheNewWindowAndReportsNoChangesForUnchangedJobs() {
        var s = new Scenario(300);
        SyncOutcome first = s.sync();
        s.changes().clear();
        s.advance(Duration.ofMinutes(5));

        SyncOutcome second = s.sync();

        assertThat(second.window().from()).isEqualTo(first.window().to().minus(Duration.ofMinutes(2)));
        assertThat(second.window().to()).isEqualTo(s.clock().instant());
        assertThat(second.jobs()).isZero();
        assertThat(s.changes().changes()).isEmpty();
    }

    @Test
    void jobsUpdatedWhileAPassRunsLandInTheNextPass() {
        var s = new Scenario(1000);
        // The list is newest-updated first: the first job listed is on page 1, the last one on page 10.
        List<Job> byRecency = s.gateway().jobs().stream()
                .sorted((a, b) ->
                        s.gateway().updatedAt(b.id()).compareTo(s.gateway().updatedAt(a.id())))
                .toList();
        JobId alreadyFetched = byRecency.get(0).id();
        JobId notYetFetched = byRecency.get(999).id();
        PageHook hook = new PageHook(page -> {
            if (page == 3) {
                s.gateway()
                        .updateJob(
                                alreadyFetched,
                                job -> job.withNotes("changed while the pass ran"),
                                s.clock().instant());
                s.gateway()
                        .updateJob(
                                notYetFetched,
                                job -> job.withNotes("also changed"),
                                s.clock().instant());
            }
        });

        SyncOutcome first = s.core().syncJobs().runPass(hook);

        assertThat(first.completed()).isTrue();
        assertThat(s.mirror(alreadyFetched).notes()).isNotEqualTo("changed while the pass ran");
        // It moved out of the closed window before its page came: not seen by this pass at all.
        assertThat(s.jobs().find(Scenario.INTEGRATION, notYetFetched)).isEmpty();
        assertThat(first.jobs()).isEqualTo(999);

        s.advance(Duration.ofSeconds(30));
        SyncOutcome second = s.sync();

        assertThat(second.completed()).isTrue();
        assertThat(second.jobs()).isEqualTo(2);
        assertThat(s.mirror(alreadyFetched).notes()).isEqualTo("changed while the pass ran");
        assertThat(s.mirror(notYetFetched).notes()).isEqualTo("also changed");
        assertThat(s.mirroredJobs()).containsExactlyElementsOf(s.gatewayJobsAsListed());
    }

    @Test
    void aCrashBetweenPagesResumesAtTheStoredCursorWithoutLoss() {
        var s = new Scenario(1000);
        PageHook hook = new PageHook(page -> {
            if (page == 4) {
                s.jobs().failNextApply(new IllegalStateException("database went away"));
            }
        });

        assertThatThrownBy(() -> s.core().syncJobs().runPass(hook)).hasMessageContaining("database went away");

        SyncStatus afterCrash = s.core().syncJobs().status();
        assertThat(afterCrash.lastError())
                .hasValueSatisfying(error -> assertThat(error).contains("database went away"));
        assertThat(afterCrash.inProgress())
                .hasValueSatisfying(pass -> assertThat(pass.pagesDone()).isEqualTo(4));
        assertThat(s.jobs().count(Scenario.INTEGRATION)).isEqualTo(400);

        // A restarted process: a new core over the same stores.
        FieldsyncCore restarted = s.newCore();
        SyncOutcome resumed = restarted.syncJobs().runPass(SyncProgressListener.NONE);

        assertThat(resumed.completed()).isTrue();
        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.pages()).isEqualTo(6);
        // 6 in the failed pass (page 6 was already fetched ahead when page 5's apply failed; dropped), then pages
        // 5-10 again: the lost page and the dropped one are fetched again.
        assertThat(s.gateway().calls(GatewayOperation.LIST_JOBS)).isEqualTo(12);
        assertThat(s.mirroredJobs()).containsExactlyElementsOf(s.gatewayJobsAsListed());
        assertThat(s.changes().changes()).hasSize(1000);
    }

    @Test
    void aGatewayFailureMidPassEndsThePassNotCompletedAndTheNextCallResumes() {
        var s = new Scenario(1000);
        PageHook hook = new PageHook(page -> {
            if (page == 2) {
                s.gateway()
                        .failNext(
                                GatewayOperation.LIST_JOBS,
                                1,
                                () -> new GatewayUnavailableException(
                                        GatewayOperation.LIST_JOBS.label(),
                                        "connection refused",
                                        Optional.empty(),
                                        Optional.empty(),
                                        null));
            }
        });

        SyncOutcome failed = s.core().syncJobs().runPass(hook);

        assertThat(failed.completed()).isFalse();
        // Page 3 was already fetched ahead while page 2 was applied: the failure is page 4's request.
        assertThat(failed.pages()).isEqualTo(3);
        assertThat(s.core().syncJobs().status().lastError())
                .hasValueSatisfying(error -> assertThat(error).contains("connection refused"));

        SyncOutcome resumed = s.sync();

        assertThat(resumed.completed()).isTrue();
        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.window()).isEqualTo(failed.window());
        assertThat(s.mirroredJobs()).containsExactlyElementsOf(s.gatewayJobsAsListed());
        assertThat(s.core().syncJobs().status().lastError()).isEmpty();
    }

    @Test
    void aRejectedCursorRestartsThePassFromItsFrom() {
        var s = new Scenario(1000);
        PageHook hook = new PageHook(page -> {
            if (page == 3) {
                s.gateway().rejectCursorsOnce();
            }
        });

        SyncOutcome outcome = s.core().syncJobs().runPass(hook);

        assertThat(outcome.completed()).isTrue();
        // 4 pages (page 4 was fetched ahead before the cursors were rejected), the rejected call for page 5, then
        // all 10 pages of the same window again.
        assertThat(s.gateway().calls(GatewayOperation.LIST_JOBS)).isEqualTo(15);
        assertThat(s.mirroredJobs()).containsExactlyElementsOf(s.gatewayJobsAsListed());
        // The pages seen twice changed nothing: exactly one NEW event per job.
        assertThat(s.changes().changes()).hasSize(1000);
        assertThat(outcome.newJobs()).isEqualTo(1000);
    }

    @Test
    void aStopRequestEndsThePassAtAPageBoundaryAndTheNextCallResumes() {
        var s = new Scenario(1000);

        SyncOutcome stopped = s.core().syncJobs().runPass(new PageHook(page -> {}, 3));

        assertThat(stopped.completed()).isFalse();
        assertThat(stopped.pages()).isEqualTo(3);
        assertThat(s.jobs().count(Scenario.INTEGRATION)).isEqualTo(300);

        SyncOutcome rest = s.sync();

        assertThat(rest.resumed()).isTrue();
        assertThat(rest.pages()).isEqualTo(7);
        // The stop cost one request: page 4, fetched ahead while page 3 was applied, was dropped and fetched again.
        assertThat(s.gateway().calls(GatewayOperation.LIST_JOBS)).isEqualTo(11);
        assertThat(s.mirroredJobs()).containsExactlyElementsOf(s.gatewayJobsAsListed());
    }

    @Test
    void catchUpRequestsCoalesceIntoOnePass() {
        var s = new Scenario(50);
        s.sync();
        assertThat(s.core().syncJobs().runCatchUpIfRequested(SyncProgressListener.NONE))
                .isEmpty();

        s.core().syncJobs().requestCatchUp();
        s.core().syncJobs().requestCatchUp();
        s.core().syncJobs().requestCatchUp();
        assertThat(s.core().syncJobs().status().catchUpRequested()).isTrue();
        s.advance(Duration.ofSeconds(10));
        long before = s.gateway().calls(GatewayOperation.LIST_JOBS);

        assertThat(s.core().syncJobs().runCatchUpIfRequested(SyncProgressListener.NONE))
                .isPresent();
        assertThat(s.core().syncJobs().runCatchUpIfRequested(SyncProgressListener.NONE))
                .isEmpty();
        assertThat(s.gateway().calls(GatewayOperation.LIST_JOBS)).isEqualTo(before + 1);
        assertThat(s.core().syncJobs().status().catchUpRequested()).isFalse();
    }

    @Test
    void progressEstimatesTheRemainingPagesAndTimeFromTheBudget() {
        var s = new Scenario(2000);
        s.sync();
        // A new core whose checkpoint was reset re-syncs over the existing mirror of 2000 jobs.
        s.checkpoints().save(SyncCheckpoint.initial(Scenario.INTEGRATION));
        FieldsyncCore resync = s.newCore();
        PageHook hook = new PageHook(page -> {});

        resync.syncJobs().runPass(hook);

        SyncProgress afterFirst = hook.reports.get(0);
        assertThat(afterFirst.estimatedRemainingPages()).contains(19L);
        // The budget's burst was spent by the first sync: 19 more pages need 19 refills of 1.5 s at most.
        assertThat(afterFirst.estimatedRemaining()).hasValueSatisfying(time -> {
            assertThat(time).isPositive();
            assertThat(time).isLessThanOrEqualTo(Duration.ofMillis(1500).multipliedBy(19));
        });
        // The estimate shrinks as the pass goes.
        assertThat(hook.reports.get(10).estimatedRemainingPages()).contains(9L);
    }
}
