package dev.fieldsync.adapters.persistence.job;

import dev.fieldsync.adapters.persistence.sql.Columns;
import dev.fieldsync.adapters.persistence.sql.Database;
import dev.fieldsync.adapters.persistence.sql.Dialect;
import dev.fieldsync.adapters.persistence.sql.Jdbc;
import dev.fieldsync.adapters.persistence.sync.SqlSyncCheckpoints;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobFingerprint;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.sync.SyncCheckpoint;
import dev.fieldsync.ports.out.store.JobChange;
import dev.fieldsync.domain.mirror.JobSearch;
import dev.fieldsync.domain.mirror.JobSlice;
import dev.fieldsync.ports.out.store.Jobs;
import dev.fieldsync.domain.mirror.MirroredJob;
import dev.fieldsync.ports.out.store.PageApplied;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.postgresql.PGStatement;

/**
 * The job mirror in table {@code fs_job}. A page is applied in one Micronaut Data transaction together with the
 * checkpoint save through {@link SqlSyncCheckpoints}' repository, which joins it. On PostgreSQL the page is one
 * {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE fingerprint differs RETURNING} (plus one provisional-state
 * clear when some jobs came back unchanged), and the transactions it opens itself commit without waiting for the
 * WAL flush (see {@link #applyPage}); on H2, a fingerprint query and batches of updates, inserts and clears. The
 * job statements are plain JDBC on the transaction's connection (a repository would cost a round trip per row).
 */
@Singleton
public final class SqlJobs implements Jobs {
    /** Ids per fingerprint query (2 parameters each); pages are at most 100 jobs, so one query in practice. */
    private static final int ID_CHUNK = 500;
    /** H2: clears one job's provisional state (batched per page; a primary-key lookup per row). */
    static final String CLEAR_PROVISIONAL = "UPDATE fs_job SET provisional_state = NULL, "
            + "provisional_since = NULL, effective_state = synced_state, effective_open = ? "
            + "WHERE integration_id = ? AND job_id = ?";
    private static final String MARK_PROVISIONAL = "UPDATE fs_job SET provisional_state = ?, provisional_since = ?, "
            + "effective_state = ?, effective_open = ? WHERE integration_id = ? AND job_id = ?";
    /** PostgreSQL: clears the provisional state of the given unchanged jobs (new and changed rows have none). */
    private static final String CLEAR_PROVISIONAL_OF_IDS = "UPDATE fs_job SET provisional_state = NULL, "
            + "provisional_since = NULL, effective_state = synced_state, effective_open = synced_state IN ("
            + Arrays.stream(JobState.values()).filter(JobState::isOpen).map(state -> "'" + state.name() + "'")
                    .collect(Collectors.joining(", "))
            + ") WHERE integration_id = ? AND job_id = ANY (?) AND provisional_state IS NOT NULL";
    /** Rows per upsert statement: 31 parameters a row stays far below PostgreSQL's 32,767; pages are 100. */
    private static final int UPSERT_CHUNK = 500;
    private static final String CURSOR_PREFIX = "job:";

    private final TransactionOperations<Connection> transactions;
    private final ConnectionOperations<Connection> connections;
    private final Dialect dialect;
    private final SqlSyncCheckpoints checkpoints;
    private final boolean durablePageCommits;

    SqlJobs(TransactionOperations<Connection> transactions, ConnectionOperations<Connection> connections,
            Database database, SqlSyncCheckpoints checkpoints,
            @Value("${fieldsync.mirror.durable-page-commits:false}") boolean durablePageCommits) {
        this.transactions = transactions;
        this.connections = connections;
        this.dialect = database.dialect();
        this.checkpoints = checkpoints;
        this.durablePageCommits = durablePageCommits;
    }

    /**
     * {@inheritDoc} On PostgreSQL, when this call opens the transaction (it does not join a caller's), the commit
     * does not wait for the WAL flush unless {@code fieldsync.mirror.durable-page-commits=true}: a database crash
     * may then lose the last pages together with their checkpoint, which the pass fetches again, so listeners may
     * hear of those jobs twice.
     */
    @Override
    public PageApplied applyPage(IntegrationId integration, List<Job> page, SyncCheckpoint checkpoint, Instant seenAt) {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(page, "page");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(seenAt, "seenAt");
        if (!checkpoint.integration().equals(integration)) {
            throw new IllegalArgumentException("the checkpoint belongs to integration " + checkpoint.integration()
                    + " but the page to " + integration + "; pass the checkpoint of the same integration");
        }
        String operation = "applying a page of " + page.size() + " jobs for " + integration;
        try {
            return transactions.executeWrite(status -> {
                Connection connection = status.getConnection();
                if (dialect == Dialect.POSTGRESQL && status.isNewTransaction() && !durablePageCommits) {
                    relaxCommit(connection);
                }
                // Every job of the page has updated_at < the window's end: it existed before then.
                Instant listedBefore = checkpoint.inProgress().map(pass -> pass.window().to()).filter(seenAt::isAfter)
                        .orElse(seenAt);
                PageApplied applied = apply(connection, integration, page, seenAt, listedBefore);
                checkpoints.save(checkpoint);   // joins this transaction
                return applied;
            });
        } catch (Exception e) {
            throw Jdbc.translate(operation, e);
        }
    }

