package dev.fieldsync.application.submission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.application.CoreSettings;
import dev.fieldsync.application.FieldsyncCore;
import dev.fieldsync.application.Scenario;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobDraftInput;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.submission.Submission;
import dev.fieldsync.domain.submission.SubmissionEvent;
import dev.fieldsync.domain.submission.SubmissionId;
import dev.fieldsync.domain.submission.SubmissionState;
import dev.fieldsync.ports.in.sync.SyncProgress;
import dev.fieldsync.ports.in.sync.SyncProgressListener;
import dev.fieldsync.ports.in.write.SubmitResult;
import dev.fieldsync.ports.out.gateway.GatewayOperation;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each branch of the reconciliation rule against a gateway that behaves as the real one does: the scheduling
 * team confirms another window (another offset, another status) and the office renames jobs and edits notes
 * before any pass sees them.
 */
class ReconciliationRuleTest {
    private static final String SITE = "3065756";
    private final Scenario s = new Scenario(200);
    private FieldsyncCore core;

    @BeforeEach
    void firstSync() {
        core = s.core();
        s.sync();
        s.advance(Duration.ofSeconds(1)); // time passes before the creates: jobs seen so far are not theirs
    }

    @Test
    void aRescheduledAndRenamedJobIsFoundByItsReferenceLine() {
        s.gateway().createsButReportsUnknown(1);
        SubmissionId id = submit("Pump check after storm", "Gate code 4411");
        dispatch();
        Job created = onlyJobOf(id);
        assertThat(created.notes())
                .isEqualTo("Gate code 4411\n[fieldsync:" + stored(id).externalId() + "]");

        officeChanges(
                created.id(),
                job -> rescheduled(job)
                        .withTitle("Pump check - rebooked")
                        .withNotes(job.notes() + "\nOffice: customer confirmed by phone"));
        s.advance(Duration.ofMinutes(1));
        s.sync();

        Submission reconciled = stored(id);
        assertThat(reconciled.state()).isEqualTo(SubmissionState.CREATED);
        assertThat(reconciled.jobId()).contains(created.id());
        assertThat(reconciled.history()).last().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(SubmissionEvent.Kind.RECONCILED);
            assertThat(event.detail()).contains("reference");
        });
        assertThat(s.gateway().calls(GatewayOperation.CREATE_JOB)).isEqualTo(1);
    }

    @Test
    void withoutItsReferenceTheOnlyNewJobAtTheSiteWithTheSameTitleIsTheJob() {
        s.gateway().createsButReportsUnknown(1);
        SubmissionId id = submit("Boiler service", null);
        dispatch();
        Job created = onlyJobOf(id);
        officeChanges(created.id(), job -> rescheduled(job).withNotes("Office: notes tidied up"));

        settleAfterACoveringPass();

        assertThat(stored(id).state()).isEqualTo(SubmissionState.CREATED);
        assertThat(stored(id).jobId()).contains(created.id());
        assertThat(s.gateway().calls(GatewayOperation.CREATE_JOB)).isEqualTo(1);
    }

    @Test
    void aCandidateWithAnotherTitleIsAQuestionForAPersonNeverASecondCreate() {
        s.gateway().createsButReportsUnknown(1);
        SubmissionId id = submit("Hot water system", null);
        dispatch();
        Job created = onlyJobOf(id);
        officeChanges(
                created.id(),
                job -> rescheduled(job).withTitle("HWS replacement").withNotes(""));

        settleAfterACoveringPass();

        Submission review = stored(id);
        assertThat(review.state()).isEqualTo(SubmissionState.NEEDS_REVIEW);
        assertThat(review.candidates()).containsExactly(created.id());
        assertThat(review.lastError()).hasValueSatisfying(why -> assertThat(why).contains("HWS replacement"));
        settleAfterACoveringPass();
        assertThat(dispatch()).isZero();
        assertThat(s.gateway().calls(GatewayOperation.CREATE_JOB)).isEqualTo(1);
    }

    @Test
    void severalCandidatesAreAllListedForReview() {
        s.gateway().createsButReportsUnknown(1);
        SubmissionId id = submit("Drain inspection", null);
        dispatch();
        Job ours = onlyJobOf(id);
        officeChanges(ours.id(), job -> job.withNotes("")); // the reference is gone
        Job theirs = s.gateway()
                .putNewJob(SiteId.of(SITE), "Drain inspection", s.clock().instant()); // the office's own

        settleAfterACoveringPass();

        assertThat(stored(id).state()).isEqualTo(SubmissionState.NEEDS_REVIEW);
        assertThat(stored(id).candidates()).containsExactlyInAnyOrder(ours.id(), theirs.id());
        assertThat(s.gateway().calls(GatewayOperation.CREATE_JOB)).isEqualTo(1);
    }

    @Test
    void aJobTheSchedulerMovedPastACoveringPassIsFoundByTheNextOneAndNotSentAgain() {
        s.gateway().createsButReportsUnknown(1);
        SubmissionId id = submit("Moved past the pass", null);
        dispatch();
        Job created = onlyJobOf(id);
        // Only a pass that starts (its window ends) after the attempt's margin covers it; the scheduling team
        // confirms the job just after that pass starts and before it lists the page: that pass does not see it.
        s.advance(Duration.ofMinutes(3));
        s.gateway()
                .updateJob(
                        created.id(),
                        job -> rescheduled(job).withNotes("Office: notes tidied up"),
                        s.clock().instant().plusSeconds(1));
        s.sync();
        assertThat(s.jobs().find(Scenario.INTEGRATION, created.id()))
                .as("the covering pass missed it")
                .isEmpty();
        assertThat(stored(id).state()).isEqualTo(SubmissionState.OUTCOME_UNKNOWN);

        s.advance(Duration.ofMinutes(1));
        s.sync();

        assertThat(stored(id).state()).isEqualTo(SubmissionState.CREATED);
        assertThat(stored(id).jobId()).contains(created.id());
        assertThat(s.gateway().calls(GatewayOperation.CREATE_JOB)).isEqualTo(1);
    }

    @Test
    void aJobThatCarriesAnotherSubmissionsReferenceIsNotACandidate() {
        s.gateway().failsCreateWithUnknown(1); // ours did not run ...
        SubmissionId ours = submit("Gutter clean", null);
        dispatch();
        s.gateway().createsButReportsUnknown(1); // ... another one at the same site did, with the same title
        SubmissionId other = submit("Gutter clean", null);
        dispatch();

        settleAfterACoveringPass();

        assertThat(stored(other).state()).isEqualTo(SubmissionState.CREATED);
        assertThat(stored(ours).state()).isEqualTo(SubmissionState.PENDING);
        assertThat(stored(ours).resent()).isTrue();
        dispatch();
        assertThat(stored(ours).state()).isEqualTo(SubmissionState.CREATED);
        assertThat(stored(ours).jobId()).isNotEqualTo(stored(other).jobId());
    }

    @Test
    void withTheReferenceOffTwoUnsettledCreatesOfTheSameTitleAtOneSiteAreNotGuessed() {
        core = s.newCore(CoreSettings.defaults().with(b -> b.notesReference(false)));
        s.gateway().failsCreateWithUnknown(1);
        SubmissionId first = submit("Annual service", null);
        dispatch();
        s.gateway().createsButReportsUnknown(1);
        SubmissionId second = submit("Annual service", null);
        dispatch();
        Job created = onlyJobOf(second);
        assertThat(created.notes()).doesNotContain("[fieldsync:");

        settleAfterACoveringPass();

        // The one job could be either one's: both wait for a person rather than one being pinned on the wrong job.
        assertThat(stored(first).state()).isEqualTo(SubmissionState.NEEDS_REVIEW);
        assertThat(stored(first).candidates()).containsExactly(created.id());
        assertThat(stored(second).state()).isEqualTo(SubmissionState.NEEDS_REVIEW);
        assertThat(s.gateway().calls(GatewayOperation.CREATE_JOB)).isEqualTo(2);
    }

    @Test
    void twoJobsCarryingTheReferenceMeanTheCreateRanTwice() {
        s.gateway().createsButReportsUnknown(1);
        SubmissionId id = submit("Window seals", null);
        dispatch();
        Job first = onlyJobOf(id);
        Job copy =
                s.gateway().putNewJob(SiteId.of(SITE), "Window seals", s.clock().instant());
        officeChanges(copy.id(), job -> job.withNotes(first.notes()));

        s.advance(Duration.ofMinutes(1));
        s.sync();

        assertThat(stored(id).state()).isEqualTo(SubmissionState.NEEDS_REVIEW);
        assertThat(stored(id).candidates()).containsExactlyInAnyOrder(first.id(), copy.id());
        assertThat(stored(id).lastError())
                .hasValueSatisfying(why -> assertThat(why).contains("more than once"));
    }

    @Test
    void aSubmissionInReviewSettlesByItselfWhenItsReferenceShowsUpLater() {
        s.gateway().createsButReportsUnknown(1);
        SubmissionId id = submit("Lift service", "Call ahead");
        dispatch();
        Job created = onlyJobOf(id);
        String withReference = created.notes();
        officeChanges(created.id(), job -> job.withTitle("Lift 2 service").withNotes("Call ahead"));
        settleAfterACoveringPass();
        assertThat(stored(id).state()).isEqualTo(SubmissionState.NEEDS_REVIEW);

        officeChanges(created.id(), job -> job.withNotes(withReference)); // someone restored the notes
        s.advance(Duration.ofMinutes(1));
        s.sync();

        assertThat(stored(id).state()).isEqualTo(SubmissionState.CREATED);
        assertThat(stored(id).jobId()).contains(created.id());
    }

    @Test
    void theReferenceCountsAgainstTheNotesLimitAndNothingTheUserWroteIsCut() {
        String notes = "n".repeat(1990);
        SubmitResult refused = core.submitJob().submit(input("Long notes", notes));
        assertThat(refused)
                .isInstanceOfSatisfying(
                        SubmitResult.Rejected.class,
                        rejected -> assertThat(rejected.violations())
                                .singleElement()
                                .satisfies(v -> {
                                    assertThat(v.field()).isEqualTo("notes");
                                    assertThat(v.message())
                                            .contains(
                                                    "1990 characters",
                                                    "reference line",
                                                    "at most 1951",
                                                    "fieldsync.submissions.notes-reference=false");
                                }));

        FieldsyncCore withoutReference = s.newCore(CoreSettings.defaults().with(b -> b.notesReference(false)));
        SubmitResult accepted = withoutReference.submitJob().submit(input("Long notes", notes));
        assertThat(accepted).isInstanceOf(SubmitResult.Accepted.class);
        withoutReference.dispatchSubmissions().dispatchDue(10);
        SubmissionId id = ((SubmitResult.Accepted) accepted).submission().id();
        assertThat(s.gateway()
                        .job(stored(id).jobId().orElseThrow())
                        .orElseThrow()
                        .notes())
                .isEqualTo(notes);

        String fits = "m".repeat(1951);
        SubmitResult justFits = core.submitJob().submit(input("Long notes that fit", fits));
        assertThat(justFits).isInstanceOf(SubmitResult.Accepted.class);
        dispatch();
        SubmissionId fitted = ((SubmitResult.Accepted) justFits).submission().id();
        String sent = s.gateway()
                .job(stored(fitted).jobId().orElseThrow())
                .orElseThrow()
                .notes();
        assertThat(sent)
                .startsWith(fits)
                .endsWith(stored(fitted).reference().line())
                .hasSize(2000);
    }

    @Test
    void aCreateRacingTheFirstPassIsNotMistakenForTheJobsTheSiteAlreadyHad() {
        Scenario fresh = new Scenario(600);
        FieldsyncCore first = fresh.core();
        // The first pass starts (its window ends now) and stops after one page; the create goes out meanwhile.
        first.syncJobs().runPass(new SyncProgressListener() {
            @Override
            public void onPage(SyncProgress progress) {}

            @Override
            public boolean stopRequested() {
                return true;
            }
        });
        fresh.advance(Duration.ofMinutes(5));
        fresh.gateway().failsCreateWithUnknown(1); // it did not run
        SubmitResult result = first.submitJob().submit(input("Raced the first pass", null));
        SubmissionId id = ((SubmitResult.Accepted) result).submission().id();
        first.dispatchSubmissions().dispatchDue(10);
        fresh.advance(Duration.ofMinutes(1));

        fresh.sync(); // the rest of the first pass: the site's older jobs are first seen now, after the attempt
        fresh.advance(Duration.ofMinutes(3));
        fresh.sync();
        fresh.advance(Duration.ofMinutes(1));
        fresh.sync();

        Submission resent = fresh.submissions().find(id).orElseThrow();
        assertThat(resent.state()).as("%s", resent.lastError()).isEqualTo(SubmissionState.PENDING);
        assertThat(resent.resent()).isTrue();
        assertThat(fresh.mirroredJobs().stream()
                        .filter(job -> job.site().id().value().equals(SITE))
                        .count())
                .as("the site had jobs the first pass listed after the attempt")
                .isPositive();
    }

    @Test
    void whileTheFirstPassIsYoungCreatesWaitSoTheyCanBeToldApartFromWhatItLists() {
        Scenario fresh = new Scenario(600);
        FieldsyncCore first = fresh.core();
        first.syncJobs().runPass(new SyncProgressListener() {
            @Override
            public void onPage(SyncProgress progress) {}

            @Override
            public boolean stopRequested() {
                return true; // the first pass is under way, its window ended just now
            }
        });
        SubmitResult result = first.submitJob().submit(input("Sent right after start-up", null));
        SubmissionId id = ((SubmitResult.Accepted) result).submission().id();

        assertThat(first.dispatchSubmissions().dispatchDue(10).total()).isZero();
        assertThat(fresh.gateway().calls(GatewayOperation.CREATE_JOB)).isZero();
        fresh.advance(CoreSettings.defaults().reconcileMargin().plusSeconds(1));
        assertThat(first.dispatchSubmissions().dispatchDue(10).created()).isEqualTo(1);
        assertThat(fresh.submissions().find(id).orElseThrow().state()).isEqualTo(SubmissionState.CREATED);
    }

    private SubmissionId submit(String title, String notes) {
        SubmitResult result = core.submitJob().submit(input(title, notes));
        assertThat(result).isInstanceOf(SubmitResult.Accepted.class);
        return ((SubmitResult.Accepted) result).submission().id();
    }

    private static JobDraftInput input(String title, String notes) {
        return JobDraftInput.builder()
                .site(SITE)
                .jobType("Service")
                .title(title)
                .startTime("2026-07-01T09:00:00+10:00")
                .endTime("2026-07-01T11:00:00+10:00")
                .notes(notes)
                .build();
    }

    private int dispatch() {
        return core.dispatchSubmissions().dispatchDue(10).total();
    }

    private Submission stored(SubmissionId id) {
        return s.submissions().find(id).orElseThrow();
    }

    /** The job the gateway holds for this submission (the oracle knows its external id). */
    private Job onlyJobOf(SubmissionId id) {
        String externalId = stored(id).externalId();
        List<Job> jobs = s.gateway().jobs().stream()
                .filter(job -> job.externalId().equals(Optional.of(externalId)))
                .toList();
        assertThat(jobs).hasSize(1);
        return jobs.get(0);
    }

    private void officeChanges(JobId id, UnaryOperator<Job> change) {
        s.gateway().updateJob(id, change, s.clock().instant());
    }

    /** The scheduling team's confirmation: three days later, in UTC instead of +10:00, scheduled. */
    private Job rescheduled(Job job) {
        Job moved = job.withTimes(
                job.startTime().map(t -> t.plusDays(3).withOffsetSameInstant(ZoneOffset.UTC)),
                job.endTime().map(t -> t.plusDays(3).withOffsetSameInstant(ZoneOffset.UTC)));
        return moved.withStatus(s.gateway().status(JobState.SCHEDULED));
    }

    /** Passes until two cover the attempts (end more than the margin after them): "not found" needs both. */
    private void settleAfterACoveringPass() {
        s.advance(Duration.ofMinutes(1));
        s.sync();
        s.advance(Duration.ofMinutes(3));
        s.sync();
        s.advance(Duration.ofMinutes(1));
        s.sync();
    }
}
