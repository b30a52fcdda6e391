package dev.fieldsync.ports.out.store.contract;

import static dev.fieldsync.ports.out.store.contract.Fixtures.T0;
import static dev.fieldsync.ports.out.store.contract.Fixtures.job;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.domain.change.Change;
import dev.fieldsync.domain.change.ChangeKind;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.JobNumber;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.mirror.JobSearch;
import dev.fieldsync.domain.mirror.MirroredJob;
import dev.fieldsync.domain.submission.Submission;
import dev.fieldsync.domain.sync.GoneReview;
import dev.fieldsync.domain.sync.SweepState;
import dev.fieldsync.ports.out.store.PageApplied;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the stores write to the change log, with the write it describes: one entry per new or changed job of a page
 * (page order), per provisional state and its clearing, per state a submission reaches; each carrying the job exactly
 * as the mirror then shows it ({@code Jobs.find}).
 */
public abstract class StoreChangesContract extends StoreContract {

    protected List<Change> changesOf(IntegrationId integration, long after) {
        return changeLog.read(integration, after, 1000, Set.of());
    }

    @Test
    void aSweepPageRecordsWhatItSawAndTheJobsItDidNotSeeAreMarkedGoneAndComeBack() {
        IntegrationId integration = Fixtures.newIntegration();
        jobs.applyPage(integration, jobs(1, 5), checkpointAfter(integration, 1, "p"), T0);
        Instant started = T0.plusSeconds(60);
        SweepState sweep = SweepState.initial(integration).start(started);
        checkpoints.saveSweep(sweep);
        long before = changeLog.latestSequence(integration);

        SweepState afterPage = sweep.afterPage(Optional.of("s1"), 3);
        PageApplied applied = jobs.applySweepPage(
                integration, List.of(job(1), job(2).withTitle("Renamed"), job(3)), afterPage, started.plusSeconds(5));

        assertThat(applied.changedCount()).isEqualTo(1);
        assertThat(applied.unchanged()).isEqualTo(2);
        SweepState stored = checkpoints.loadSweep(integration).orElseThrow();
        assertThat(stored).isEqualTo(afterPage.repairedOnPage(1));
        assertThat(stored.progress().repaired()).isEqualTo(1);
        assertThat(stored.missedByIncremental()).isEqualTo(1);
        List<Change> repaired = changesOf(integration, before);
        assertThat(repaired).extracting(Change::kind).containsExactly(ChangeKind.JOB_CHANGED);
        assertThat(repaired.get(0).entry().repaired()).isTrue();
        // A job a sync stores after the sweep started is no candidate, whatever the sweep saw.
        jobs.applyPage(integration, List.of(job(6)), checkpointAfter(integration, 2, "p"), started.plusSeconds(6));
        assertThat(jobs.countUnswept(integration, 1, started)).isEqualTo(2);
        assertThat(jobs.countUnswept(integration, 2, started)).isEqualTo(4); // 2 changed since

        Instant goneAt = started.plusSeconds(30);
        long marked = jobs.markGone(integration, 1, started, goneAt);

        assertThat(marked).isEqualTo(2);
        assertThat(jobs.find(integration, JobId.of("4")).flatMap(MirroredJob::goneAt))
                .contains(goneAt);
        assertThat(jobs.find(integration, JobId.of("3")).flatMap(MirroredJob::goneAt))
                .isEmpty();
        assertThat(jobs.countGone(integration)).isEqualTo(2);
        assertThat(jobs.countUnswept(integration, 1, started)).isZero();
        assertThat(jobs.count(integration)).isEqualTo(6);
        assertThat(jobs.search(integration, JobSearch.builder().limit(50).build())
                        .jobs())
                .extracting(job -> job.job().id().value())
                .containsExactly("6", "3", "2", "1");
        assertThat(jobs.search(
                                integration,
                                JobSearch.builder().limit(50).includeGone(true).build())
                        .jobs())
                .hasSize(6);
        List<Change> gone = changesOf(integration, before + 2);
        assertThat(gone).extracting(Change::kind).containsExactly(ChangeKind.JOB_GONE, ChangeKind.JOB_GONE);
        assertThat(gone).extracting(c -> c.jobId().orElseThrow().value()).containsExactlyInAnyOrder("4", "5");
        assertThat(gone.get(0).entry().job().flatMap(MirroredJob::goneAt)).contains(goneAt);

        // Listed again by a sync page: back, with a job.returned entry.
        long beforeReturn = changeLog.latestSequence(integration);
        jobs.applyPage(integration, List.of(job(4)), checkpointAfter(integration, 3, "p"), goneAt.plusSeconds(5));
        assertThat(jobs.find(integration, JobId.of("4")).flatMap(MirroredJob::goneAt))
                .isEmpty();
        assertThat(jobs.countGone(integration)).isEqualTo(1);
        List<Change> returned = changesOf(integration, beforeReturn);
        assertThat(returned).extracting(Change::kind).containsExactly(ChangeKind.JOB_RETURNED);
        assertThat(returned.get(0).entry().job()).isEqualTo(jobs.find(integration, JobId.of("4")));
        // And by a sweep page.
        SweepState second = stored.complete(goneAt, 2, Optional.empty()).start(goneAt.plusSeconds(60));
        jobs.applySweepPage(
                integration, List.of(job(5)), second.afterPage(Optional.empty(), 1), goneAt.plusSeconds(61));
        assertThat(jobs.countGone(integration)).isZero();
    }

