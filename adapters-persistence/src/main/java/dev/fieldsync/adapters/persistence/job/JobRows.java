package dev.fieldsync.adapters.persistence.job;

import dev.fieldsync.adapters.persistence.sql.Columns;
import dev.fieldsync.adapters.persistence.sql.Json;
import dev.fieldsync.domain.id.CustomerId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.JobNumber;
import dev.fieldsync.domain.id.JobTypeId;
import dev.fieldsync.domain.id.ProjectId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.id.StatusId;
import dev.fieldsync.domain.job.CustomerRef;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobFingerprint;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.job.JobStatus;
import dev.fieldsync.domain.job.SiteRef;
import dev.fieldsync.domain.mirror.MirroredJob;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Maps jobs to {@code fs_job} rows and back. The content columns are bound in one fixed order. */
final class JobRows {
    /** The content columns, in the order {@link #bindContent} binds them. */
    static final String CONTENT_COLUMNS = "id_order, job_number, series_number, is_primary, title, title_folded, "
            + "status_id, status_name, synced_state, provisional_state, provisional_since, effective_state, "
            + "effective_open, start_time, start_at, end_time, customer_id, customer_name, site_id, site_address, "
            + "notes, custom_fields, external_id, purchase_order_number, project_id, job_type_id, fingerprint, "
            + "last_changed_at";

    static final int CONTENT_COUNT = 28;

    /** Written once, with the row: when it was first seen, and the end of the window that first listed it. */
    static final String FIRST_SIGHTING = "first_seen_at, first_listed_before";

    static final String INSERT = "INSERT INTO fs_job (" + CONTENT_COLUMNS + ", " + FIRST_SIGHTING
            + ", integration_id, job_id) VALUES (" + "?, ".repeat(CONTENT_COUNT + 3) + "?)";
    static final String UPDATE = "UPDATE fs_job SET " + String.join(" = ?, ", CONTENT_COLUMNS.split(", "))
            + " = ? WHERE integration_id = ? AND job_id = ?";
    static final String SELECT = "SELECT job_id, " + CONTENT_COLUMNS + ", " + FIRST_SIGHTING + ", gone_at FROM fs_job";
    /** Parameters per row of {@link #upsert}: the content, the first sighting, integration_id, job_id. */
    static final int UPSERT_ROW_PARAMETERS = CONTENT_COUNT + 4;
    /**
     * PostgreSQL only: after the multi-row VALUES of {@link #upsert}, a conflicting row is rewritten only when its
     * fingerprint differs (first_seen_at is kept), and every row written comes back with {@code inserted} telling
     * a new row ({@code xmax = 0}) from an updated one. Unchanged rows are not written and not returned.
     */
    private static final String UPSERT_TAIL = " ON CONFLICT (integration_id, job_id) DO UPDATE SET "
            + String.join(
                    ", ",
                    Arrays.stream(CONTENT_COLUMNS.split(", "))
                            .map(column -> column + " = EXCLUDED." + column)
                            .toList())
            + " WHERE fs_job.fingerprint <> EXCLUDED.fingerprint RETURNING job_id, (xmax = 0) AS inserted";

    private static final String UPSERT_ROW = "(" + "?, ".repeat(UPSERT_ROW_PARAMETERS - 1) + "?)";

    private JobRows() {}

    /** The page's jobs by id, in its order: a page should not repeat an id; if it does, the last one is kept. */
    static Map<JobId, Job> unique(List<Job> page) {
        Map<JobId, Job> unique = new LinkedHashMap<>();
        for (Job job : page) {
            unique.put(job.id(), job);
        }
        return unique;
    }

    /** Each job's fingerprint (a SHA-256 over its content), once a write: the writers and the change log share it. */
    static Map<JobId, JobFingerprint> fingerprints(Collection<Job> jobs) {
        Map<JobId, JobFingerprint> fingerprints = new HashMap<>();
        jobs.forEach(job -> fingerprints.put(job.id(), job.fingerprint()));
        return fingerprints;
    }

    /** The PostgreSQL upsert of {@code rows} jobs (see {@link #UPSERT_TAIL}); bind each row with {@link #bindUpsertRow}. */
    static String upsert(int rows) {
        return "INSERT INTO fs_job (" + CONTENT_COLUMNS + ", " + FIRST_SIGHTING + ", integration_id, job_id) VALUES "
                + String.join(", ", Collections.nCopies(rows, UPSERT_ROW)) + UPSERT_TAIL;
    }

    /**
     * PostgreSQL, the change log's first step: inserts the {@code rows} jobs that are not mirrored yet and returns
     * their ids; rows already stored are left alone (bound as {@link #upsert}'s, with {@link #bindUpsertRow}).
     */
    static String insertNew(int rows) {
        return "INSERT INTO fs_job (" + CONTENT_COLUMNS + ", " + FIRST_SIGHTING + ", integration_id, job_id) VALUES "
                + String.join(", ", Collections.nCopies(rows, UPSERT_ROW))
                + " ON CONFLICT (integration_id, job_id) DO NOTHING RETURNING job_id";
    }

