package dev.fieldsync.app.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fieldsync.domain.change.Change;
import dev.fieldsync.domain.change.ChangeEntry;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.submission.SubmissionId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * One change of the feed as the API shows it: its stable id, the integration it belongs to, sequence, kind, when, the job it is about, what
 * changed (member names, always listed, empty for none; state from/to), the submission, and the job as mirrored
 * after the change, and {@code repaired: true} when the verification sweep found a change no incremental pass had
 * delivered. Absent members are left out, as in the other views.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record ChangeView(
        String id,
        String integration,
        long sequence,
        String kind,
        Instant occurredAt,
        @Nullable String jobId,
        @JsonInclude(JsonInclude.Include.ALWAYS) List<String> changedMembers,
        @Nullable String from,
        @Nullable String to,
        @Nullable String submissionId,
        @Nullable @Schema(type = "object", nullable = true) JobView job,
        @Nullable Boolean repaired) {

    public static ChangeView of(Change change) {
        ChangeEntry entry = change.entry();
        return new ChangeView(
                change.id(),
                change.integration().value(),
                change.sequence(),
                change.kind().wireName(),
                change.occurredAt(),
                entry.jobId().map(JobId::value).orElse(null),
                entry.changedMembers(),
                entry.from().map(JobState::wireName).orElse(null),
                entry.to().map(JobState::wireName).orElse(null),
                entry.submission().map(SubmissionId::value).orElse(null),
                entry.job().map(JobView::of).orElse(null),
                entry.repaired() ? Boolean.TRUE : null);
    }

    /** A page of the feed and the link to the next one (the feed never ends: follow it to see what comes). */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Page(
            @JsonInclude(JsonInclude.Include.ALWAYS) List<ChangeView> changes, String next, long latestSequence) {}
}