    @Test
    void theSweepStateRoundTripsWithItsReviewOverlapAndLastResult() {
        IntegrationId integration = Fixtures.newIntegration();
        assertThat(checkpoints.loadSweep(integration)).isEmpty();
        SweepState state = SweepState.initial(integration)
                .start(T0)
                .afterPage(Optional.of("c1"), 100)
                .repairedOnPage(3)
                .afterPage(Optional.empty(), 40)
                .complete(T0.plusSeconds(600), 0, Optional.of(new GoneReview(1, T0, 30, 140, T0.plusSeconds(600))))
                .withWidenedOverlap(Duration.ofMinutes(4));
        checkpoints.saveSweep(state);
        assertThat(checkpoints.loadSweep(integration)).contains(state);
        SweepState next = state.start(T0.plusSeconds(900)).afterPage(Optional.of("c9"), 100);
        checkpoints.saveSweep(next);
        assertThat(checkpoints.loadSweep(integration)).contains(next);
        assertThat(next.withoutReview().review()).isEmpty();
        checkpoints.saveSweep(next.withoutReview());
        assertThat(checkpoints.loadSweep(integration).orElseThrow().review()).isEmpty();
    }

    @Test
    void aPageLogsEachNewAndChangedJobInPageOrderWithTheJobAsMirrored() {
        IntegrationId integration = Fixtures.newIntegration();
        jobs.applyPage(integration, List.of(job(3), job(1), job(2)), checkpointAfter(integration, 1, "p"), T0);
        List<Change> created = changesOf(integration, 0);
        assertThat(created).extracting(Change::kind).containsOnly(ChangeKind.JOB_CREATED);
        assertThat(created).extracting(c -> c.jobId().orElseThrow().value()).containsExactly("3", "1", "2");
        assertThat(created).extracting(Change::sequence).containsExactly(1L, 2L, 3L);
        assertThat(created.get(0).entry().job()).isEqualTo(jobs.find(integration, JobId.of("3")));

        Instant later = T0.plusSeconds(60);
        Job renamed = job(2).withTitle("Repair pump 2 (urgent)");
        Job scheduled = Fixtures.withState(job(3), JobState.SCHEDULED, "2");
        jobs.applyPage(integration, List.of(job(1), renamed, scheduled), checkpointAfter(integration, 2, "p"), later);

        List<Change> changed = changesOf(integration, 3);
        assertThat(changed)
                .extracting(Change::kind)
                .containsExactly(ChangeKind.JOB_CHANGED, ChangeKind.JOB_STATE_CHANGED);
        assertThat(changed.get(0).entry().changedMembers()).containsExactly("title");
        assertThat(changed.get(1).entry().changedMembers()).containsExactly("status");
        assertThat(changed.get(1).entry().from()).contains(JobState.PENDING);
        assertThat(changed.get(1).entry().to()).contains(JobState.SCHEDULED);
        assertThat(changed.get(0).entry().job()).isEqualTo(jobs.find(integration, JobId.of("2")));
        assertThat(changed.get(1).entry().job()).isEqualTo(jobs.find(integration, JobId.of("3")));
        assertThat(changed).allSatisfy(change -> assertThat(change.occurredAt()).isEqualTo(later));

        jobs.applyPage(integration, List.of(job(1), renamed, scheduled), checkpointAfter(integration, 3, "p"), later);
        assertThat(changeLog.latestSequence(integration))
                .as("a page again changes nothing")
                .isEqualTo(5);
    }