    /**
     * PostgreSQL, only for a page transaction this store opened: its commit does not wait for the WAL flush (the
     * wait is most of a page's time on a busy disk). The page and its checkpoint still commit atomically and in
     * order, and any later synchronous commit (outbox, webhooks, another page applied inside a caller's transaction)
     * flushes them too; a database crash can lose only the last fraction of a second of pages, which the pass then
     * fetches again from the surviving checkpoint, so change listeners may hear of those jobs twice. Set
     * {@code fieldsync.mirror.durable-page-commits=true} to wait for the flush.
     */
    private static void relaxCommit(Connection connection) throws SQLException {
        try (Statement set = connection.createStatement()) {
            set.execute("SET LOCAL synchronous_commit = off");
        }
    }

    @Override
    public Optional<JobChange> upsert(IntegrationId integration, Job job, Instant seenAt) {
        Objects.requireNonNull(job, "job");
        PageApplied applied = Jdbc.inTransaction(transactions, "upserting job " + job.id() + " for " + integration,
                connection -> apply(connection, integration, List.of(job), seenAt, seenAt));
        return applied.changes().stream().findFirst();
    }

    private PageApplied apply(Connection connection, IntegrationId integration, List<Job> page, Instant seenAt,
            Instant listedBefore) throws SQLException {
        // A page should not repeat an id; if it does, the last occurrence is the content we keep.
        Map<JobId, Job> unique = new LinkedHashMap<>();
        for (Job job : page) {
            unique.put(job.id(), job);
        }
        List<JobChange> changes = dialect == Dialect.POSTGRESQL
                ? upsertOnConflict(connection, integration, unique, seenAt, listedBefore)
                : readThenWrite(connection, integration, unique, seenAt, listedBefore);
        int unchanged = page.size() - changes.size();
        return new PageApplied(changes, unchanged);
    }

