package dev.fieldsync.domain.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.JobNumber;
import dev.fieldsync.domain.job.JobDraft;
import dev.fieldsync.domain.job.JobDraftInput;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubmissionTest {
    private static final Instant T0 = Instant.parse("2026-07-01T00:00:00Z");
    private static final IntegrationId ACME = IntegrationId.of("acme");

    private static JobDraft draft(String externalId) {
        return JobDraft.validate(JobDraftInput.builder()
                        .site("1")
                        .jobType("2")
                        .title("Annual service")
                        .startTime("2026-07-01T09:00:00+10:00")
                        .endTime("2026-07-01T11:00:00+10:00")
                        .externalId(externalId)
                        .build())
                .orElseThrow();
    }

    private static Submission pending() {
        return Submission.pending(SubmissionId.of("s-1"), ACME, draft("erp-1"), T0);
    }

    @Test
    void aSubmissionNeedsAnExternalId() {
        assertThatThrownBy(() -> Submission.pending(SubmissionId.random(), ACME, draft(null), T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("external id");
    }

    @Test
    void aNewSubmissionIsPendingAndDueAtOnce() {
        Submission s = pending();
        assertThat(s.state()).isEqualTo(SubmissionState.PENDING);
        assertThat(s.attempts()).isZero();
        assertThat(s.resent()).isFalse();
        assertThat(s.dueAt()).isEqualTo(T0);
        assertThat(s.externalId()).isEqualTo("erp-1");
        assertThat(s.jobId()).isEmpty();
    }

    @Test
    void claimCountsAnAttemptAndCreateRecordsTheJob() {
        Submission claimed = pending().claimed(T0.plusSeconds(1));
        assertThat(claimed.state()).isEqualTo(SubmissionState.SENDING);
        assertThat(claimed.attempts()).isEqualTo(1);
        assertThat(claimed.claimedAt()).contains(T0.plusSeconds(1));
        assertThat(claimed.lastAttemptAt()).contains(T0.plusSeconds(1));

        Submission created = claimed.created(JobId.of("21172159"), Optional.of(JobNumber.of("16")), T0.plusSeconds(2));
        assertThat(created.state()).isEqualTo(SubmissionState.CREATED);
        assertThat(created.state().isTerminal()).isTrue();
        assertThat(created.jobId()).contains(JobId.of("21172159"));
        assertThat(created.jobNumber()).contains(JobNumber.of("16"));
        assertThat(created.claimedAt()).isEmpty();
        assertThat(created.lastError()).isEmpty();
        assertThat(created.updatedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(created.createdAt()).isEqualTo(T0);
    }

    @Test
    void aRetryableRefusalGoesBackToTheQueueLater() {
        Submission retried = pending().claimed(T0).retryAt(T0.plusSeconds(5), "429 rate-limited", T0.plusSeconds(1));
        assertThat(retried.state()).isEqualTo(SubmissionState.PENDING);
        assertThat(retried.dueAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(retried.attempts()).isEqualTo(1);
        assertThat(retried.lastError()).contains("429 rate-limited");
        assertThat(retried.claimed(T0.plusSeconds(5)).attempts()).isEqualTo(2);
    }

    @Test
    void aFinalRefusalFails() {
        Submission failed = pending().claimed(T0).failed("400 invalid-body", T0);
        assertThat(failed.state()).isEqualTo(SubmissionState.FAILED);
        assertThat(failed.state().isTerminal()).isTrue();
        assertThat(failed.lastError()).contains("400 invalid-body");
    }

    @Test
    void anOutcomeUnknownCreateMayBeResentExactlyOnce() {
        Submission unknown = pending().claimed(T0).outcomeUnknown("timeout after sending", T0.plusSeconds(1));
        assertThat(unknown.state()).isEqualTo(SubmissionState.OUTCOME_UNKNOWN);
        assertThat(unknown.state().isTerminal()).isFalse();

        Submission resent = unknown.resend(T0.plusSeconds(60));
        assertThat(resent.state()).isEqualTo(SubmissionState.PENDING);
        assertThat(resent.resent()).isTrue();
        assertThat(resent.dueAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(resent.externalId()).isEqualTo("erp-1");

        Submission unknownAgain =
                resent.claimed(T0.plusSeconds(61)).outcomeUnknown("timeout again", T0.plusSeconds(62));
        assertThat(unknownAgain.resent()).isTrue();
        assertThatThrownBy(() -> unknownAgain.resend(T0.plusSeconds(120)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already re-sent");
    }

    @Test
    void onlyAnOutcomeUnknownCreateMayBeResent() {
        assertThatThrownBy(() -> pending().resend(T0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PENDING");
        Submission created = pending().claimed(T0).created(JobId.of("1"), Optional.empty(), T0);
        assertThatThrownBy(() -> created.resend(T0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CREATED");
    }

    @Test
    void submissionIdsAreOneToSixtyFourCharacters() {
        assertThat(SubmissionId.random().value()).hasSize(36);
        assertThat(SubmissionId.random()).isNotEqualTo(SubmissionId.random());
        assertThat(SubmissionId.of("x".repeat(64))).hasToString("x".repeat(64));
        assertThatThrownBy(() -> SubmissionId.of("x".repeat(65))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SubmissionId.of(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
