package dev.fieldsync.application.submission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.application.Scenario;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobDraftInput;
import dev.fieldsync.domain.submission.OperatorAction;
import dev.fieldsync.domain.submission.Submission;
import dev.fieldsync.domain.submission.SubmissionEvent;
import dev.fieldsync.domain.submission.SubmissionId;
import dev.fieldsync.domain.submission.SubmissionState;
import dev.fieldsync.ports.in.write.ReviewOutcome;
import dev.fieldsync.ports.in.write.ReviewSubmissions;
import dev.fieldsync.ports.in.write.SubmitResult;
import dev.fieldsync.ports.out.gateway.GatewayOperation;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator actions on submissions fieldsync could not settle alone: each checked, each recorded. */
class SubmissionReviewTest {
    private static final String SITE = "3065756";
    private static final Optional<String> ALICE = Optional.of("alice");
    private final Scenario s = new Scenario(200);
    private ReviewSubmissions review;

    @BeforeEach
    void start() {
        review = s.core().reviewSubmissions();
        s.sync();
        s.advance(Duration.ofSeconds(1));
    }

    @Test
    void confirmSettlesAReviewOnTheJobAPersonChoseAndRecordsWhoDidIt() {
        SubmissionId id = inReview("Roof leak");
        JobId job = stored(id).candidates().get(0);

        ReviewOutcome outcome = review.confirm(id, job, ALICE);

        assertThat(outcome).isInstanceOf(ReviewOutcome.Done.class);
        Submission confirmed = stored(id);
        assertThat(confirmed.state()).isEqualTo(SubmissionState.CREATED);
        assertThat(confirmed.jobId()).contains(job);
        assertThat(confirmed.candidates()).isEmpty();
        assertThat(confirmed.history()).last().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(SubmissionEvent.Kind.CONFIRMED);
            assertThat(event.actor()).isEqualTo(ALICE);
            assertThat(event.from()).isEqualTo(SubmissionState.NEEDS_REVIEW);
            assertThat(event.at()).isEqualTo(s.clock().instant());
            assertThat(event.detail()).contains(job.value(), "one of the candidates");
        });
    }

    @Test
    void confirmRefusesAJobThatIsNotMirroredAtAnotherSiteOrAlreadySomeoneElses() {
        SubmissionId id = inReview("Fence repair");
        Job elsewhere = s.mirroredJobs().stream()
                .filter(job -> !job.site().id().value().equals(SITE))
                .findFirst()
                .orElseThrow();
        SubmissionId other = created("Other job");

        assertThat(review.confirm(id, JobId.of("99999999"), ALICE))
                .isInstanceOfSatisfying(
                        ReviewOutcome.Invalid.class,
                        invalid -> assertThat(invalid.violations().get(0).message())
                                .contains("not in the mirror", "sync"));
        assertThat(review.confirm(id, elsewhere.id(), ALICE))
                .isInstanceOfSatisfying(
                        ReviewOutcome.Invalid.class,
                        invalid -> assertThat(invalid.violations().get(0).message())
                                .contains("is at site", SITE));
        s.advance(Duration.ofMinutes(1));
        s.sync();
        assertThat(review.confirm(id, stored(other).jobId().orElseThrow(), ALICE))
                .isInstanceOfSatisfying(
                        ReviewOutcome.Invalid.class,
                        invalid -> assertThat(invalid.violations().get(0).message())
                                .contains("already the job of submission " + other));
        assertThat(stored(id).state()).isEqualTo(SubmissionState.NEEDS_REVIEW);
    }

    @Test
    void resendSendsItAgainOnceAndRecordsIt() {
        SubmissionId id = inReview("Tap washer");
        long creates = s.gateway().calls(GatewayOperation.CREATE_JOB);

        assertThat(review.resend(id, ALICE)).isInstanceOf(ReviewOutcome.Done.class);
        assertThat(stored(id).state()).isEqualTo(SubmissionState.PENDING);
        assertThat(stored(id).history())
                .last()
                .extracting(SubmissionEvent::kind)
                .isEqualTo(SubmissionEvent.Kind.RESENT_BY_OPERATOR);
        s.core().dispatchSubmissions().dispatchDue(10);

        assertThat(stored(id).state()).isEqualTo(SubmissionState.CREATED);
        assertThat(s.gateway().calls(GatewayOperation.CREATE_JOB)).isEqualTo(creates + 1);
    }

    @Test
    void abandonEndsItForGood() {
        SubmissionId id = inReview("Skylight");

        assertThat(review.abandon(id, Optional.of("duplicate of an office booking"), ALICE))
                .isInstanceOf(ReviewOutcome.Done.class);
        assertThat(stored(id).state()).isEqualTo(SubmissionState.ABANDONED);
        assertThat(stored(id).history())
                .last()
                .satisfies(event -> assertThat(event.detail()).isEqualTo("abandoned: duplicate of an office booking"));
        long creates = s.gateway().calls(GatewayOperation.CREATE_JOB);
        s.advance(Duration.ofMinutes(5));
        s.sync();
        s.core().dispatchSubmissions().dispatchDue(10);
        assertThat(s.gateway().calls(GatewayOperation.CREATE_JOB)).isEqualTo(creates);
        assertThat(stored(id).state()).isEqualTo(SubmissionState.ABANDONED);
    }

    @Test
    void anActionOutsideItsStatesIsRefusedWithAHintAndChangesNothing() {
        SubmissionId created = created("Already done");

        for (OperatorAction action : OperatorAction.values()) {
            ReviewOutcome outcome = switch (action) {
                case CONFIRM -> review.confirm(created, stored(created).jobId().orElseThrow(), ALICE);
                case RESEND -> review.resend(created, ALICE);
                case ABANDON -> review.abandon(created, Optional.empty(), ALICE);
            };
            assertThat(outcome).isInstanceOfSatisfying(ReviewOutcome.NotAllowed.class, refused -> {
                assertThat(refused.action()).isEqualTo(action);
                assertThat(refused.hint()).contains("needs_review", "outcome_unknown", "failed", "already created");
            });
        }
        assertThat(stored(created).state()).isEqualTo(SubmissionState.CREATED);
        assertThat(stored(created).history())
                .extracting(SubmissionEvent::kind)
                .containsExactly(SubmissionEvent.Kind.CREATED);
    }

    @Test
    void anUnknownSubmissionIsNotFound() {
        assertThat(review.resend(SubmissionId.of("no-such-submission"), ALICE))
                .isEqualTo(new ReviewOutcome.NotFound(SubmissionId.of("no-such-submission")));
    }

    @Test
    void theQueueListsByStateOldestFirstInPages() {
        SubmissionId first = inReview("Queue one");
        s.advance(Duration.ofSeconds(1));
        SubmissionId second = inReview("Queue two");
        created("Not in the queue");

        ReviewSubmissions.SubmissionPage page = review.list(Set.of(SubmissionState.NEEDS_REVIEW), Optional.empty(), 1);
        assertThat(page.submissions()).extracting(Submission::id).containsExactly(first);
        assertThat(page.next()).contains(first);
        ReviewSubmissions.SubmissionPage rest = review.list(Set.of(SubmissionState.NEEDS_REVIEW), page.next(), 1);
        assertThat(rest.submissions()).extracting(Submission::id).containsExactly(second);
        assertThat(rest.next()).isEmpty();
        assertThat(review.list(EnumSet.noneOf(SubmissionState.class), Optional.empty(), 10)
                        .submissions())
                .hasSize(3);
        assertThat(review.counts())
                .containsEntry(SubmissionState.NEEDS_REVIEW, 2L)
                .containsEntry(SubmissionState.CREATED, 1L);
    }

    /** A create whose job the office renamed and whose reference it dropped: left for a person. */
    private SubmissionId inReview(String title) {
        s.gateway().createsButReportsUnknown(1);
        SubmissionId id = submit(title);
        s.core().dispatchSubmissions().dispatchDue(10);
        Job job = s.gateway().jobs().stream()
                .filter(j -> j.title().equals(title))
                .findFirst()
                .orElseThrow();
        s.gateway()
                .updateJob(
                        job.id(),
                        j -> j.withTitle(title + " (office)").withNotes(""),
                        s.clock().instant());
        s.advance(Duration.ofMinutes(1));
        s.sync();
        s.advance(Duration.ofMinutes(3));
        s.sync();
        s.advance(Duration.ofMinutes(1));
        s.sync(); // decisions from candidates need two covering passes
        assertThat(stored(id).state()).isEqualTo(SubmissionState.NEEDS_REVIEW);
        return id;
    }

    private SubmissionId created(String title) {
        SubmissionId id = submit(title);
        s.core().dispatchSubmissions().dispatchDue(10);
        assertThat(stored(id).state()).isEqualTo(SubmissionState.CREATED);
        return id;
    }

    private SubmissionId submit(String title) {
        SubmitResult result = s.core()
                .submitJob()
                .submit(JobDraftInput.builder()
                        .site(SITE)
                        .jobType("Service")
                        .title(title)
                        .startTime("2026-07-01T09:00:00+10:00")
                        .endTime("2026-07-01T11:00:00+10:00")
                        .build());
        return ((SubmitResult.Accepted) result).submission().id();
    }

    private Submission stored(SubmissionId id) {
        return s.submissions().find(id).orElseThrow();
    }
}