    /** Binds row {@code row} (from 0) of {@link #upsert} or {@link #insertNew}. */
    static void bindUpsertRow(
            PreparedStatement statement,
            int row,
            String integration,
            Job job,
            JobFingerprint fingerprint,
            Instant seenAt,
            Instant listedBefore)
            throws SQLException {
        int first = row * UPSERT_ROW_PARAMETERS + 1;
        bindContent(statement, first, job, fingerprint, seenAt);
        Columns.set(statement, first + CONTENT_COUNT, seenAt);
        Columns.set(statement, first + CONTENT_COUNT + 1, listedBefore);
        statement.setString(first + CONTENT_COUNT + 2, integration);
        statement.setString(first + CONTENT_COUNT + 3, job.id().value());
    }

    /** Binds the content columns at 1..{@link #CONTENT_COUNT}; a synced write clears any provisional state. */
    static void bindContent(PreparedStatement statement, Job job, JobFingerprint fingerprint, Instant changedAt)
            throws SQLException {
        bindContent(statement, 1, job, fingerprint, changedAt);
    }

    /** Binds the content columns at {@code first}..{@code first + CONTENT_COUNT - 1}. */
    static void bindContent(
            PreparedStatement statement, int first, Job job, JobFingerprint fingerprint, Instant changedAt)
            throws SQLException {
        int i = first;
        statement.setBigDecimal(i++, new BigDecimal(job.id().value()));
        statement.setString(i++, job.number().value());
        statement.setInt(i++, job.seriesNumber());
        statement.setBoolean(i++, job.primary());
        statement.setString(i++, job.title());
        statement.setString(i++, fold(job.title()));
        statement.setString(i++, job.status().id().value());
        statement.setString(i++, job.status().name());
        statement.setString(i++, job.state().name());
        statement.setNull(i++, Types.VARCHAR);
        statement.setNull(i++, Types.TIMESTAMP_WITH_TIMEZONE);
        statement.setString(i++, job.state().name());
        statement.setBoolean(i++, job.state().isOpen());
        Columns.setText(statement, i++, job.startTime().map(OffsetDateTime::toString));
        if (job.startTime().isPresent()) {
            statement.setObject(i++, job.startTime().get().withOffsetSameInstant(ZoneOffset.UTC));
        } else {
            statement.setNull(i++, Types.TIMESTAMP_WITH_TIMEZONE);
        }
        Columns.setText(statement, i++, job.endTime().map(OffsetDateTime::toString));
        statement.setString(i++, job.customer().id().value());
        statement.setString(i++, job.customer().name());
        statement.setString(i++, job.site().id().value());
        statement.setString(i++, job.site().address());
        statement.setString(i++, job.notes());
        statement.setString(i++, Json.writeStrings(job.customFields()));
        Columns.setText(statement, i++, job.externalId());
        Columns.setText(statement, i++, job.purchaseOrderNumber());
        Columns.setText(statement, i++, job.project().map(ProjectId::value));
        Columns.setText(statement, i++, job.jobType().map(JobTypeId::value));
        statement.setString(i++, fingerprint.hex());
        Columns.set(statement, i, changedAt);
    }

    static MirroredJob read(ResultSet row) throws SQLException {
        Job job = new Job(
                JobId.of(row.getString("job_id")),
                JobNumber.of(row.getString("job_number")),
                row.getInt("series_number"),
                row.getBoolean("is_primary"),
                row.getString("title"),
                new JobStatus(
                        StatusId.of(row.getString("status_id")),
                        row.getString("status_name"),
                        JobState.valueOf(row.getString("synced_state"))),
                Columns.text(row, "start_time").map(OffsetDateTime::parse),
                Columns.text(row, "end_time").map(OffsetDateTime::parse),
                new CustomerRef(CustomerId.of(row.getString("customer_id")), row.getString("customer_name")),
                new SiteRef(SiteId.of(row.getString("site_id")), row.getString("site_address")),
                row.getString("notes"),
                Json.readStrings(row.getString("custom_fields"), "custom fields"),
                Columns.text(row, "external_id"),
                Columns.text(row, "purchase_order_number"),
                Columns.text(row, "project_id").map(ProjectId::of),
                Columns.text(row, "job_type_id").map(JobTypeId::of));
        Optional<JobState> provisional = Columns.text(row, "provisional_state").map(JobState::valueOf);
        return new MirroredJob(
                job,
                new JobFingerprint(row.getString("fingerprint").trim()),
                Columns.require(row, "first_seen_at"),
                Columns.require(row, "last_changed_at"),
                provisional,
                Columns.get(row, "provisional_since"),
                // Rows from before V4 have no bound of their own: the job surely existed when first seen.
                Columns.get(row, "first_listed_before").orElse(Columns.require(row, "first_seen_at")),
                Columns.get(row, "gone_at"));
    }

    /** Case folding for title search, done in Java so both databases agree. */
    static String fold(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
