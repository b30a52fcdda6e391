package dev.fieldsync.adapters.persistence.sync;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of {@code fs_sync_checkpoint}; the {@code pass_*} columns are null when no pass is in progress. */
@MappedEntity(value = "fs_sync_checkpoint", escape = false)
record CheckpointRow(
        @Id String integrationId,
        @Nullable Instant lastCompletedTo,
        @Nullable Instant passFrom,
        @Nullable Instant passTo,
        @Nullable String passCursor,
        @Nullable Integer passPages,
        @Nullable Long passJobs,
        @Nullable Instant passStartedAt) {}
