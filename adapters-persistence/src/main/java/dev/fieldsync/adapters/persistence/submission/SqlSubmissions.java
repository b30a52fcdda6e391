package dev.fieldsync.adapters.persistence.submission;

import dev.fieldsync.adapters.persistence.sql.Columns;
import dev.fieldsync.adapters.persistence.sql.Database;
import dev.fieldsync.adapters.persistence.sql.Dialect;
import dev.fieldsync.adapters.persistence.sql.PersistenceException;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.JobNumber;
import dev.fieldsync.domain.submission.Submission;
import dev.fieldsync.domain.submission.SubmissionId;
import dev.fieldsync.domain.submission.SubmissionState;
import dev.fieldsync.ports.out.store.Submissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outbox in table {@code fs_submission}. {@link #claimDue} is safe across threads and instances: on
 * PostgreSQL it locks the due rows with {@code FOR UPDATE SKIP LOCKED} (concurrent claimers take other rows
 * instead of waiting); on H2, which has no {@code SKIP LOCKED}, each candidate is taken with a conditional
 * {@code UPDATE ... WHERE state = 'PENDING'} that only one caller can win.
 */
public final class SqlSubmissions implements Submissions {
    private static final String COLUMNS = "submission_id, integration_id, external_id, state, attempts, resent, "
            + "created_at, updated_at, due_at, claimed_at, last_attempt_at, job_id, job_number, last_error, draft";
    private static final String INSERT = "INSERT INTO fs_submission (" + COLUMNS + ") VALUES ("
            + "?, ".repeat(14) + "?)";
    private static final String UPDATE = "UPDATE fs_submission SET integration_id = ?, external_id = ?, state = ?, "
            + "attempts = ?, resent = ?, created_at = ?, updated_at = ?, due_at = ?, claimed_at = ?, "
            + "last_attempt_at = ?, job_id = ?, job_number = ?, last_error = ?, draft = ? WHERE submission_id = ?";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM fs_submission";
    private static final String DUE = " WHERE integration_id = ? AND state = 'PENDING' AND due_at <= ?"
            + " ORDER BY due_at, created_at, submission_id LIMIT ?";
    private static final String CLAIM = "UPDATE fs_submission SET state = 'SENDING', attempts = attempts + 1, "
            + "updated_at = ?, claimed_at = ?, last_attempt_at = ? WHERE submission_id = ? AND state = 'PENDING'";

    private final Database database;

    public SqlSubmissions(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public void add(Submission submission) {
        Objects.requireNonNull(submission, "submission");
        try {
            database.autoCommit("adding submission " + submission.id(), connection -> {
                try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                    insert.setString(1, submission.id().value());
                    bindRest(insert, 2, submission);
                    return insert.executeUpdate();
                }
            });
        } catch (PersistenceException e) {
            if (e.getCause() instanceof SQLException sql && Database.isDuplicateKey(sql)) {
                throw new IllegalStateException("submission " + submission.id() + " already exists; use update() to change it", e);
            }
            throw e;
        }
    }

    @Override
    public Optional<Submission> find(SubmissionId id) {
        Objects.requireNonNull(id, "id");
        return database.autoCommit("finding submission " + id, connection ->
                first(connection, SELECT + " WHERE submission_id = ?", id.value()));
    }

    @Override
    public Optional<Submission> findByExternalId(IntegrationId integration, String externalId) {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(externalId, "externalId");
        return database.autoCommit("finding the submission with external id " + externalId, connection ->
                first(connection, SELECT + " WHERE integration_id = ? AND external_id = ? ORDER BY created_at, submission_id",
                        integration.value(), externalId));
    }

    @Override
    public List<Submission> claimDue(IntegrationId integration, Instant now, int max) {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(now, "now");
        requirePositive(max);
        String operation = "claiming due submissions of " + integration;
        if (database.dialect() == Dialect.POSTGRESQL) {
            return database.inTransaction(operation, connection -> claimSkippingLocked(connection, integration, now, max));
        }
        // Each conditional update commits on its own, so no claimer holds row locks while others wait.
        return database.autoCommit(operation, connection -> claimConditionally(connection, integration, now, max));
    }

    /** PostgreSQL: lock due rows that nobody else holds, then mark them sent in the same transaction. */
    private static List<Submission> claimSkippingLocked(Connection connection, IntegrationId integration, Instant now,
            int max) throws SQLException {
        List<Submission> due = query(connection, SELECT + DUE + " FOR UPDATE SKIP LOCKED", integration.value(), now, max);
        List<Submission> claimed = new ArrayList<>(due.size());
        try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            for (Submission submission : due) {
                bindClaim(claim, submission, now);
                claim.addBatch();
                claimed.add(submission.claimed(now));
            }
            if (!due.isEmpty()) {
                claim.executeBatch();
            }
        }
        return claimed;
    }

    /** H2: read candidates without locks; a conditional update decides who wins each one. */
    private static List<Submission> claimConditionally(Connection connection, IntegrationId integration, Instant now,
            int max) throws SQLException {
        List<Submission> due = query(connection, SELECT + DUE, integration.value(), now, max);
        List<Submission> claimed = new ArrayList<>(due.size());
        try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            for (Submission submission : due) {
                bindClaim(claim, submission, now);
                if (claim.executeUpdate() == 1) {
                    claimed.add(submission.claimed(now));
                }
            }
        }
        return claimed;
    }

    private static void bindClaim(PreparedStatement claim, Submission submission, Instant now) throws SQLException {
        Columns.set(claim, 1, now);
        Columns.set(claim, 2, now);
        Columns.set(claim, 3, now);
        claim.setString(4, submission.id().value());
    }

    @Override
    public void update(Submission submission) {
        Objects.requireNonNull(submission, "submission");
        int updated = database.autoCommit("updating submission " + submission.id(), connection -> {
            try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
                bindRest(update, 1, submission);
                update.setString(15, submission.id().value());
                return update.executeUpdate();
            }
        });
        if (updated == 0) {
            throw new IllegalStateException("submission " + submission.id() + " does not exist; add() it first");
        }
    }

    @Override
    public List<Submission> inState(IntegrationId integration, SubmissionState state, int max) {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(state, "state");
        requirePositive(max);
        return database.autoCommit("listing " + state + " submissions of " + integration, connection -> query(connection,
                SELECT + " WHERE integration_id = ? AND state = ? ORDER BY created_at, submission_id LIMIT ?",
                integration.value(), state.name(), max));
    }

    @Override
    public List<Submission> claimedBefore(IntegrationId integration, Instant cutoff) {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(cutoff, "cutoff");
        return database.autoCommit("listing abandoned claims of " + integration, connection -> query(connection,
                SELECT + " WHERE integration_id = ? AND state = 'SENDING' AND claimed_at < ?"
                        + " ORDER BY claimed_at, submission_id", integration.value(), cutoff));
    }

    @Override
    public Map<SubmissionState, Long> countByState(IntegrationId integration) {
        Objects.requireNonNull(integration, "integration");
        return database.autoCommit("counting the submissions of " + integration, connection -> {
            Map<SubmissionState, Long> counts = new EnumMap<>(SubmissionState.class);
            for (SubmissionState state : SubmissionState.values()) {
                counts.put(state, 0L);
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT state, COUNT(*) FROM fs_submission WHERE integration_id = ? GROUP BY state")) {
                select.setString(1, integration.value());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        counts.put(SubmissionState.valueOf(rows.getString(1)), rows.getLong(2));
                    }
                }
            }
            return counts;
        });
    }

    /** Binds every column but the id, starting at {@code first}, in {@link #UPDATE}'s order. */
    private static void bindRest(PreparedStatement statement, int first, Submission submission) throws SQLException {
        int i = first;
        statement.setString(i++, submission.integration().value());
        statement.setString(i++, submission.externalId());
        statement.setString(i++, submission.state().name());
        statement.setInt(i++, submission.attempts());
        statement.setBoolean(i++, submission.resent());
        Columns.set(statement, i++, submission.createdAt());
        Columns.set(statement, i++, submission.updatedAt());
        Columns.set(statement, i++, submission.dueAt());
        Columns.set(statement, i++, submission.claimedAt());
        Columns.set(statement, i++, submission.lastAttemptAt());
        Columns.setText(statement, i++, submission.jobId().map(JobId::value));
        Columns.setText(statement, i++, submission.jobNumber().map(JobNumber::value));
        Columns.setText(statement, i++, submission.lastError());
        statement.setString(i, DraftJson.write(submission.draft()));
    }

    private static Optional<Submission> first(Connection connection, String sql, Object... parameters) throws SQLException {
        List<Submission> found = query(connection, sql, parameters);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private static List<Submission> query(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] instanceof Instant instant) {
                    Columns.set(select, i + 1, instant);
                } else {
                    select.setObject(i + 1, parameters[i]);
                }
            }
            List<Submission> found = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(read(rows));
                }
            }
            return found;
        }
    }

    private static Submission read(ResultSet row) throws SQLException {
        return new Submission(
                SubmissionId.of(row.getString("submission_id")),
                IntegrationId.of(row.getString("integration_id")),
                DraftJson.read(row.getString("draft")),
                SubmissionState.valueOf(row.getString("state")),
                row.getInt("attempts"),
                row.getBoolean("resent"),
                Columns.require(row, "created_at"),
                Columns.require(row, "updated_at"),
                Columns.require(row, "due_at"),
                Columns.get(row, "claimed_at"),
                Columns.get(row, "last_attempt_at"),
                Columns.text(row, "job_id").map(JobId::of),
                Columns.text(row, "job_number").map(JobNumber::of),
                Columns.text(row, "last_error"));
    }

    private static void requirePositive(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, got " + max);
        }
    }
}