    @Test
    void anUpsertOutsideAPassLogsItsChangeToo() {
        IntegrationId integration = Fixtures.newIntegration();
        jobs.upsert(integration, job(5), T0);
        jobs.upsert(integration, job(5), T0);
        jobs.upsert(integration, job(5).withNotes("called ahead"), T0.plusSeconds(1));
        assertThat(changesOf(integration, 0))
                .extracting(Change::kind)
                .containsExactly(ChangeKind.JOB_CREATED, ChangeKind.JOB_CHANGED);
        assertThat(changesOf(integration, 1).get(0).entry().changedMembers()).containsExactly("notes");
    }

    @Test
    void aProvisionalStateAndThePassThatClearsItAreBothLogged() {
        IntegrationId integration = Fixtures.newIntegration();
        jobs.applyPage(integration, List.of(job(1)), checkpointAfter(integration, 1, "v"), T0);
        Instant at = T0.plusSeconds(5);
        assertThat(jobs.markProvisionalState(integration, JobId.of("1"), JobState.COMPLETED, at))
                .isTrue();
        assertThat(jobs.markProvisionalState(integration, JobId.of("1"), JobState.COMPLETED, at.plusSeconds(1)))
                .isTrue();
        assertThat(jobs.markProvisionalState(integration, JobId.of("404"), JobState.COMPLETED, at))
                .isFalse();

        List<Change> provisional = changesOf(integration, 1);
        assertThat(provisional)
                .as("the repeat shows no other state: not logged")
                .hasSize(1);
        Change marked = provisional.get(0);
        assertThat(marked.kind()).isEqualTo(ChangeKind.JOB_PROVISIONAL);
        assertThat(marked.entry().from()).contains(JobState.PENDING);
        assertThat(marked.entry().to()).contains(JobState.COMPLETED);
        assertThat(marked.entry().job().orElseThrow().effectiveState()).isEqualTo(JobState.COMPLETED);

        // The pass lists the job as it was: the shown state goes back, and the log says so.
        jobs.applyPage(integration, List.of(job(1)), checkpointAfter(integration, 2, "v"), at.plusSeconds(10));
        List<Change> cleared = changesOf(integration, 2);
        assertThat(cleared).hasSize(1);
        assertThat(cleared.get(0).kind()).isEqualTo(ChangeKind.JOB_STATE_CHANGED);
        assertThat(cleared.get(0).entry().changedMembers()).isEmpty();
        assertThat(cleared.get(0).entry().from()).contains(JobState.COMPLETED);
        assertThat(cleared.get(0).entry().to()).contains(JobState.PENDING);
        assertThat(cleared.get(0).entry().job()).isEqualTo(jobs.find(integration, JobId.of("1")));
    }

    @Test
    void eachStateASubmissionReachesIsLoggedOnce() {
        IntegrationId integration = Fixtures.newIntegration();
        Submission pending = pending(integration, "ext-feed-1", T0);
        submissions.add(pending);
        List<Submission> claimed = submissions.claimDue(integration, T0.plusSeconds(1), 10);
        assertThat(claimed).hasSize(1);
        Submission created =
                claimed.get(0).created(JobId.of("77"), Optional.of(JobNumber.of("N-77")), T0.plusSeconds(2));
        submissions.update(created);
        submissions.update(created); // same state again: nothing new

        List<Change> logged = changesOf(integration, 0);
        assertThat(logged)
                .extracting(Change::kind)
                .containsExactly(
                        ChangeKind.SUBMISSION_PENDING, ChangeKind.SUBMISSION_SENDING, ChangeKind.SUBMISSION_CREATED);
        assertThat(logged)
                .allSatisfy(change -> assertThat(change.entry().submission()).contains(pending.id()));
        assertThat(logged.get(2).jobId()).contains(JobId.of("77"));
        assertThat(logged.get(2).occurredAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(logged.get(0).jobId()).isEmpty();
    }

    @Test
    void storesAndTheirLogShareOneSequencePerIntegration() {
        IntegrationId integration = Fixtures.newIntegration();
        jobs.applyPage(integration, List.of(job(1)), checkpointAfter(integration, 1, "s"), T0);
        submissions.add(pending(integration, "ext-feed-2", T0));
        jobs.markProvisionalState(integration, JobId.of("1"), JobState.CANCELLED, T0.plusSeconds(1));
        assertThat(changesOf(integration, 0)).extracting(Change::sequence).containsExactly(1L, 2L, 3L);
        assertThat(changeLog.count(integration)).isEqualTo(3);
        assertThat(changeLog.read(integration, 0, 10, Set.of(ChangeKind.JOB_PROVISIONAL)))
                .extracting(c -> c.jobId().map(JobId::value))
                .containsExactly(Optional.of("1"));
    }
}
