package dev.fieldsync.application.submission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.adapters.memory.InMemoryJobs;
import dev.fieldsync.adapters.memory.InMemorySubmissions;
import dev.fieldsync.adapters.memory.InMemorySyncCheckpoints;
import dev.fieldsync.adapters.memory.ManualClock;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.job.JobDraft;
import dev.fieldsync.domain.job.JobDraftInput;
import dev.fieldsync.domain.submission.Submission;
import dev.fieldsync.domain.submission.SubmissionId;
import dev.fieldsync.domain.submission.SubmissionState;
import dev.fieldsync.domain.sync.SyncWindow;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a pass may declare that an outcome-unknown create did not happen. */
class SubmissionReconcilerTest {
    private static final IntegrationId INTEGRATION = IntegrationId.of("acme");
    private static final Instant CLAIMED = Instant.parse("2026-03-02T08:00:00Z");
    private static final Duration MARGIN = Duration.ofMinutes(2);

    private final ManualClock clock = new ManualClock(CLAIMED);
    private final InMemorySubmissions submissions = new InMemorySubmissions();
    private final SubmissionReconciler reconciler = new SubmissionReconciler(
            INTEGRATION, submissions, new InMemoryJobs(new InMemorySyncCheckpoints()), clock, MARGIN);

    @Test
    void aPassThatEndsBeforeWeGaveUpPlusTheMarginProvesNothingEvenIfItEndsLongAfterTheClaim() {
        // Claimed at 08:00, but retries and budget waits kept the create going until 08:05: it may have
        // reached the gateway at 08:04, which a pass ending at 08:04 cannot have seen.
        Submission unknown = outcomeUnknownAt(CLAIMED.plus(Duration.ofMinutes(5)));

        reconciler.reconcile(unknown, new SyncWindow(CLAIMED.minusSeconds(600), CLAIMED.plus(Duration.ofMinutes(4))));
        assertThat(stored(unknown).state()).isEqualTo(SubmissionState.OUTCOME_UNKNOWN);
        assertThat(stored(unknown).resent()).isFalse();

        reconciler.reconcile(unknown, new SyncWindow(CLAIMED.minusSeconds(600), CLAIMED.plus(Duration.ofMinutes(8))));
        // a covering pass saw nothing; one later pass must agree (a job updated while a pass pages moves past it)
        assertThat(stored(unknown).state()).isEqualTo(SubmissionState.OUTCOME_UNKNOWN);
        reconciler.reconcile(
                stored(unknown),
                new SyncWindow(CLAIMED.plus(Duration.ofMinutes(6)), CLAIMED.plus(Duration.ofMinutes(9))));
        assertThat(stored(unknown).state()).isEqualTo(SubmissionState.PENDING);
        assertThat(stored(unknown).resent()).isTrue();
    }

    private Submission outcomeUnknownAt(Instant gaveUpAt) {
        JobDraft draft = JobDraft.validate(JobDraftInput.builder()
                        .site("3065756")
                        .jobType("12")
                        .title("Pump check")
                        .startTime("2026-07-01T09:00:00+10:00")
                        .endTime("2026-07-01T10:00:00+10:00")
                        .externalId("ext-late-create")
                        .build())
                .orElseThrow();
        Submission unknown = Submission.pending(SubmissionId.of("s-1"), INTEGRATION, draft, CLAIMED.minusSeconds(1))
                .claimed(CLAIMED)
                .outcomeUnknown("timed out", gaveUpAt);
        submissions.add(unknown);
        return unknown;
    }

    private Submission stored(Submission submission) {
        return submissions.find(submission.id()).orElseThrow();
    }
}
