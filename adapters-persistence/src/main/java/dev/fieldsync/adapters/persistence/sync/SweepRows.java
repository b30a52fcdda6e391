package dev.fieldsync.adapters.persistence.sync;

import dev.fieldsync.adapters.persistence.sql.Columns;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.sync.GoneReview;
import dev.fieldsync.domain.sync.SweepProgress;
import dev.fieldsync.domain.sync.SweepResult;
import dev.fieldsync.domain.sync.SweepState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Maps a {@link SweepState} to its {@code fs_sweep} row and back (plain JDBC on the caller's connection). */
final class SweepRows {
    private static final String COLUMNS = "last_sweep, pass_started_at, pass_cursor, pass_pages, pass_jobs, "
            + "pass_repaired, done_sweep, done_started_at, done_completed_at, done_jobs, done_repaired, done_gone, "
            + "review_sweep, review_started_at, review_candidates, review_mirrored, review_raised_at, "
            + "widened_overlap_ms, missed_total";
    private static final int COUNT = 19;
    private static final String UPDATE =
            "UPDATE fs_sweep SET " + String.join(" = ?, ", COLUMNS.split(", ")) + " = ? WHERE integration_id = ?";
    private static final String INSERT =
            "INSERT INTO fs_sweep (" + COLUMNS + ", integration_id) VALUES (" + "?, ".repeat(COUNT) + "?)";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM fs_sweep WHERE integration_id = ?";

    private SweepRows() {}

    static Optional<SweepState> load(Connection connection, IntegrationId integration) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, integration.value());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(integration, row)) : Optional.empty();
            }
        }
    }

    static void save(Connection connection, SweepState state) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
            bind(update, state);
            if (update.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            bind(insert, state);
            insert.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, SweepState state) throws SQLException {
        Optional<SweepProgress> pass = state.inProgress();
        Optional<SweepResult> done = state.lastCompleted();
        Optional<GoneReview> review = state.review();
        int i = 1;
        statement.setLong(i++, state.lastSweep());
        Columns.set(statement, i++, pass.map(SweepProgress::startedAt));
        Columns.setText(statement, i++, pass.flatMap(SweepProgress::nextCursor));
        setLong(statement, i++, pass.map(p -> (long) p.pagesDone()));
        setLong(statement, i++, pass.map(SweepProgress::jobsSeen));
        setLong(statement, i++, pass.map(SweepProgress::repaired));
        setLong(statement, i++, done.map(SweepResult::sweep));
        Columns.set(statement, i++, done.map(SweepResult::startedAt));
        Columns.set(statement, i++, done.map(SweepResult::completedAt));
        setLong(statement, i++, done.map(SweepResult::jobsSeen));
        setLong(statement, i++, done.map(SweepResult::repaired));
        setLong(statement, i++, done.map(SweepResult::markedGone));
        setLong(statement, i++, review.map(GoneReview::sweep));
        Columns.set(statement, i++, review.map(GoneReview::sweepStartedAt));
        setLong(statement, i++, review.map(GoneReview::candidates));
        setLong(statement, i++, review.map(GoneReview::mirrored));
        Columns.set(statement, i++, review.map(GoneReview::raisedAt));
        setLong(statement, i++, state.widenedOverlap().map(Duration::toMillis));
        statement.setLong(i++, state.missedByIncremental());
        statement.setString(i, state.integration().value());
    }

    private static SweepState read(IntegrationId integration, ResultSet row) throws SQLException {
        long lastSweep = row.getLong("last_sweep");
        Optional<Instant> passStarted = Columns.get(row, "pass_started_at");
        Optional<SweepProgress> pass = passStarted.isEmpty()
                ? Optional.empty()
                : Optional.of(new SweepProgress(
                        lastSweep,
                        Columns.text(row, "pass_cursor"),
                        (int) row.getLong("pass_pages"),
                        row.getLong("pass_jobs"),
                        row.getLong("pass_repaired"),
                        passStarted.get()));
        Optional<SweepResult> done = Columns.get(row, "done_completed_at").isEmpty()
                ? Optional.empty()
                : Optional.of(new SweepResult(
                        row.getLong("done_sweep"),
                        Columns.require(row, "done_started_at"),
                        Columns.require(row, "done_completed_at"),
                        row.getLong("done_jobs"),
                        row.getLong("done_repaired"),
                        row.getLong("done_gone")));
        Optional<GoneReview> review = Columns.get(row, "review_raised_at").isEmpty()
                ? Optional.empty()
                : Optional.of(new GoneReview(
                        row.getLong("review_sweep"),
                        Columns.require(row, "review_started_at"),
                        row.getLong("review_candidates"),
                        row.getLong("review_mirrored"),
                        Columns.require(row, "review_raised_at")));
        long overlapMillis = row.getLong("widened_overlap_ms");
        Optional<Duration> overlap = row.wasNull() ? Optional.empty() : Optional.of(Duration.ofMillis(overlapMillis));
        return new SweepState(integration, lastSweep, pass, done, review, overlap, row.getLong("missed_total"));
    }

    private static void setLong(PreparedStatement statement, int index, Optional<Long> value) throws SQLException {
        if (value.isPresent()) {
            statement.setLong(index, value.get());
        } else {
            statement.setNull(index, Types.BIGINT);
        }
    }
}
