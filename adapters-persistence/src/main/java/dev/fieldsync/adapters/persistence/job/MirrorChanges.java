package dev.fieldsync.adapters.persistence.job;

import dev.fieldsync.adapters.persistence.sql.Dialect;
import dev.fieldsync.domain.change.ChangeEntry;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobFingerprint;
import dev.fieldsync.domain.mirror.MirroredJob;
import dev.fieldsync.ports.out.store.JobChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.postgresql.PGStatement;

/**
 * The change-log entries of a write to {@code fs_job}: the rows as they were before it ({@link #before}, one
 * primary-key query inside the write's transaction), then, per job, the change from that row to the row the write
 * left ({@link ChangeEntry#between}). A synced write clears any provisional state, as the page writers do.
 */
final class MirrorChanges {
    private static final int ID_CHUNK = 500;

    private MirrorChanges() {}

    /** The stored rows of {@code ids} (absent ids are not mirrored). */
    static Map<JobId, MirroredJob> before(
            Connection connection, Dialect dialect, IntegrationId integration, Collection<JobId> ids)
            throws SQLException {
        if (ids.isEmpty()) {
            return Map.of();
        }
        if (dialect == Dialect.POSTGRESQL) {
            return beforeOnPostgres(connection, integration, ids);
        }
        List<JobId> all = new ArrayList<>(ids);
        Map<JobId, MirroredJob> stored = new HashMap<>();
        for (int from = 0; from < all.size(); from += ID_CHUNK) {
            List<JobId> chunk = all.subList(from, Math.min(all.size(), from + ID_CHUNK));
            // The same row-value IN as H2PageWriter's fingerprint query: one primary-key lookup per pair.
            String where = " WHERE (integration_id, job_id) IN (" + "(?, ?), ".repeat(chunk.size() - 1) + "(?, ?))";
            try (PreparedStatement select = connection.prepareStatement(JobRows.SELECT + where)) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(2 * i + 1, integration.value());
                    select.setString(2 * i + 2, chunk.get(i).value());
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        MirroredJob job = JobRows.read(rows);
                        stored.put(job.job().id(), job);
                    }
                }
            }
        }
        return stored;
    }

    private static Map<JobId, MirroredJob> beforeOnPostgres(
            Connection connection, IntegrationId integration, Collection<JobId> ids) throws SQLException {
        Map<JobId, MirroredJob> stored = new HashMap<>();
        try (PreparedStatement select =
                connection.prepareStatement(JobRows.SELECT + " WHERE integration_id = ? AND job_id = ANY (?)")) {
            // Never server-prepared, as PostgresPageWriter's statements: a generic plan made while the table was
            // small would keep scanning the integration's rows on every page of a first sync.
            if (select.isWrapperFor(PGStatement.class)) {
                select.unwrap(PGStatement.class).setPrepareThreshold(0);
            }
            select.setString(1, integration.value());
            select.setArray(
                    2,
                    connection.createArrayOf(
                            "varchar", ids.stream().map(JobId::value).toArray(String[]::new)));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    MirroredJob job = JobRows.read(rows);
                    stored.put(job.job().id(), job);
                }
            }
        }
        return stored;
    }

    /**
     * The entries of a synced write of {@code jobs} whose new and changed ones were {@code changes}, in the jobs'
     * order (a synced write clears the provisional state of unchanged jobs too).
     */
    static List<ChangeEntry> of(
            Map<JobId, MirroredJob> before,
            Collection<Job> jobs,
            Map<JobId, JobFingerprint> fingerprints,
            List<JobChange> changes,
            Instant seenAt,
            Instant listedBefore) {
        Map<JobId, JobChange.Kind> written = new HashMap<>();
        changes.forEach(change -> written.put(change.job().id(), change.kind()));
        List<ChangeEntry> entries = new ArrayList<>();
        for (Job job : jobs) {
            Optional<MirroredJob> prior = Optional.ofNullable(before.get(job.id()));
            JobChange.Kind kind = written.get(job.id());
            MirroredJob after;
            if (kind == JobChange.Kind.NEW || prior.isEmpty()) {
                after = MirroredJob.firstSeen(job, fingerprints.get(job.id()), seenAt, listedBefore);
            } else if (kind == JobChange.Kind.CHANGED) {
                after = prior.get()
                        .changed(job, fingerprints.get(job.id()), seenAt, Optional.empty(), Optional.empty());
            } else {
                after = prior.get().withProvisional(Optional.empty(), Optional.empty());
            }
            // A synced write also brings a gone job back (its job.returned follows).
            ChangeEntry.between(prior, after.withGoneAt(Optional.empty()), seenAt)
                    .ifPresent(entries::add);
        }
        return entries;
    }
}
