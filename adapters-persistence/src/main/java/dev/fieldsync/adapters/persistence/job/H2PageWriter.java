package dev.fieldsync.adapters.persistence.job;

import dev.fieldsync.adapters.persistence.sql.Columns;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobFingerprint;
import dev.fieldsync.ports.out.store.JobChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** How {@link SqlJobs} writes a page on H2 (no ON CONFLICT ... RETURNING): read the fingerprints, then batches. */
final class H2PageWriter {
    /** Ids per fingerprint query (2 parameters each); pages are at most 100 jobs, so one query in practice. */
    private static final int ID_CHUNK = 500;
    /** H2: clears one job's provisional state (batched per page; a primary-key lookup per row). */
    static final String CLEAR_PROVISIONAL = "UPDATE fs_job SET provisional_state = NULL, "
            + "provisional_since = NULL, effective_state = synced_state, effective_open = ? "
            + "WHERE integration_id = ? AND job_id = ?";

    private H2PageWriter() {}

    /** Portable (H2): read the stored fingerprints, then batches of updates, inserts and provisional clears. */
    static List<JobChange> write(
            Connection connection,
            IntegrationId integration,
            Map<JobId, Job> unique,
            Map<JobId, JobFingerprint> fingerprints,
            Instant seenAt,
            Instant listedBefore)
            throws SQLException {
        Map<String, Stored> stored = storedState(connection, integration, new ArrayList<>(unique.keySet()));
        List<JobChange> changes = new ArrayList<>();
        List<Job> inserts = new ArrayList<>();
        List<Job> updates = new ArrayList<>();
        List<Job> clearProvisional = new ArrayList<>();
        for (Job job : unique.values()) {
            JobFingerprint fingerprint = fingerprints.get(job.id());
            Stored existing = stored.get(job.id().value());
            if (existing == null) {
                inserts.add(job);
                changes.add(new JobChange(JobChange.Kind.NEW, job));
            } else if (!existing.fingerprint().equals(fingerprint.hex())) {
                updates.add(job);
                changes.add(new JobChange(JobChange.Kind.CHANGED, job));
            } else if (existing.provisional()) {
                clearProvisional.add(job);
            }
        }
        if (!updates.isEmpty()) {
            try (PreparedStatement update = connection.prepareStatement(JobRows.UPDATE)) {
                for (Job job : updates) {
                    JobRows.bindContent(update, job, fingerprints.get(job.id()), seenAt);
                    update.setString(JobRows.CONTENT_COUNT + 1, integration.value());
                    update.setString(JobRows.CONTENT_COUNT + 2, job.id().value());
                    update.addBatch();
                }
                update.executeBatch();
            }
        }
        if (!inserts.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement(JobRows.INSERT)) {
                for (Job job : inserts) {
                    JobRows.bindContent(insert, job, fingerprints.get(job.id()), seenAt);
                    Columns.set(insert, JobRows.CONTENT_COUNT + 1, seenAt);
                    Columns.set(insert, JobRows.CONTENT_COUNT + 2, listedBefore);
                    insert.setString(JobRows.CONTENT_COUNT + 3, integration.value());
                    insert.setString(JobRows.CONTENT_COUNT + 4, job.id().value());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        if (!clearProvisional.isEmpty()) {
            try (PreparedStatement clear = connection.prepareStatement(CLEAR_PROVISIONAL)) {
                for (Job job : clearProvisional) {
                    clear.setBoolean(1, job.state().isOpen());
                    clear.setString(2, integration.value());
                    clear.setString(3, job.id().value());
                    clear.addBatch();
                }
                clear.executeBatch();
            }
        }
        return changes;
    }

    private record Stored(String fingerprint, boolean provisional) {}

    /**
     * H2: the stored fingerprint and provisional flag of {@code ids} jobs. A row-value {@code IN} on the whole
     * primary key, because H2 2.x plans {@code integration_id = ? AND job_id IN (...)} as a range over the
     * integration's rows with the list tested row by row (a scan per page, quadratic over a first sync); the
     * row-value list is planned as one primary-key lookup per pair (checked by {@code JobStatementPlansTest}).
     */
    static String storedStateQuery(int ids) {
        return "SELECT job_id, fingerprint, provisional_state FROM fs_job WHERE (integration_id, job_id) IN ("
                + "(?, ?), ".repeat(ids - 1) + "(?, ?))";
    }

    private static Map<String, Stored> storedState(Connection connection, IntegrationId integration, List<JobId> ids)
            throws SQLException {
        Map<String, Stored> stored = new HashMap<>();
        for (int from = 0; from < ids.size(); from += ID_CHUNK) {
            List<JobId> chunk = ids.subList(from, Math.min(ids.size(), from + ID_CHUNK));
            try (PreparedStatement select = connection.prepareStatement(storedStateQuery(chunk.size()))) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(2 * i + 1, integration.value());
                    select.setString(2 * i + 2, chunk.get(i).value());
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        stored.put(
                                rows.getString(1), new Stored(rows.getString(2).trim(), rows.getString(3) != null));
                    }
                }
            }
        }
        return stored;
    }
}
