package dev.fieldsync.adapters.persistence.job;

import dev.fieldsync.adapters.persistence.sql.Dialect;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobFingerprint;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.mirror.MirroredJob;
import dev.fieldsync.ports.out.store.JobChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.postgresql.PGStatement;

/** How {@link SqlJobs} writes a page on PostgreSQL: upserts that tell new, changed and unchanged apart at once. */
final class PostgresPageWriter {
    /** PostgreSQL: clears the provisional state of the given unchanged jobs (new and changed rows have none). */
    private static final String CLEAR_PROVISIONAL_OF_IDS = "UPDATE fs_job SET provisional_state = NULL, "
            + "provisional_since = NULL, effective_state = synced_state, effective_open = synced_state IN ("
            + Arrays.stream(JobState.values())
                    .filter(JobState::isOpen)
                    .map(state -> "'" + state.name() + "'")
                    .collect(Collectors.joining(", "))
            + ") WHERE integration_id = ? AND job_id = ANY (?) AND provisional_state IS NOT NULL";
    /** Rows per upsert statement: 31 parameters a row stays far below PostgreSQL's 32,767; pages are 100. */
    private static final int UPSERT_CHUNK = 500;

    private PostgresPageWriter() {}

    /** What a write did, and the stored rows of the jobs it found mirrored already, as they were before it. */
    record Recorded(List<JobChange> changes, Map<JobId, MirroredJob> before) {}

    /**
     * PostgreSQL with the change log on: first inserts the jobs not mirrored yet ({@code ON CONFLICT DO NOTHING
     * RETURNING}; new jobs need no stored row to diff against), then reads the stored rows of the others only and
     * writes them as {@link #write} does. A first sync's pages are all new, so it never reads: the read's
     * {@code job_id = ANY (?)} is planned without statistics while fs_job grows (autovacuum may not have analysed
     * it, or be off), and PostgreSQL then chose a bitmap scan of every row of the integration on each page (62 ms
     * a page at 150,000 jobs: a first sync with the log on took 3.0x as long as without).
     */
    static Recorded writeRecordingPrior(
            Connection connection,
            IntegrationId integration,
            Map<JobId, Job> unique,
            Map<JobId, JobFingerprint> fingerprints,
            Instant seenAt,
            Instant listedBefore)
            throws SQLException {
        List<Job> jobs = new ArrayList<>(unique.values());
        Set<String> inserted = new HashSet<>();
        for (int from = 0; from < jobs.size(); from += UPSERT_CHUNK) {
            List<Job> chunk = jobs.subList(from, Math.min(jobs.size(), from + UPSERT_CHUNK));
            try (PreparedStatement insert = connection.prepareStatement(JobRows.insertNew(chunk.size()))) {
                for (int row = 0; row < chunk.size(); row++) {
                    Job job = chunk.get(row);
                    JobRows.bindUpsertRow(
                            insert, row, integration.value(), job, fingerprints.get(job.id()), seenAt, listedBefore);
                }
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        inserted.add(rows.getString(1));
                    }
                }
            }
        }
        Map<JobId, Job> stored = new LinkedHashMap<>();
        jobs.stream().filter(job -> !inserted.contains(job.id().value())).forEach(job -> stored.put(job.id(), job));
        if (stored.isEmpty()) {
            return new Recorded(
                    jobs.stream()
                            .map(job -> new JobChange(JobChange.Kind.NEW, job))
                            .toList(),
                    Map.of());
        }
        Map<JobId, MirroredJob> before =
                MirrorChanges.before(connection, Dialect.POSTGRESQL, integration, stored.keySet());
        Map<JobId, JobChange> rewritten = new HashMap<>();
        write(connection, integration, stored, fingerprints, seenAt, listedBefore)
                .forEach(change -> rewritten.put(change.job().id(), change));
        List<JobChange> changes = new ArrayList<>();
        for (Job job : jobs) {
            JobChange change = inserted.contains(job.id().value())
                    ? new JobChange(JobChange.Kind.NEW, job)
                    : rewritten.get(job.id());
            if (change != null) {
                changes.add(change);
            }
        }
        return new Recorded(changes, before);
    }

    /**
     * PostgreSQL: one {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE fingerprint differs RETURNING} per chunk
     * tells new, changed and unchanged jobs apart without reading first (the conflict check uses the primary key,
     * no plan to go wrong), then, only if some jobs came back unchanged, one statement clears their provisional
     * states.
     */
    static List<JobChange> write(
            Connection connection,
            IntegrationId integration,
            Map<JobId, Job> unique,
            Map<JobId, JobFingerprint> fingerprints,
            Instant seenAt,
            Instant listedBefore)
            throws SQLException {
        List<Job> jobs = new ArrayList<>(unique.values());
        Map<String, Boolean> written = new HashMap<>(); // job id -> inserted (true) or updated (false)
        for (int from = 0; from < jobs.size(); from += UPSERT_CHUNK) {
            List<Job> chunk = jobs.subList(from, Math.min(jobs.size(), from + UPSERT_CHUNK));
            try (PreparedStatement upsert = connection.prepareStatement(JobRows.upsert(chunk.size()))) {
                for (int row = 0; row < chunk.size(); row++) {
                    Job job = chunk.get(row);
                    JobRows.bindUpsertRow(
                            upsert, row, integration.value(), job, fingerprints.get(job.id()), seenAt, listedBefore);
                }
                try (ResultSet rows = upsert.executeQuery()) {
                    while (rows.next()) {
                        written.put(rows.getString(1), rows.getBoolean(2));
                    }
                }
            }
        }
        List<JobChange> changes = new ArrayList<>(written.size());
        List<String> unchanged = new ArrayList<>();
        for (Job job : jobs) {
            Boolean inserted = written.get(job.id().value());
            if (inserted == null) {
                unchanged.add(job.id().value());
            } else {
                changes.add(new JobChange(inserted ? JobChange.Kind.NEW : JobChange.Kind.CHANGED, job));
            }
        }
        if (!unchanged.isEmpty()) {
            try (PreparedStatement clear = connection.prepareStatement(CLEAR_PROVISIONAL_OF_IDS)) {
                // Never server-prepared: a generic plan made while the table was small would keep scanning the
                // integration's rows; an unnamed statement is planned with the real ids and table size each time.
                if (clear.isWrapperFor(PGStatement.class)) {
                    clear.unwrap(PGStatement.class).setPrepareThreshold(0);
                }
                clear.setString(1, integration.value());
                clear.setArray(2, connection.createArrayOf("varchar", unchanged.toArray(String[]::new)));
                clear.executeUpdate();
            }
        }
        return changes;
    }
}