    /**
     * PostgreSQL: one {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE fingerprint differs RETURNING} per chunk
     * tells new, changed and unchanged jobs apart without reading first (the conflict check uses the primary key,
     * no plan to go wrong), then, only if some jobs came back unchanged, one statement clears their provisional
     * states.
     */
    private static List<JobChange> upsertOnConflict(Connection connection, IntegrationId integration,
            Map<JobId, Job> unique, Instant seenAt, Instant listedBefore) throws SQLException {
        List<Job> jobs = new ArrayList<>(unique.values());
        Map<String, Boolean> written = new HashMap<>();   // job id -> inserted (true) or updated (false)
        for (int from = 0; from < jobs.size(); from += UPSERT_CHUNK) {
            List<Job> chunk = jobs.subList(from, Math.min(jobs.size(), from + UPSERT_CHUNK));
            try (PreparedStatement upsert = connection.prepareStatement(JobRows.upsert(chunk.size()))) {
                for (int row = 0; row < chunk.size(); row++) {
                    Job job = chunk.get(row);
                    JobRows.bindUpsertRow(upsert, row, integration.value(), job, job.fingerprint(), seenAt,
                            listedBefore);
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

    /** Portable (H2): read the stored fingerprints, then batches of updates, inserts and provisional clears. */
    private static List<JobChange> readThenWrite(Connection connection, IntegrationId integration, Map<JobId, Job> unique,
            Instant seenAt, Instant listedBefore) throws SQLException {
        Map<String, Stored> stored = storedState(connection, integration, new ArrayList<>(unique.keySet()));
        List<JobChange> changes = new ArrayList<>();
        List<Job> inserts = new ArrayList<>();
        List<Job> updates = new ArrayList<>();
        List<Job> clearProvisional = new ArrayList<>();
        Map<JobId, JobFingerprint> fingerprints = new HashMap<>();
        for (Job job : unique.values()) {
            JobFingerprint fingerprint = job.fingerprint();
            fingerprints.put(job.id(), fingerprint);
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

    private record Stored(String fingerprint, boolean provisional) {
    }

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
                        stored.put(rows.getString(1), new Stored(rows.getString(2).trim(), rows.getString(3) != null));
                    }
                }
            }
        }
        return stored;
    }

    @Override
    public Optional<MirroredJob> find(IntegrationId integration, JobId job) {
        return Jdbc.onConnection(connections, "finding job " + job + " of " + integration, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    JobRows.SELECT + " WHERE integration_id = ? AND job_id = ?")) {
                select.setString(1, integration.value());
                select.setString(2, job.value());
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(JobRows.read(row)) : Optional.<MirroredJob>empty();
                }
            }
        });
    }

    @Override
    public JobSlice search(IntegrationId integration, JobSearch search) {
        Objects.requireNonNull(search, "search");
        StringBuilder sql = new StringBuilder(JobRows.SELECT).append(" WHERE integration_id = ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(integration.value());
        search.state().ifPresent(state -> condition(sql, parameters, "effective_state = ?", state.name()));
        search.open().ifPresent(open -> condition(sql, parameters, "effective_open = ?", open));
        search.status().ifPresent(status -> condition(sql, parameters, "status_id = ?", status.value()));
        search.site().ifPresent(site -> condition(sql, parameters, "site_id = ?", site.value()));
        search.customer().ifPresent(customer -> condition(sql, parameters, "customer_id = ?", customer.value()));
        search.number().ifPresent(number -> condition(sql, parameters, "job_number = ?", number.value()));
        search.externalId().ifPresent(external -> condition(sql, parameters, "external_id = ?", external));
        search.startFrom().ifPresent(from -> condition(sql, parameters, "start_at >= ?", utc(from)));
        search.startTo().ifPresent(to -> condition(sql, parameters, "start_at < ?", utc(to)));
        search.titleContains().ifPresent(text -> condition(sql, parameters, "title_folded LIKE ? ESCAPE '\\'",
                "%" + escapeLike(JobRows.fold(text)) + "%"));
        search.notesContain().ifPresent(text -> condition(sql, parameters, "notes LIKE ? ESCAPE '\\'",
                "%" + escapeLike(text) + "%"));
        search.firstSeenFrom().ifPresent(from -> condition(sql, parameters, "first_seen_at >= ?",
                OffsetDateTime.ofInstant(from, ZoneOffset.UTC)));
        if (search.after().isPresent()) {
            BigDecimal after = new BigDecimal(decodeCursor(search.after().get()));
            String afterId = decodeCursor(search.after().get());
            sql.append(" AND (id_order < ? OR (id_order = ? AND job_id < ?))");
            parameters.add(after);
            parameters.add(after);
            parameters.add(afterId);
        }
        sql.append(" ORDER BY id_order DESC, job_id DESC LIMIT ?");
        parameters.add(search.limit() + 1);
        return Jdbc.onConnection(connections, "searching the jobs of " + integration, connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < parameters.size(); i++) {
                    select.setObject(i + 1, parameters.get(i));
                }
                List<MirroredJob> jobs = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        jobs.add(JobRows.read(rows));
                    }
                }
                if (jobs.size() <= search.limit()) {
                    return new JobSlice(jobs, Optional.empty());
                }
                List<MirroredJob> slice = jobs.subList(0, search.limit());
                String last = slice.get(slice.size() - 1).job().id().value();
                return new JobSlice(slice, Optional.of(encodeCursor(last)));
            }
        });
    }

    @Override
    public long count(IntegrationId integration) {
        return Jdbc.onConnection(connections, "counting the jobs of " + integration, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT COUNT(*) FROM fs_job WHERE integration_id = ?")) {
                select.setString(1, integration.value());
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
    }

    @Override
    public boolean markProvisionalState(IntegrationId integration, JobId job, JobState state, Instant at) {
        Objects.requireNonNull(state, "state");
        return Jdbc.onConnection(connections, "marking job " + job + " of " + integration + " provisionally " + state, connection -> {
            try (PreparedStatement update = connection.prepareStatement(MARK_PROVISIONAL)) {
                update.setString(1, state.name());
                Columns.set(update, 2, at);
                update.setString(3, state.name());
                update.setBoolean(4, state.isOpen());
                update.setString(5, integration.value());
                update.setString(6, job.value());
                return update.executeUpdate() == 1;
            }
        });
    }

    private static void condition(StringBuilder sql, List<Object> parameters, String clause, Object value) {
        sql.append(" AND ").append(clause);
        parameters.add(value);
    }

    private static OffsetDateTime utc(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Cursors are opaque to callers; inside they carry the last job id of the previous slice. */
    private static String encodeCursor(String jobId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((CURSOR_PREFIX + jobId).getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeCursor(String cursor) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.startsWith(CURSOR_PREFIX)) {
                return JobId.of(decoded.substring(CURSOR_PREFIX.length())).value();
            }
        } catch (IllegalArgumentException malformed) {
            // reported below with the same message
        }
        throw new IllegalArgumentException("'" + cursor + "' is not a cursor this mirror issued; "
                + "pass the nextCursor of the previous slice, or omit 'after' to start from the newest job");
    }
}
