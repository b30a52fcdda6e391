package dev.fieldsync.adapters.persistence;

import static dev.fieldsync.ports.out.store.contract.Fixtures.T0;
import static dev.fieldsync.ports.out.store.contract.Fixtures.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldsync.adapters.persistence.job.SqlJobs;
import dev.fieldsync.adapters.persistence.lookup.SqlLookupCatalogs;
import dev.fieldsync.adapters.persistence.sql.Database;
import dev.fieldsync.adapters.persistence.sql.PersistenceException;
import dev.fieldsync.adapters.persistence.submission.SqlSubmissions;
import dev.fieldsync.adapters.persistence.support.TestDatabase;
import dev.fieldsync.adapters.persistence.sync.SqlSyncCheckpoints;
import dev.fieldsync.adapters.persistence.webhook.SqlWebhookEvents;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.lookup.LookupCatalog;
import dev.fieldsync.domain.lookup.LookupKind;
import dev.fieldsync.domain.lookup.NamedItem;
import dev.fieldsync.domain.mirror.MirroredJob;
import dev.fieldsync.domain.sync.SyncCheckpoint;
import dev.fieldsync.ports.out.budget.RateBudget;
import dev.fieldsync.ports.out.store.ChangeLog;
import dev.fieldsync.ports.out.store.Jobs;
import dev.fieldsync.ports.out.store.LookupCatalogs;
import dev.fieldsync.ports.out.store.PageApplied;
import dev.fieldsync.ports.out.store.Submissions;
import dev.fieldsync.ports.out.store.SyncCheckpoints;
import dev.fieldsync.ports.out.store.WebhookEvents;
import dev.fieldsync.ports.out.store.contract.Fixtures;
import dev.fieldsync.ports.out.store.contract.StoreChangesContract;
import dev.fieldsync.ports.out.store.contract.StoreContract;
import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The store contract ({@link StoreContract}, from the ports test-jar) on the SQL stores, run against H2 and PostgreSQL
 * by the subclasses, plus what only SQL has: the bean wiring and Flyway migrations (the stores come from the
 * Micronaut context), transactions joined, a failing page rolled back, the stored catalog format.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContractTest extends StoreChangesContract {
    private TestDatabase database;
    protected ApplicationContext context;
    protected Database sql;

    protected abstract TestDatabase newDatabase();

    @Override
    protected Stores openStores() {
        database = newDatabase();
        context = ApplicationContext.run(database.properties(), database.kind());
        sql = context.getBean(Database.class);
        return new Stores(
                context.getBean(Jobs.class),
                context.getBean(SyncCheckpoints.class),
                context.getBean(Submissions.class),
                context.getBean(WebhookEvents.class),
                context.getBean(LookupCatalogs.class),
                context.getBean(ChangeLog.class));
    }

    @Override
    protected void closeStores() {
        if (context != null) {
            context.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void contextWiresEveryStoreAndNoRivalBudgetOrCache() {
        assertThat(jobs).isInstanceOf(SqlJobs.class);
        assertThat(checkpoints).isInstanceOf(SqlSyncCheckpoints.class);
        assertThat(submissions).isInstanceOf(SqlSubmissions.class);
        assertThat(webhookEvents).isInstanceOf(SqlWebhookEvents.class);
        assertThat(lookupCatalogs).isInstanceOf(SqlLookupCatalogs.class);
        // The budget and the catalog's memory are wired by the service's composition root, not declared here.
        assertThat(context.findBean(RateBudget.class)).isEmpty();
        assertThat(sql.dialect().name()).isEqualTo(database.kind().equals("pg") ? "POSTGRESQL" : "H2");
    }

    // ---- jobs -----------------------------------------------------------------------------------------------

    @Test
    @SuppressWarnings("unchecked")
    void aPageAndItsCheckpointJoinTheCallersMicronautTransaction() {
        IntegrationId integration = Fixtures.newIntegration();
        TransactionOperations<Connection> transactions = context.getBean(TransactionOperations.class);

        // Rolled back by the caller after applyPage returned: the batched job statements and the checkpoint
        // repository must both have run in the caller's transaction, so neither survives.
        transactions.executeWrite(status -> {
            PageApplied applied = jobs.applyPage(integration, jobs(1, 20), checkpointAfter(integration, 1, "t"), T0);
            assertThat(applied.newCount()).isEqualTo(20);
            assertThat(jobs.count(integration))
                    .as("visible inside the transaction")
                    .isEqualTo(20);
            assertThat(checkpoints.load(integration)).isPresent();
            status.setRollbackOnly();
            return applied;
        });

        assertThat(jobs.count(integration)).isZero();
        assertThat(checkpoints.load(integration)).isEmpty();

        transactions.executeWrite(
                status -> jobs.applyPage(integration, jobs(1, 20), checkpointAfter(integration, 1, "t"), T0));
        assertThat(jobs.count(integration)).isEqualTo(20);
        assertThat(checkpoints.load(integration)).contains(checkpointAfter(integration, 1, "t"));
    }

    @Test
    void aPageThatFailsHalfWayLeavesNeitherJobsNorCheckpointChanged() {
        IntegrationId integration = Fixtures.newIntegration();
        SyncCheckpoint firstCheckpoint = checkpointAfter(integration, 1, "a");
        jobs.applyPage(integration, jobs(1, 10), firstCheckpoint, T0);
        List<MirroredJob> before = all(integration);
        long logged = changeLog.latestSequence(integration);

        // Five changed jobs (updated first), then new ones of which one breaks a column limit mid-batch.
        List<Job> page = new ArrayList<>();
        for (long id = 1; id <= 5; id++) {
            page.add(Fixtures.withState(job(id), JobState.SCHEDULED, "2"));
        }
        page.addAll(jobs(11, 13));
        Job broken = job(14);
        page.add(new Job(
                broken.id(),
                broken.number(),
                1,
                true,
                broken.title(),
                broken.status(),
                broken.startTime(),
                broken.endTime(),
                broken.customer(),
                broken.site(),
                broken.notes(),
                broken.customFields(),
                Optional.of("x".repeat(500)),
                broken.purchaseOrderNumber(),
                broken.project(),
                broken.jobType()));
        page.addAll(jobs(15, 16));

        assertThatThrownBy(() ->
                        jobs.applyPage(integration, page, checkpointAfter(integration, 2, "a"), T0.plusSeconds(60)))
                .isInstanceOf(PersistenceException.class)
                .hasMessageContaining("applying a page");

        assertThat(all(integration)).isEqualTo(before);
        assertThat(jobs.count(integration)).isEqualTo(10);
        assertThat(checkpoints.load(integration)).contains(firstCheckpoint);
        assertThat(changeLog.latestSequence(integration)).isEqualTo(logged);
        assertThat(changesOf(integration, 0)).hasSize(10);
    }

    @Test
    void aChangeLogWriteThatFailsRollsThePageAndItsCheckpointBack() {
        // The failure comes after the jobs and the checkpoint were written, from the log's own insert: a row
        // already sits at the next sequence, as if another writer had taken it.
        IntegrationId integration = Fixtures.newIntegration();
        SyncCheckpoint firstCheckpoint = checkpointAfter(integration, 1, "f");
        jobs.applyPage(integration, jobs(1, 3), firstCheckpoint, T0);
        List<MirroredJob> before = all(integration);
        sqlUpdate("INSERT INTO fs_change (integration_id, seq, kind, job_id, occurred_at, body) " + "VALUES ('"
                + integration.value() + "', 5, 'job.gone', '9', CURRENT_TIMESTAMP, '{}')");

        assertThatThrownBy(() -> jobs.applyPage(
                        integration,
                        List.of(job(1).withTitle("new"), job(4)),
                        checkpointAfter(integration, 2, "f"),
                        T0.plusSeconds(60)))
                .isInstanceOf(PersistenceException.class)
                .hasMessageContaining("appending 2 changes for " + integration);

        assertThat(all(integration)).isEqualTo(before);
        assertThat(checkpoints.load(integration)).contains(firstCheckpoint);
        assertThat(changeLog.latestSequence(integration)).isEqualTo(3);
        assertThat(changesOf(integration, 0))
                .extracting(change -> change.sequence())
                .containsExactly(1L, 2L, 3L, 5L);

        sqlUpdate("DELETE FROM fs_change WHERE integration_id = '" + integration.value() + "' AND seq = 5");
        jobs.applyPage(integration, List.of(job(1).withTitle("new"), job(4)), checkpointAfter(integration, 2, "f"), T0);
        assertThat(changesOf(integration, 3))
                .extracting(change -> change.sequence())
                .containsExactly(4L, 5L);
    }

    @Test
    void theLogTurnedOffWritesNoChangesAndTheStoresStillWork() {
        try (ApplicationContext off = ApplicationContext.run(
                withProperty(database.properties(), "fieldsync.changes.enabled", false), database.kind())) {
            IntegrationId integration = Fixtures.newIntegration();
            Jobs unlogged = off.getBean(Jobs.class);
            unlogged.applyPage(integration, jobs(1, 5), checkpointAfter(integration, 1, "o"), T0);
            unlogged.markProvisionalState(integration, dev.fieldsync.domain.id.JobId.of("1"), JobState.COMPLETED, T0);
            off.getBean(Submissions.class).add(pending(integration, "ext-off", T0));
            assertThat(unlogged.count(integration)).isEqualTo(5);
            assertThat(changeLog.latestSequence(integration)).isZero();
        }
    }

    private static java.util.Map<String, Object> withProperty(
            java.util.Map<String, Object> properties, String name, Object value) {
        java.util.Map<String, Object> copy = new java.util.HashMap<>(properties);
        copy.put(name, value);
        return copy;
    }

    @SuppressWarnings("unchecked")
    private void sqlUpdate(String statement) {
        TransactionOperations<Connection> transactions = context.getBean(TransactionOperations.class);
        transactions.executeWrite(status -> {
            try (var update = status.getConnection().createStatement()) {
                return update.executeUpdate(statement);
            }
        });
    }

    @Test
    void lookupCatalogPersistsWholeAndSurvivesARestartWithoutAFetch() {
        IntegrationId integration = Fixtures.newIntegration();
        LookupCatalog catalog = Fixtures.catalog(T0, "Main depot");
        lookupCatalogs.save(integration, catalog);
        assertThat(lookupCatalogs.load(integration)).contains(catalog);

        // A "restart": a new context over the same database loads the same snapshot, no fetch needed.
        try (ApplicationContext restarted = ApplicationContext.run(database.properties(), database.kind())) {
            assertThat(restarted.getBean(LookupCatalogs.class).load(integration))
                    .contains(catalog);
        }

        LookupCatalog truncated = LookupCatalog.fetchedAt(T0)
                .fetched(LookupKind.CUSTOMERS, List.of())
                .fetched(
                        LookupKind.SITES,
                        LongStream.rangeClosed(1, 100)
                                .mapToObj(i -> new NamedItem<>(SiteId.of(Long.toString(i)), "site " + i))
                                .toList())
                .fetched(LookupKind.PROJECTS, List.of())
                .fetched(LookupKind.JOB_TYPES, List.of())
                .fetched(LookupKind.JOB_STATUSES, List.of())
                .fetched(LookupKind.CUSTOM_FIELDS, List.of())
                .build();
        lookupCatalogs.save(integration, truncated);
        LookupCatalog reloaded =
                context.getBean(SqlLookupCatalogs.class).load(integration).orElseThrow();
        assertThat(reloaded).isEqualTo(truncated);
        assertThat(reloaded.possiblyTruncated()).containsExactly(dev.fieldsync.domain.lookup.LookupKind.SITES);
    }

    @Test
    void aCatalogStoredInAnotherFormatLoadsAsAbsent() {
        IntegrationId integration = Fixtures.newIntegration();
        lookupCatalogs.save(integration, Fixtures.catalog(T0, "Main depot"));
        @SuppressWarnings("unchecked")
        TransactionOperations<Connection> transactions = context.getBean(TransactionOperations.class);
        transactions.executeWrite(status -> {
            try (var update = status.getConnection()
                    .prepareStatement("UPDATE fs_lookup_catalog SET snapshot = ? WHERE integration_id = ?")) {
                update.setString(1, "{\"version\":1,\"fetchedAt\":\"2026-01-01T00:00:00Z\"}");
                update.setString(2, integration.value());
                return update.executeUpdate();
            }
        });
        assertThat(lookupCatalogs.load(integration)).isEmpty();
    }

    // ---- submissions ----------------------------------------------------------------------------------------
}
