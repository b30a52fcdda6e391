package dev.fieldsync.domain.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldsync.domain.change.ChangeEntry;
import dev.fieldsync.domain.change.ChangeKind;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.StatusId;
import dev.fieldsync.domain.mirror.MirroredJob;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobMembersTest {
    private static final Instant AT = Instant.parse("2026-07-01T00:00:00Z");

    @Test
    void namesExactlyTheMembersThatDifferInTheApisSpelling() {
        Job before = new JobBuilder().build();
        JobBuilder changed = new JobBuilder();
        changed.title = "Annual service (2)";
        changed.startTime = Optional.of(OffsetDateTime.parse("2026-07-01T09:00:00+09:00"));
        changed.customFields = Map.of("scope_of_work", "Install");
        assertThat(JobMembers.changed(before, changed.build())).containsExactly("title", "start_time", "custom_fields");
        assertThat(JobMembers.changed(before, new JobBuilder().build())).isEmpty();
    }

    @Test
    void aContentChangeIsAStateChangeExactlyWhenTheStateMoved() {
        Job before = new JobBuilder().build();
        MirroredJob first = MirroredJob.firstSeen(before, AT, AT);
        Job renamed = before.withTitle("Other");
        Job scheduled = before.withStatus(new JobStatus(StatusId.of("2"), "Booked", JobState.SCHEDULED));

        ChangeEntry rename =
                ChangeEntry.changed(before, first.changed(renamed, AT, Optional.empty(), Optional.empty()), AT);
        ChangeEntry move =
                ChangeEntry.changed(before, first.changed(scheduled, AT, Optional.empty(), Optional.empty()), AT);

        assertThat(rename.kind()).isEqualTo(ChangeKind.JOB_CHANGED);
        assertThat(rename.from()).isEmpty();
        assertThat(move.kind()).isEqualTo(ChangeKind.JOB_STATE_CHANGED);
        assertThat(move.changedMembers()).containsExactly("status");
        assertThat(move.from()).contains(JobState.PENDING);
        assertThat(move.to()).contains(JobState.SCHEDULED);
    }

    @Test
    void anEntryMustNameItsJobOrSubmissionAndAgreeWithIt() {
        MirroredJob mirrored = MirroredJob.firstSeen(new JobBuilder().build(), AT, AT);
        assertThatThrownBy(() -> new ChangeEntry(
                        ChangeKind.JOB_CHANGED,
                        AT,
                        Optional.empty(),
                        List.of(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()))
                .hasMessageContaining("job.changed must name its job");
        assertThatThrownBy(() -> new ChangeEntry(
                        ChangeKind.SUBMISSION_FAILED,
                        AT,
                        Optional.empty(),
                        List.of(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()))
                .hasMessageContaining("must name its submission");
        assertThatThrownBy(() -> new ChangeEntry(
                        ChangeKind.JOB_CREATED,
                        AT,
                        Optional.of(JobId.of("1")),
                        List.of(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(mirrored)))
                .hasMessageContaining("job id must be its job's id");
    }
}
