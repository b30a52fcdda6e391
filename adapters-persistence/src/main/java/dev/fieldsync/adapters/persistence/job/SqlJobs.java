package dev.fieldsync.adapters.persistence.job;

import dev.fieldsync.adapters.persistence.change.ChangeRecorder;
import dev.fieldsync.adapters.persistence.sql.Columns;
import dev.fieldsync.adapters.persistence.sql.Database;
import dev.fieldsync.adapters.persistence.sql.Dialect;
import dev.fieldsync.adapters.persistence.sql.Jdbc;
import dev.fieldsync.adapters.persistence.sql.LeadingStatement;
import dev.fieldsync.adapters.persistence.sync.SqlSyncCheckpoints;
import dev.fieldsync.domain.change.ChangeEntry;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobFingerprint;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.mirror.JobSearch;
import dev.fieldsync.domain.mirror.JobSlice;
import dev.fieldsync.domain.mirror.MirroredJob;
import dev.fieldsync.domain.sync.SweepState;
import dev.fieldsync.domain.sync.SyncCheckpoint;
import dev.fieldsync.ports.out.store.JobChange;
import dev.fieldsync.ports.out.store.Jobs;
import dev.fieldsync.ports.out.store.PageApplied;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
    private static final String MARK_PROVISIONAL = "UPDATE fs_job SET provisional_state = ?, provisional_since = ?, "
            + "effective_state = ?, effective_open = ? WHERE integration_id = ? AND job_id = ?";

    private final TransactionOperations<Connection> transactions;
    private final ConnectionOperations<Connection> connections;
    private final Dialect dialect;
    private final SqlSyncCheckpoints checkpoints;
    private final ChangeRecorder changeLog;
    private final boolean durablePageCommits;

    SqlJobs(
            TransactionOperations<Connection> transactions,
            ConnectionOperations<Connection> connections,
            Database database,
            SqlSyncCheckpoints checkpoints,
            ChangeRecorder changeLog,
            @Value("${fieldsync.mirror.durable-page-commits:false}") boolean durablePageCommits) {
        this.transactions = transactions;
        this.connections = connections;
        this.dialect = database.dialect();
        this.checkpoints = checkpoints;
        this.changeLog = changeLog;
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
        Jobs.requirePageArguments(integration, page, checkpoint, seenAt);
        String operation = "applying a page of " + page.size() + " jobs for " + integration;
        try {
            return transactions.executeWrite(status -> {
                Connection connection = status.getConnection();
                // Sent with the checkpoint's UPDATE (no round trip of its own); it only has to precede the commit.
                Optional<String> relaxed =
                        dialect == Dialect.POSTGRESQL && status.isNewTransaction() && !durablePageCommits
                                ? Optional.of(RelaxedPageCommit.STATEMENT)
                                : Optional.empty();
                // Every job of the page has updated_at < the window's end: it existed before then.
                Instant listedBefore = checkpoint
                        .inProgress()
                        .map(pass -> pass.window().to())
                        .filter(seenAt::isAfter)
                        .orElse(seenAt);
                Written applied = apply(connection, integration, page, seenAt, listedBefore, false);
                // The checkpoint's UPDATE travels ahead of the change append (one round trip), alone if none; the
                // append comes last: see SqlChangeLog.
                LeadingStatement save = checkpoints.pageUpdate(checkpoint, relaxed);
                if (!changeLog.recordAfter(integration, applied.entries(), save)) {
                    save.run(connection);
                }
                checkpoints.insertUnlessUpdated(checkpoint, save);
                return applied.page();
            });
        } catch (Exception e) {
            throw Jdbc.translate(operation, e);
        }
    }

    /** {@inheritDoc} Commits as {@link #applyPage} does (on PostgreSQL without waiting for the WAL flush). */
    @Override
    public PageApplied applySweepPage(IntegrationId integration, List<Job> page, SweepState state, Instant seenAt) {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(page, "page");
        Objects.requireNonNull(seenAt, "seenAt");
        long sweep = state.progress().sweep();
        try {
            return transactions.executeWrite(status -> {
                Connection connection = status.getConnection();
                if (dialect == Dialect.POSTGRESQL && status.isNewTransaction() && !durablePageCommits) {
                    RelaxedPageCommit.apply(connection);
                }
                Written applied = apply(connection, integration, page, seenAt, seenAt, true);
                GoneMarks.markSwept(
                        connection,
                        dialect,
                        integration,
                        page.stream().map(Job::id).toList(),
                        sweep);
                checkpoints.saveSweep(state.repairedOnPage(applied.page().changedCount())); // joins
                changeLog.record(integration, applied.entries());
                return applied.page();
            });
        } catch (Exception e) {
            throw Jdbc.translate(
                    "applying sweep " + sweep + "'s page of " + page.size() + " jobs for " + integration, e);
        }
    }

    @Override
    public long countUnswept(IntegrationId integration, long sweep, Instant sweepStartedAt) {
        return Jdbc.onConnection(
                connections,
                "counting the jobs sweep " + sweep + " of " + integration + " did not see",
                connection -> GoneMarks.countUnswept(connection, integration, sweep, sweepStartedAt));
    }

    @Override
    public long markGone(IntegrationId integration, long sweep, Instant sweepStartedAt, Instant at) {
        return Jdbc.inTransaction(
                transactions, "marking the jobs sweep " + sweep + " of " + integration + " did not see gone", c -> {
                    List<MirroredJob> marked = new ArrayList<>();
                    long count =
                            GoneMarks.markGone(c, integration, sweep, sweepStartedAt, at, marked, changeLog.enabled());
                    changeLog.record(
                            integration,
                            marked.stream()
                                    .map(job -> ChangeEntry.gone(job, at))
                                    .toList());
                    return count;
                });
    }

    @Override
    public long countGone(IntegrationId integration) {
        return Jdbc.onConnection(
                connections,
                "counting the gone jobs of " + integration,
                connection -> GoneMarks.countGone(connection, integration));
    }

    @Override
    public Optional<JobChange> upsert(IntegrationId integration, Job job, Instant seenAt) {
        Objects.requireNonNull(job, "job");
        PageApplied applied =
                Jdbc.inTransaction(transactions, "upserting job " + job.id() + " for " + integration, connection -> {
                    Written written = apply(connection, integration, List.of(job), seenAt, seenAt, false);
                    changeLog.record(integration, written.entries());
                    return written.page();
                });
        return applied.changes().stream().findFirst();
    }

    /** What a write did to the mirror, and the change-log entries it makes (none while the log is off). */
    private record Written(PageApplied page, List<ChangeEntry> entries) {}

    private Written apply(
            Connection connection,
            IntegrationId integration,
            List<Job> page,
            Instant seenAt,
            Instant listedBefore,
            boolean sweep)
            throws SQLException {
        Map<JobId, Job> unique = JobRows.unique(page);
        Map<JobId, JobFingerprint> fingerprints = JobRows.fingerprints(unique.values());
        Map<JobId, MirroredJob> before;
        List<JobChange> changes;
        if (dialect == Dialect.POSTGRESQL && changeLog.enabled()) {
            PostgresPageWriter.Recorded recorded = PostgresPageWriter.writeRecordingPrior(
                    connection, integration, unique, fingerprints, seenAt, listedBefore);
            before = recorded.before();
            changes = recorded.changes();
        } else {
            before = changeLog.enabled()
                    ? MirrorChanges.before(connection, dialect, integration, unique.keySet())
                    : Map.of();
            changes = dialect == Dialect.POSTGRESQL
                    ? PostgresPageWriter.write(connection, integration, unique, fingerprints, seenAt, listedBefore)
                    : H2PageWriter.write(connection, integration, unique, fingerprints, seenAt, listedBefore);
        }
        int unchanged = page.size() - changes.size();
        List<ChangeEntry> entries = new ArrayList<>();
        if (changeLog.enabled()) {
            // A sweep's new and changed jobs are what the incremental passes missed: flagged repaired.
            java.util.Set<JobId> written = new java.util.HashSet<>();
            changes.forEach(change -> written.add(change.job().id()));
            MirrorChanges.of(before, unique.values(), fingerprints, changes, seenAt, listedBefore).stream()
                    .map(entry ->
                            sweep && entry.jobId().filter(written::contains).isPresent() ? entry.asRepaired() : entry)
                    .forEach(entries::add);
        }
        // Listed again: a job marked gone is back. A job this write inserted had no row, so it was not gone: a first
        // sync's pages skip the statement.
        java.util.Set<JobId> inserted = new java.util.HashSet<>();
        changes.stream()
                .filter(change -> change.kind() == JobChange.Kind.NEW)
                .forEach(change -> inserted.add(change.job().id()));
        List<JobId> stored =
                unique.keySet().stream().filter(id -> !inserted.contains(id)).toList();
        GoneMarks.bringBack(connection, dialect, integration, stored, changeLog.enabled())
                .forEach(job -> entries.add(ChangeEntry.returned(job, seenAt)));
        return new Written(new PageApplied(changes, unchanged), entries);
    }

    @Override
    public Optional<MirroredJob> find(IntegrationId integration, JobId job) {
        return Jdbc.onConnection(connections, "finding job " + job + " of " + integration, connection -> {
            try (PreparedStatement select =
                    connection.prepareStatement(JobRows.SELECT + " WHERE integration_id = ? AND job_id = ?")) {
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
        JobSearchQuery query = JobSearchQuery.of(integration, Objects.requireNonNull(search, "search"));
        return Jdbc.onConnection(connections, "searching the jobs of " + integration, query::run);
    }

    @Override
    public long count(IntegrationId integration) {
        return Jdbc.onConnection(connections, "counting the jobs of " + integration, connection -> {
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT COUNT(*) FROM fs_job WHERE integration_id = ?")) {
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
        return Jdbc.inTransaction(
                transactions, "marking job " + job + " of " + integration + " provisionally " + state, connection -> {
                    Optional<MirroredJob> before = changeLog.enabled()
                            ? Optional.ofNullable(MirrorChanges.before(connection, dialect, integration, List.of(job))
                                    .get(job))
                            : Optional.empty();
                    try (PreparedStatement update = connection.prepareStatement(MARK_PROVISIONAL)) {
                        update.setString(1, state.name());
                        Columns.set(update, 2, at);
                        update.setString(3, state.name());
                        update.setBoolean(4, state.isOpen());
                        update.setString(5, integration.value());
                        update.setString(6, job.value());
                        if (update.executeUpdate() != 1) {
                            return false;
                        }
                    }
                    before.flatMap(prior -> ChangeEntry.between(
                                    before, prior.withProvisional(Optional.of(state), Optional.of(at)), at))
                            .ifPresent(entry -> changeLog.record(integration, List.of(entry)));
                    return true;
                });
    }
}
