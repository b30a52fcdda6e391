package dev.fieldsync.adapters.persistence.submission;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Table {@code fs_submission}. Every statement but {@link #lockDue} is portable, so the PostgreSQL dialect serves
 * H2 as well; {@link #lockDue} ({@code FOR UPDATE SKIP LOCKED}) is called on PostgreSQL only.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface SubmissionRepository extends GenericRepository<SubmissionRow, String> {
    String DUE = "SELECT * FROM fs_submission WHERE integration_id = :integrationId AND state = 'PENDING' "
            + "AND due_at <= :now ORDER BY due_at, created_at, submission_id LIMIT :max";

    /** Inserts; an existing id fails on the primary key. */
    SubmissionRow save(SubmissionRow row);

    boolean existsById(String id);

    SubmissionRow update(SubmissionRow row);

    Optional<SubmissionRow> findById(String submissionId);

    @Query("SELECT * FROM fs_submission WHERE integration_id = :integrationId AND external_id = :externalId "
            + "ORDER BY created_at, submission_id LIMIT 1")
    Optional<SubmissionRow> findFirstByExternalId(String integrationId, String externalId);

    /** Due rows, read without locks (H2: the claim itself decides who wins). */
    @Query(DUE)
    List<SubmissionRow> findDue(String integrationId, Instant now, int max);

    /** PostgreSQL only: locks due rows nobody else holds; concurrent claimers take other rows instead of waiting. */
    @Query(DUE + " FOR UPDATE SKIP LOCKED")
    List<SubmissionRow> lockDue(String integrationId, Instant now, int max);

    /** Claims the rows still pending; returns how many this call won. */
    @Query("UPDATE fs_submission SET state = 'SENDING', attempts = attempts + 1, updated_at = :now, claimed_at = :now, "
            + "last_attempt_at = :now WHERE submission_id IN (:submissionIds) AND state = 'PENDING'")
    long claim(Collection<String> submissionIds, Instant now);

    @Query("SELECT * FROM fs_submission WHERE integration_id = :integrationId AND state = :state "
            + "ORDER BY created_at, submission_id LIMIT :max")
    List<SubmissionRow> findInState(String integrationId, String state, int max);

    @Query("SELECT * FROM fs_submission WHERE integration_id = :integrationId AND state IN (:states) "
            + "ORDER BY created_at, submission_id LIMIT :max")
    List<SubmissionRow> findInStates(String integrationId, Collection<String> states, int max);

    /** Keyset page: rows after ({@code createdAt}, {@code submissionId}) in the listing order. */
    @Query("SELECT * FROM fs_submission WHERE integration_id = :integrationId AND state IN (:states) "
            + "AND (created_at > :createdAt OR (created_at = :createdAt AND submission_id > :submissionId)) "
            + "ORDER BY created_at, submission_id LIMIT :max")
    List<SubmissionRow> findInStatesAfter(
            String integrationId, Collection<String> states, Instant createdAt, String submissionId, int max);

    @Query("SELECT job_id AS job_id, submission_id AS submission_id FROM fs_submission "
            + "WHERE integration_id = :integrationId AND job_id IN (:jobIds) ORDER BY created_at, submission_id")
    List<JobOwner> findOwners(String integrationId, Collection<String> jobIds);

    @Query("SELECT * FROM fs_submission WHERE integration_id = :integrationId AND state = 'SENDING' "
            + "AND claimed_at < :cutoff ORDER BY claimed_at, submission_id")
    List<SubmissionRow> findClaimedBefore(String integrationId, Instant cutoff);

    @Query(
            "SELECT state AS state, COUNT(*) AS total FROM fs_submission WHERE integration_id = :integrationId GROUP BY state")
    List<StateCount> countByState(String integrationId);

    /** One line of {@link #findOwners}. */
    @Introspected
    record JobOwner(String jobId, String submissionId) {}

    /** One line of {@link #countByState}. */
    @Introspected
    record StateCount(String state, long total) {}
}
