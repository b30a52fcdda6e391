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
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.data.jdbc.config.DataJdbcConfiguration;
import io.micronaut.inject.qualifiers.Qualifiers;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Every SQL store without a Micronaut application of your own (CLI tools, benchmarks, other products): starts a
 * small Micronaut {@link ApplicationContext} holding the Micronaut Data repositories, transaction manager and
 * stores. Close it when done: {@code try (PersistenceAdapters stores = PersistenceAdapters.start(url, user,
 * password)) { stores.jobs()... }}.
 */
public final class PersistenceAdapters implements AutoCloseable {
    private final ApplicationContext context;

    private PersistenceAdapters(ApplicationContext context) {
        this.context = context;
    }

    /**
     * Opens a Hikari pool on {@code jdbcUrl} ({@code jdbc:h2:...;MODE=PostgreSQL} or {@code jdbc:postgresql:...}),
     * runs the Flyway migrations (micronaut-flyway) and starts the stores; {@link #close} closes the pool.
     */
    public static PersistenceAdapters start(String jdbcUrl, String user, String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Map<String, Object> properties = new HashMap<>();
        properties.put("datasources.default.url", jdbcUrl);
        properties.put("datasources.default.username", user == null ? "" : user);
        properties.put("datasources.default.password", password == null ? "" : password);
        properties.put("datasources.default.driver-class-name", driverFor(jdbcUrl));
        properties.put("flyway.datasources.default.enabled", true);
        return start(properties);
    }

    /** Starts on any Micronaut configuration (e.g. {@code datasources.default.maximum-pool-size}); the keys are as in the README. */
    public static PersistenceAdapters start(Map<String, Object> properties) {
        ApplicationContext context = ApplicationContext.builder()
                .properties(properties)
                .deduceEnvironment(false)
                .banner(false)
                .start();
        return new PersistenceAdapters(context);
    }

    /**
     * Runs the Flyway migrations on the data source's schema, then starts the stores on that data source (a pool
     * you own: {@link #close} stops the stores' context but leaves the pool open).
     */
    public static PersistenceAdapters migrateAndOpen(DataSource dataSource) {
        return migrateAndOpen(dataSource, Map.of());
    }

    /**
     * As {@link #migrateAndOpen(DataSource)}, the stores configured by {@code properties} (keys as in the
     * configuration reference, e.g. {@code fieldsync.changes.enabled=false}).
     */
    public static PersistenceAdapters migrateAndOpen(DataSource dataSource, Map<String, Object> properties) {
        Migrations.apply(dataSource);
        return open(dataSource, properties);
    }

    /** Starts the stores on an already migrated data source you own (not closed by {@link #close}). */
    public static PersistenceAdapters open(DataSource dataSource) {
        return open(dataSource, Map.of());
    }

    /** As {@link #open(DataSource)}, the stores configured by {@code properties} (e.g. {@code fieldsync.changes.*}). */
    public static PersistenceAdapters open(DataSource dataSource, Map<String, Object> properties) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(properties, "properties");
        // The caller owns the pool: no application.yml found on the classpath (an application's, such as the
        // service's in the benchmarks) and no environment variable may configure a data source of its own.
        ApplicationContext context = ApplicationContext.builder()
                .deduceEnvironment(false)
                .banner(false)
                .enableDefaultPropertySources(false)
                .environmentPropertySource(false)
                .properties(properties)
                .build();
        // Registered before start, so Micronaut Data builds its transaction manager and repositories on it; wrapped
        // in a (non-closeable) DelegatingDataSource so closing the context leaves the caller's pool open.
        context.registerSingleton(DataSource.class, new DelegatingDataSource(dataSource), Qualifiers.byName("default"));
        // Normally bound from datasources.default.*, which would also make micronaut-jdbc-hikari open a second pool.
        context.registerSingleton(
                DataJdbcConfiguration.class, new DataJdbcConfiguration("default"), Qualifiers.byName("default"));
        return new PersistenceAdapters(context.start());
    }

    private static String driverFor(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return "org.postgresql.Driver";
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return "org.h2.Driver";
        }
        throw new IllegalArgumentException("fieldsync persistence supports H2 and PostgreSQL, but the JDBC URL is '"
                + jdbcUrl + "'; pass a jdbc:h2: or jdbc:postgresql: URL");
    }

    /** The context, for anything else this module's beans offer. */
    public ApplicationContext context() {
        return context;
    }

    public Database database() {
        return context.getBean(Database.class);
    }

    public SqlJobs jobs() {
        return context.getBean(SqlJobs.class);
    }

    public SqlSyncCheckpoints checkpoints() {
        return context.getBean(SqlSyncCheckpoints.class);
    }

    /** The persisted catalogs (the application's CatalogService holds the snapshot in memory in front of them). */
    public SqlLookupCatalogs lookupCatalogs() {
        return context.getBean(SqlLookupCatalogs.class);
    }

    public SqlSubmissions submissions() {
        return context.getBean(SqlSubmissions.class);
    }

    public SqlWebhookEvents webhookEvents() {
        return context.getBean(SqlWebhookEvents.class);
    }

    /** A budget shared through this (PostgreSQL) database by every instance using {@code budgetKey}. */
    public RateBudget sharedBudget(String budgetKey, BudgetSettings settings) {
        return new SharedRateBudget(database(), budgetKey, settings, BudgetTime.system());
    }

    /** A budget for this process alone. */
    public static RateBudget localBudget(BudgetSettings settings) {
        return new LocalRateBudget(settings, BudgetTime.system());
    }

    /** Stops the context: the stores, and the pool if {@link #start} opened it. */
    @Override
    public void close() {
        context.close();
    }
}
