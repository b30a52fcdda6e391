package dev.fieldsync.adapters.persistence.sync;

import dev.fieldsync.adapters.persistence.sql.Columns;
import dev.fieldsync.adapters.persistence.sql.Jdbc;
import dev.fieldsync.adapters.persistence.sql.LeadingStatement;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.sync.PassProgress;
import dev.fieldsync.domain.sync.SweepState;
import dev.fieldsync.domain.sync.SyncCheckpoint;
import dev.fieldsync.domain.sync.SyncWindow;
import dev.fieldsync.ports.out.store.SyncCheckpoints;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.Types;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link SyncCheckpoints} in table {@code fs_sync_checkpoint}, one row per integration, through a Micronaut Data
 * repository, and the sweep's state in {@code fs_sweep} ({@link SweepRows}). {@link #save} joins the caller's transaction when there is one, so {@code Jobs.applyPage} commits
 * the checkpoint together with the page.
 */
@Singleton
public final class SqlSyncCheckpoints implements SyncCheckpoints {
    /** The page path's save: one statement in the page transaction (see {@link #pageUpdate}). */
    private static final String UPDATE_ROW = "UPDATE fs_sync_checkpoint SET last_completed_to = ?, pass_from = ?, "
            + "pass_to = ?, pass_cursor = ?, pass_pages = ?, pass_jobs = ?, pass_started_at = ? WHERE integration_id = ?";

    private final CheckpointRepository rows;
    private final TransactionOperations<Connection> transactions;

    SqlSyncCheckpoints(CheckpointRepository rows, TransactionOperations<Connection> transactions) {
        this.rows = rows;
        this.transactions = transactions;
    }

    @Override
    public Optional<SyncCheckpoint> load(IntegrationId integration) {
        Objects.requireNonNull(integration, "integration");
        try {
            return rows.findById(integration.value()).map(row -> toCheckpoint(integration, row));
        } catch (DataAccessException e) {
            throw Jdbc.translate("loading the sync checkpoint of " + integration, e);
        }
    }

    @Override
    public void save(SyncCheckpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        CheckpointRow row = toRow(checkpoint);
        try {
            // Update when present, else insert: portable across H2 and PostgreSQL without MERGE/ON CONFLICT dialects.
            transactions.executeWrite(
                    status -> rows.existsById(row.integrationId()) ? rows.update(row) : rows.save(row));
        } catch (DataAccessException e) {
            throw Jdbc.translate("saving the sync checkpoint of " + checkpoint.integration(), e);
        }
    }

    /**
     * {@link #save} as one {@code UPDATE} to run in the page transaction (a page's checkpoint: its pass saved the row
     * before its first page), on its own or ahead of another statement in one round trip (the page's change-log
     * append); then {@link #insertUnlessUpdated}. {@code trailing}, when not empty, is one parameterless statement sent
     * right after the {@code UPDATE} (PostgreSQL: the page's {@code SET LOCAL synchronous_commit = off}).
     * {@code Jobs.applyPage} saves this way: no round trip of its own, not the repository's two.
     */
    public LeadingStatement pageUpdate(SyncCheckpoint checkpoint, Optional<String> trailing) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        CheckpointRow row = toRow(checkpoint);
        String sql = trailing.map(statement -> UPDATE_ROW + "; " + statement).orElse(UPDATE_ROW);
        return new LeadingStatement(sql, 8, (update, first) -> {
            Columns.set(update, first, Optional.ofNullable(row.lastCompletedTo()));
            Columns.set(update, first + 1, Optional.ofNullable(row.passFrom()));
            Columns.set(update, first + 2, Optional.ofNullable(row.passTo()));
            Columns.setText(update, first + 3, Optional.ofNullable(row.passCursor()));
            if (row.passPages() == null) {
                update.setNull(first + 4, Types.INTEGER);
            } else {
                update.setInt(first + 4, row.passPages());
            }
            if (row.passJobs() == null) {
                update.setNull(first + 5, Types.BIGINT);
            } else {
                update.setLong(first + 5, row.passJobs());
            }
            Columns.set(update, first + 6, Optional.ofNullable(row.passStartedAt()));
            update.setString(first + 7, row.integrationId());
        });
    }

    /** After {@link #pageUpdate} ran: only when the row is not there yet does {@link #save} insert it (joining). */
    public void insertUnlessUpdated(SyncCheckpoint checkpoint, LeadingStatement update) {
        if (update.updatedCount() != 1) {
            save(checkpoint);
        }
    }

    @Override
    public Optional<SweepState> loadSweep(IntegrationId integration) {
        Objects.requireNonNull(integration, "integration");
        return Jdbc.inTransaction(
                transactions,
                "loading the sweep state of " + integration,
                connection -> SweepRows.load(connection, integration));
    }

    /** Joins the caller's transaction when there is one ({@code Jobs.applySweepPage}). */
    @Override
    public void saveSweep(SweepState state) {
        Objects.requireNonNull(state, "state");
        Jdbc.inTransaction(transactions, "saving the sweep state of " + state.integration(), connection -> {
            SweepRows.save(connection, state);
            return null;
        });
    }

    private static CheckpointRow toRow(SyncCheckpoint checkpoint) {
        Optional<PassProgress> progress = checkpoint.inProgress();
        return new CheckpointRow(
                checkpoint.integration().value(),
                checkpoint.lastCompletedTo().orElse(null),
                progress.map(p -> p.window().from()).orElse(null),
                progress.map(p -> p.window().to()).orElse(null),
                progress.flatMap(PassProgress::nextCursor).orElse(null),
                progress.map(PassProgress::pagesDone).orElse(null),
                progress.map(PassProgress::jobsSeen).orElse(null),
                progress.map(PassProgress::startedAt).orElse(null));
    }

    private static SyncCheckpoint toCheckpoint(IntegrationId integration, CheckpointRow row) {
        Optional<PassProgress> progress = Optional.empty();
        if (row.passFrom() != null) {
            progress = Optional.of(new PassProgress(
                    new SyncWindow(row.passFrom(), required(row.passTo(), "pass_to")),
                    Optional.ofNullable(row.passCursor()),
                    required(row.passPages(), "pass_pages"),
                    required(row.passJobs(), "pass_jobs"),
                    required(row.passStartedAt(), "pass_started_at")));
        }
        return new SyncCheckpoint(integration, Optional.ofNullable(row.lastCompletedTo()), progress);
    }

    private static <T> T required(T value, String column) {
        if (value == null) {
            throw new IllegalStateException("fs_sync_checkpoint." + column + " is null although a pass is in progress");
        }
        return value;
    }
}
