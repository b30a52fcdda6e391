package dev.fieldsync.adapters.persistence.submission;

import dev.fieldsync.adapters.persistence.change.ChangeRecorder;
import dev.fieldsync.adapters.persistence.sql.Database;
import dev.fieldsync.adapters.persistence.sql.Dialect;
import dev.fieldsync.adapters.persistence.sql.Jdbc;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.JobNumber;
import dev.fieldsync.domain.submission.Submission;
import dev.fieldsync.domain.submission.SubmissionId;
import dev.fieldsync.domain.submission.SubmissionState;
import dev.fieldsync.ports.out.store.Submissions;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The outbox in table {@code fs_submission}, through a Micronaut Data repository. {@link #claimDue} is safe across
 * threads and instances: on PostgreSQL it locks the due rows with {@code FOR UPDATE SKIP LOCKED} and marks them
 * sent in the same transaction (concurrent claimers take other rows instead of waiting); on H2, which has no
 * {@code SKIP LOCKED}, each candidate is taken with an auto-committed conditional
 * {@code UPDATE ... WHERE state = 'PENDING'} that only one caller can win.
 */
@Singleton
public final class SqlSubmissions implements Submissions {
    /** Keeps an IN list well inside every driver's parameter limit. */
    private static final int OWNER_BATCH = 500;

    private final SubmissionRepository rows;
    private final TransactionOperations<Connection> transactions;
    private final Dialect dialect;
    private final ChangeRecorder changeLog;

    SqlSubmissions(
            SubmissionRepository rows,
            TransactionOperations<Connection> transactions,
            Database database,
            ChangeRecorder changeLog) {
        this.rows = rows;
        this.transactions = transactions;
        this.dialect = database.dialect();
        this.changeLog = changeLog;
    }

    @Override
    public void add(Submission submission) {
        Objects.requireNonNull(submission, "submission");
        try {
            transactions.executeWrite(status -> {
                rows.save(toRow(submission));
                changeLog.reached(List.of(submission));
                return null;
            });
        } catch (DataAccessException e) {
            if (Database.isDuplicateKey(e)) {
                throw new IllegalStateException(
                        "submission " + submission.id() + " already exists; use update() to change it", e);
            }
            throw Jdbc.translate("adding submission " + submission.id(), e);
        }
    }

    @Override
    public Optional<Submission> find(SubmissionId id) {
        Objects.requireNonNull(id, "id");
        return call("finding submission " + id, () -> rows.findById(id.value()).map(SqlSubmissions::toSubmission));
    }

    @Override
    public Optional<Submission> findByExternalId(IntegrationId integration, String externalId) {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(externalId, "externalId");
        return call(
                "finding the submission with external id " + externalId,
                () -> rows.findFirstByExternalId(integration.value(), externalId)
                        .map(SqlSubmissions::toSubmission));
    }

    @Override
    public List<Submission> claimDue(IntegrationId integration, Instant now, int max) {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(now, "now");
        requirePositive(max);
        String operation = "claiming due submissions of " + integration;
        if (dialect == Dialect.POSTGRESQL) {
            return call(
                    operation,
                    () -> transactions.executeWrite(status -> {
                        List<SubmissionRow> due = rows.lockDue(integration.value(), now, max);
                        if (due.isEmpty()) {
                            return List.<Submission>of();
                        }
                        rows.claim(due.stream().map(SubmissionRow::submissionId).toList(), now);
                        List<Submission> claimed = due.stream()
                                .map(row -> toSubmission(row).claimed(now))
                                .toList();
                        changeLog.reached(claimed);
                        return claimed;
                    }));
        }
        // Each conditional update commits on its own, so no claimer holds row locks while others wait.
        return call(operation, () -> {
            List<Submission> claimed = new ArrayList<>();
            for (SubmissionRow row : rows.findDue(integration.value(), now, max)) {
                transactions.executeWrite(status -> {
                    if (rows.claim(List.of(row.submissionId()), now) == 1) {
                        claimed.add(toSubmission(row).claimed(now));
                        changeLog.reached(List.of(claimed.get(claimed.size() - 1)));
                    }
                    return null;
                });
            }
            return claimed;
        });
    }

    @Override
    public void update(Submission submission) {
        Objects.requireNonNull(submission, "submission");
        SubmissionRow row = toRow(submission);
        boolean updated = call(
                "updating submission " + submission.id(),
                () -> transactions.executeWrite(status -> {
                    Optional<String> before = rows.findById(row.submissionId()).map(SubmissionRow::state);
                    if (before.isEmpty()) {
                        return false;
                    }
                    rows.update(row);
                    if (!before.get().equals(row.state())) {
                        changeLog.reached(List.of(submission));
                    }
                    return true;
                }));
        if (!updated) {
            throw new IllegalStateException("submission " + submission.id() + " does not exist; add() it first");
        }
    }

    @Override
    public List<Submission> inState(IntegrationId integration, SubmissionState state, int max) {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(state, "state");
        requirePositive(max);
        return call(
                "listing " + state + " submissions of " + integration,
                () -> rows.findInState(integration.value(), state.name(), max).stream()
                        .map(SqlSubmissions::toSubmission)
                        .toList());
    }

    @Override
    public List<Submission> list(
            IntegrationId integration, Set<SubmissionState> states, Optional<SubmissionId> after, int max) {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(states, "states");
        Objects.requireNonNull(after, "after");
        requirePositive(max);
        if (states.isEmpty()) {
            return List.of();
        }
        List<String> names = states.stream().map(Enum::name).toList();
        return call("listing the submissions of " + integration, () -> {
            Optional<SubmissionRow> start = after.flatMap(id -> rows.findById(id.value()))
                    .filter(row -> row.integrationId().equals(integration.value()));
            List<SubmissionRow> found = start.isPresent()
                    ? rows.findInStatesAfter(
                            integration.value(),
                            names,
                            start.get().createdAt(),
                            start.get().submissionId(),
                            max)
                    : rows.findInStates(integration.value(), names, max);
            return found.stream().map(SqlSubmissions::toSubmission).toList();
        });
    }

    @Override
    public Map<JobId, SubmissionId> ownersOf(IntegrationId integration, Collection<JobId> jobs) {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(jobs, "jobs");
        Map<JobId, SubmissionId> owners = new LinkedHashMap<>();
        if (jobs.isEmpty()) {
            return owners;
        }
        List<String> ids = jobs.stream().map(JobId::value).distinct().toList();
        for (int from = 0; from < ids.size(); from += OWNER_BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + OWNER_BATCH));
            call(
                            "finding which submissions created jobs of " + integration,
                            () -> rows.findOwners(integration.value(), batch))
                    .forEach(owner ->
                            owners.putIfAbsent(JobId.of(owner.jobId()), SubmissionId.of(owner.submissionId())));
        }
        return owners;
    }

    @Override
    public List<Submission> claimedBefore(IntegrationId integration, Instant cutoff) {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(cutoff, "cutoff");
        return call(
                "listing abandoned claims of " + integration,
                () -> rows.findClaimedBefore(integration.value(), cutoff).stream()
                        .map(SqlSubmissions::toSubmission)
                        .toList());
    }

    @Override
    public Map<SubmissionState, Long> countByState(IntegrationId integration) {
        Objects.requireNonNull(integration, "integration");
        Map<SubmissionState, Long> counts = new EnumMap<>(SubmissionState.class);
        for (SubmissionState state : SubmissionState.values()) {
            counts.put(state, 0L);
        }
        call("counting the submissions of " + integration, () -> rows.countByState(integration.value()))
                .forEach(count -> counts.put(SubmissionState.valueOf(count.state()), count.total()));
        return counts;
    }

    private static <T> T call(String operation, Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException e) {
            throw Jdbc.translate(operation, e);
        }
    }

    private static SubmissionRow toRow(Submission submission) {
        return new SubmissionRow(
                submission.id().value(),
                submission.integration().value(),
                submission.externalId(),
                submission.state().name(),
                submission.attempts(),
                submission.resent(),
                submission.createdAt(),
                submission.updatedAt(),
                submission.dueAt(),
                submission.claimedAt().orElse(null),
                submission.lastAttemptAt().orElse(null),
                submission.jobId().map(JobId::value).orElse(null),
                submission.jobNumber().map(JobNumber::value).orElse(null),
                submission.lastError().orElse(null),
                DraftJson.write(submission.draft()),
                submission.uncertainSince().orElse(null),
                ReviewJson.writeCandidates(submission.candidates()),
                ReviewJson.writeHistory(submission.history()),
                submission.firstCoveredBy().orElse(null));
    }

    private static Submission toSubmission(SubmissionRow row) {
        return new Submission(
                SubmissionId.of(row.submissionId()),
                IntegrationId.of(row.integrationId()),
                DraftJson.read(row.draft()),
                SubmissionState.valueOf(row.state()),
                row.attempts(),
                row.resent(),
                row.createdAt(),
                row.updatedAt(),
                row.dueAt(),
                Optional.ofNullable(row.claimedAt()),
                Optional.ofNullable(row.lastAttemptAt()),
                Optional.ofNullable(row.jobId()).map(JobId::of),
                Optional.ofNullable(row.jobNumber()).map(JobNumber::of),
                Optional.ofNullable(row.lastError()),
                Optional.ofNullable(row.uncertainSince()),
                ReviewJson.readCandidates(row.candidates()),
                ReviewJson.readHistory(row.history()),
                Optional.ofNullable(row.firstCoveredBy()));
    }

    private static void requirePositive(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, got " + max);
        }
    }
}
