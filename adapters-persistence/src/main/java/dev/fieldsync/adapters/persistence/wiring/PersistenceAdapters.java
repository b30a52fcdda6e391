package dev.fieldsync.adapters.persistence.wiring;

import dev.fieldsync.adapters.persistence.budget.BudgetSettings;
import dev.fieldsync.adapters.persistence.budget.BudgetTime;
import dev.fieldsync.adapters.persistence.budget.LocalRateBudget;
import dev.fieldsync.adapters.persistence.budget.SharedRateBudget;
import dev.fieldsync.adapters.persistence.job.SqlJobs;
import dev.fieldsync.adapters.persistence.lookup.SqlLookupCatalogs;
import dev.fieldsync.adapters.persistence.sql.Database;
import dev.fieldsync.adapters.persistence.sql.Migrations;
import dev.fieldsync.adapters.persistence.submission.SqlSubmissions;
import dev.fieldsync.adapters.persistence.sync.SqlSyncCheckpoints;
import dev.fieldsync.adapters.persistence.webhook.SqlWebhookEvents;
import dev.fieldsync.ports.out.budget.RateBudget;
import javax.sql.DataSource;

/**
 * Every SQL store over one data source, for use without Micronaut (CLI tools, benchmarks, other products):
 * {@code PersistenceAdapters.migrateAndOpen(dataSource).jobs()}.
 */
public final class PersistenceAdapters {
    private final Database database;
    private final SqlJobs jobs;
    private final SqlSyncCheckpoints checkpoints;
    private final SqlLookupCatalogs lookupCatalogs;
    private final SqlSubmissions submissions;
    private final SqlWebhookEvents webhookEvents;

    private PersistenceAdapters(Database database) {
        this.database = database;
        this.jobs = new SqlJobs(database);
        this.checkpoints = new SqlSyncCheckpoints(database);
        this.lookupCatalogs = new SqlLookupCatalogs(database);
        this.submissions = new SqlSubmissions(database);
        this.webhookEvents = new SqlWebhookEvents(database);
    }

    /** Runs the Flyway migrations on the data source's schema, then opens the stores. */
    public static PersistenceAdapters migrateAndOpen(DataSource dataSource) {
        Migrations.apply(dataSource);
        return open(dataSource);
    }

    /** Opens the stores on an already migrated schema. */
    public static PersistenceAdapters open(DataSource dataSource) {
        return new PersistenceAdapters(Database.on(dataSource));
    }

    public Database database() {
        return database;
    }

    public SqlJobs jobs() {
        return jobs;
    }

    public SqlSyncCheckpoints checkpoints() {
        return checkpoints;
    }

    /** The persisted catalogs; wrap them in {@code CachedLookupCatalogs.over(...)} for the memory cache. */
    public SqlLookupCatalogs lookupCatalogs() {
        return lookupCatalogs;
    }

    public SqlSubmissions submissions() {
        return submissions;
    }

    public SqlWebhookEvents webhookEvents() {
        return webhookEvents;
    }

    /** A budget shared through this (PostgreSQL) database by every instance using {@code budgetKey}. */
    public RateBudget sharedBudget(String budgetKey, BudgetSettings settings) {
        return new SharedRateBudget(database, budgetKey, settings, BudgetTime.system());
    }

    /** A budget for this process alone. */
    public static RateBudget localBudget(BudgetSettings settings) {
        return new LocalRateBudget(settings, BudgetTime.system());
    }
}
