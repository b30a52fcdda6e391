package dev.fieldsync.application.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.application.CoreSettings;
import dev.fieldsync.application.FieldsyncCore;
import dev.fieldsync.application.Scenario;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.mirror.JobSearch;
import dev.fieldsync.domain.mirror.MirroredJob;
import dev.fieldsync.domain.sync.SweepSettings;
import dev.fieldsync.ports.in.sync.SweepOutcome;
import dev.fieldsync.ports.in.sync.SweepStatus;
import dev.fieldsync.ports.in.sync.SyncOutcome;
import dev.fieldsync.ports.in.sync.SyncProgress;
import dev.fieldsync.ports.in.sync.SyncProgressListener;
import dev.fieldsync.ports.out.budget.Priority;
import dev.fieldsync.ports.out.gateway.GatewayOperation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SweepScenarioTest {

    private static SyncProgressListener stopWhen(BooleanSupplier stop) {
        return new SyncProgressListener() {
            @Override
            public void onPage(SyncProgress progress) {}

            @Override
            public boolean stopRequested() {
                return stop.getAsBoolean();
            }
        };
    }

    private static List<JobId> removeEvery(Scenario s, int nth) {
        List<JobId> removed = new ArrayList<>();
        List<Job> all = s.gateway().jobs();
        for (int i = 0; i < all.size(); i += nth) {
            removed.add(s.gateway().removeJob(all.get(i).id()).id());
        }
        return removed;
    }

    private static Set<JobId> gone(Scenario s) {
        return s.jobs().all(Scenario.INTEGRATION).stream()
                .filter(MirroredJob::isGone)
                .map(job -> job.job().id())
                .collect(Collectors.toSet());
    }

    @Test
    void aCompleteSweepMarksExactlyTheJobsThatLeftTheScopeGoneAndListingsLeaveThemOut() {
        var s = new Scenario(500);
        s.sync();
        s.advance(Duration.ofMinutes(1));
        List<JobId> removed = removeEvery(s, 50); // 10 jobs, 2 %

        SweepOutcome outcome = s.core().sweepJobs().runSweep(SyncProgressListener.NONE);

        assertThat(outcome.completed()).isTrue();
        assertThat(outcome.markedGone()).isEqualTo(10);
        assertThat(outcome.reviewRaised()).isFalse();
        assertThat(outcome.pages()).isEqualTo(5); // 490 jobs, pages of 100
        assertThat(gone(s)).containsExactlyInAnyOrderElementsOf(removed);
        var listed = s.core()
                .queryJobs()
                .search(JobSearch.builder().limit(500).build())
                .jobs();
        assertThat(listed).hasSize(490).noneMatch(MirroredJob::isGone);
        var withGone = s.core()
                .queryJobs()
                .search(JobSearch.builder().limit(500).includeGone(true).build())
                .jobs();
        assertThat(withGone).hasSize(500);
        SweepStatus status = s.core().sweepJobs().status();
        assertThat(status.goneJobs()).isEqualTo(10);
        assertThat(status.lastCompleted().orElseThrow().markedGone()).isEqualTo(10);
        assertThat(status.missedByIncremental()).isZero();
        assertThat(s.core().sweepJobs().isDue()).isFalse();
        s.advance(Duration.ofDays(7));
        assertThat(s.core().sweepJobs().isDue()).isTrue();
    }

    @Test
    void noSweepIsDueBeforeTheFirstPassCompletedThenAtOnceAndThenAfterTheInterval() {
        var s = new Scenario(100);
        assertThat(s.core().sweepJobs().isDue()).isFalse();
        s.sync();
        assertThat(s.core().sweepJobs().isDue()).isTrue();
        s.core().sweepJobs().runSweep(SyncProgressListener.NONE);
        assertThat(s.core().sweepJobs().isDue()).isFalse();
        s.advance(Duration.ofDays(7).minusSeconds(1));
        assertThat(s.core().sweepJobs().isDue()).isFalse();
        s.advance(Duration.ofSeconds(1));
        assertThat(s.core().sweepJobs().isDue()).isTrue();
    }

    @Test
    void aSweepThatWouldMarkMoreThanTheGuardAllowsMarksNothingAndRaisesAReviewThatAnOperatorAccepts() {
        var s = new Scenario(500);
        s.sync();
        s.advance(Duration.ofMinutes(1));
        List<JobId> removed = removeEvery(s, 5); // 100 jobs, 20 %

        SweepOutcome outcome = s.core().sweepJobs().runSweep(SyncProgressListener.NONE);

        assertThat(outcome.completed()).isTrue();
        assertThat(outcome.markedGone()).isZero();
        assertThat(outcome.reviewRaised()).isTrue();
        assertThat(gone(s)).isEmpty();
        var review = s.core().sweepJobs().status().review().orElseThrow();
        assertThat(review.candidates()).isEqualTo(100);
        assertThat(review.mirrored()).isEqualTo(500);
        assertThat(s.core().syncJobs().status().goneReviewPending()).isTrue();
        // Durable: a restarted core still has it.
        FieldsyncCore restarted = s.newCore();
        assertThat(restarted.sweepJobs().status().review()).isPresent();

        assertThat(restarted.sweepJobs().acceptReview()).contains(100L);

        assertThat(gone(s)).containsExactlyInAnyOrderElementsOf(removed);
        assertThat(restarted.sweepJobs().status().review()).isEmpty();
        assertThat(restarted.sweepJobs().acceptReview()).isEmpty();
    }

    @Test
    void aDismissedReviewMarksNothing() {
        var s = new Scenario(200);
        s.sync();
        s.advance(Duration.ofMinutes(1));
        removeEvery(s, 4);
        s.core().sweepJobs().runSweep(SyncProgressListener.NONE);

        assertThat(s.core().sweepJobs().dismissReview()).isTrue();

        assertThat(gone(s)).isEmpty();
        assertThat(s.core().sweepJobs().status().review()).isEmpty();
        assertThat(s.core().sweepJobs().dismissReview()).isFalse();
    }

    @Test
    void anInterruptedSweepMarksNothingGoneAndTheResumedOneKnowsWhatTheEarlierPagesSaw() {
        var s = new Scenario(500);
        s.sync();
        s.advance(Duration.ofMinutes(1));
        List<JobId> removed = removeEvery(s, 50);
        int[] pages = {0};
        SyncProgressListener stopAfterTwo = stopWhen(() -> ++pages[0] >= 2);

        SweepOutcome first = s.core().sweepJobs().runSweep(stopAfterTwo);

        assertThat(first.completed()).isFalse();
        assertThat(first.pages()).isEqualTo(2);
        assertThat(gone(s)).isEmpty();
        assertThat(s.core().sweepJobs().status().inProgress().orElseThrow().pagesDone())
                .isEqualTo(2);
        assertThat(s.core().sweepJobs().status().remainingPages()).isEqualTo(4); // 500/100 + 1 - 2
        // A page that fails (the process dies mid-page) changes nothing either.
        s.jobs().failNextApply(new IllegalStateException("killed"));
        FieldsyncCore restarted = s.newCore();
        try {
            restarted.sweepJobs().runSweep(SyncProgressListener.NONE);
        } catch (IllegalStateException expected) {
            assertThat(expected).hasMessage("killed");
        }
        assertThat(gone(s)).isEmpty();
        assertThat(restarted.sweepJobs().isDue()).isTrue();

        SweepOutcome resumed = restarted.sweepJobs().runSweep(SyncProgressListener.NONE);

        assertThat(resumed.completed()).isTrue();
        assertThat(resumed.sweep()).isEqualTo(first.sweep());
        assertThat(resumed.pages()).isEqualTo(3); // pages 3-5 only
        assertThat(gone(s)).containsExactlyInAnyOrderElementsOf(removed);
    }

    @Test
    void aGoneJobThatIsListedAgainComesBack() {
        var s = new Scenario(200);
        s.sync();
        s.advance(Duration.ofMinutes(1));
        Job leaving = s.gateway().removeJob(s.gateway().jobs().get(7).id());
        s.core().sweepJobs().runSweep(SyncProgressListener.NONE);
        assertThat(gone(s)).containsExactly(leaving.id());

        s.advance(Duration.ofMinutes(1));
        s.gateway().putJob(leaving, s.clock().instant()); // back in scope, updated now
        s.advance(Duration.ofSeconds(5));
        s.sync();

        assertThat(gone(s)).isEmpty();
        assertThat(s.core().sweepJobs().status().goneJobs()).isZero();

        // And one the sweep lists again, without any update, comes back too.
        s.gateway().removeJob(leaving.id());
        s.advance(Duration.ofDays(7));
        s.core().sweepJobs().runSweep(SyncProgressListener.NONE);
        assertThat(gone(s)).containsExactly(leaving.id());
        s.gateway().putJob(leaving, Scenario.START.minus(Duration.ofDays(30)));
        s.advance(Duration.ofDays(7));
        SweepOutcome third = s.core().sweepJobs().runSweep(SyncProgressListener.NONE);
        assertThat(third.markedGone()).isZero();
        assertThat(gone(s)).isEmpty();
    }

    @Test
    void anUpdateStampedOutsideEveryWindowIsRepairedCountedAndWidensTheOverlapDurably() {
        var s = new Scenario(300);
        s.sync();
        s.advance(Duration.ofMinutes(5));
        Job target = s.gateway().jobs().get(3);
        // Stamped 10 minutes back: before the last window's end minus the overlap, so no pass lists it.
        s.gateway()
                .updateJob(
                        target.id(),
                        job -> job.withNotes("missed"),
                        s.clock().instant().minus(Duration.ofMinutes(10)));
        SyncOutcome pass = s.sync();
        assertThat(pass.changedJobs()).isZero();
        assertThat(s.jobs()
                        .find(Scenario.INTEGRATION, target.id())
                        .orElseThrow()
                        .job()
                        .notes())
                .isNotEqualTo("missed");

        SweepOutcome sweep = s.core().sweepJobs().runSweep(SyncProgressListener.NONE);

        assertThat(sweep.repaired()).isEqualTo(1);
        assertThat(s.jobs()
                        .find(Scenario.INTEGRATION, target.id())
                        .orElseThrow()
                        .job()
                        .notes())
                .isEqualTo("missed");
        SweepStatus status = s.core().sweepJobs().status();
        assertThat(status.missedByIncremental()).isEqualTo(1);
        assertThat(status.overlap()).isEqualTo(Duration.ofMinutes(4));
        assertThat(status.overlapWidened()).isTrue();
        assertThat(s.core().syncJobs().status().missedByIncremental()).isEqualTo(1);
        assertThat(s.core().syncJobs().status().widenedOverlap()).contains(Duration.ofMinutes(4));

        // Durable: a restarted core's next pass reaches back the widened overlap.
        FieldsyncCore restarted = s.newCore();
        s.advance(Duration.ofMinutes(1));
        Instant watermark = s.checkpoints()
                .load(Scenario.INTEGRATION)
                .orElseThrow()
                .lastCompletedTo()
                .orElseThrow();
        SyncOutcome next = restarted.syncJobs().runPass(SyncProgressListener.NONE);
        assertThat(next.window().from()).isEqualTo(watermark.minus(Duration.ofMinutes(4)));
    }

    @Test
    void theOverlapStaysWithinTheCapAndAdaptiveOverlapCanBeTurnedOff() {
        var capped = new SweepSettings(true, Duration.ofDays(7), 0.1, true, Duration.ofMinutes(3));
        assertThat(capped.widened(Duration.ofMinutes(2))).isEqualTo(Duration.ofMinutes(3));
        assertThat(capped.widened(Duration.ofMinutes(3))).isEqualTo(Duration.ofMinutes(3));
        var s = new Scenario(100);
        FieldsyncCore off = s.newCore(CoreSettings.defaults()
                .with(b -> b.sweep(new SweepSettings(true, Duration.ofDays(7), 0.1, false, Duration.ofMinutes(10)))));
        off.syncJobs().runPass(SyncProgressListener.NONE);
        s.advance(Duration.ofMinutes(5));
        Job target = s.gateway().jobs().get(1);
        s.gateway().updateJob(target.id(), job -> job.withNotes("missed"), Scenario.START.minus(Duration.ofDays(1)));

        assertThat(off.sweepJobs().runSweep(SyncProgressListener.NONE).repaired())
                .isEqualTo(1);

        assertThat(off.sweepJobs().status().overlap()).isEqualTo(Duration.ofMinutes(2));
        assertThat(off.sweepJobs().status().missedByIncremental()).isEqualTo(1);
    }

    @Test
    void interactiveAndSyncCallsWaitNoLongerThanOneRefillIntervalWhileASweepSpendsTheBudget() {
        // 40/min, burst 40, background reserve 2: the sweep leaves 4 tokens.
        var s = new Scenario(3000);
        s.sync();
        s.advance(Duration.ofMinutes(2));
        Duration refill = s.budget().status().refillInterval();
        List<Duration> interactive = new ArrayList<>();
        List<Duration> background = new ArrayList<>();
        SyncProgressListener probe = stopWhen(() -> {
            interactive.add(s.budget().acquire(Priority.INTERACTIVE));
            background.add(s.budget().acquire(Priority.BACKGROUND));
            return false;
        });
        long sweepGrantsBefore = s.budget().grants(Priority.SWEEP);

        SweepOutcome outcome = s.core().sweepJobs().runSweep(probe);

        assertThat(outcome.completed()).isTrue();
        assertThat(s.budget().grants(Priority.SWEEP) - sweepGrantsBefore).isEqualTo(30);
        assertThat(interactive).hasSize(29).allMatch(wait -> wait.compareTo(refill) <= 0);
        assertThat(background).hasSize(29).allMatch(wait -> wait.compareTo(refill) <= 0);
        assertThat(s.budget().maxGrantsInAnyWindow(Duration.ofMinutes(1))).isLessThanOrEqualTo(80);
        assertThat(s.gateway().calls(GatewayOperation.LIST_JOBS)).isGreaterThanOrEqualTo(30);
    }
}
