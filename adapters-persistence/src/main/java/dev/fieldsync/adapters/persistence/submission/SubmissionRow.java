package dev.fieldsync.adapters.persistence.submission;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of {@code fs_submission}: the columns queries and claims need, the draft, the candidates and the history as JSON documents. */
@MappedEntity(value = "fs_submission", escape = false)
record SubmissionRow(
        @Id String submissionId,
        String integrationId,
        String externalId,
        String state,
        int attempts,
        boolean resent,
        Instant createdAt,
        Instant updatedAt,
        Instant dueAt,
        @Nullable Instant claimedAt,
        @Nullable Instant lastAttemptAt,
        @Nullable String jobId,
        @Nullable String jobNumber,
        @Nullable String lastError,
        String draft,
        @Nullable Instant uncertainSince,
        @Nullable String candidates,
        @Nullable String history,
        @Nullable Instant firstCoveredBy) {}
