package dev.fieldsync.adapters.persistence.wiring;

import dev.fieldsync.adapters.persistence.budget.BudgetSettings;
import dev.fieldsync.adapters.persistence.budget.BudgetTime;
import dev.fieldsync.adapters.persistence.budget.LocalRateBudget;
import dev.fieldsync.adapters.persistence.budget.SharedRateBudget;
import dev.fieldsync.adapters.persistence.job.SqlJobs;
import dev.fieldsync.adapters.persistence.lookup.CachedLookupCatalogs;
import dev.fieldsync.adapters.persistence.lookup.LookupFetcher;
import dev.fieldsync.adapters.persistence.lookup.SqlLookupCatalogs;
import dev.fieldsync.adapters.persistence.sql.Database;
import dev.fieldsync.adapters.persistence.submission.SqlSubmissions;
import dev.fieldsync.adapters.persistence.sync.SqlSyncCheckpoints;
import dev.fieldsync.adapters.persistence.webhook.SqlWebhookEvents;
import dev.fieldsync.ports.out.budget.RateBudget;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The Micronaut beans of this module, over the default data source (migrated by micronaut-flyway first).
 * Beans: {@link Database}, {@link SqlJobs} (Jobs), {@link SqlSyncCheckpoints} (SyncCheckpoints),
 * {@link SqlSubmissions} (Submissions), {@link SqlWebhookEvents} (WebhookEvents), {@link CachedLookupCatalogs}
 * (LookupCatalogs) and a {@link RateBudget} (local or shared, by {@code fieldsync.budget.shared}).
 */
@Factory
@Requires(beans = DataSource.class)
public class PersistenceBeans {

    /** The pool itself: the stores manage their own JDBC transactions, and Bucket4j needs raw connections. */
    @Singleton
    Database database(DataSource dataSource) {
        return Database.on(DelegatingDataSource.unwrapDataSource(dataSource));
    }

    @Singleton
    SqlJobs jobs(Database database) {
        return new SqlJobs(database);
    }

    @Singleton
    SqlSyncCheckpoints syncCheckpoints(Database database) {
        return new SqlSyncCheckpoints(database);
    }

    @Singleton
    SqlSubmissions submissions(Database database) {
        return new SqlSubmissions(database);
    }

    @Singleton
    SqlWebhookEvents webhookEvents(Database database) {
        return new SqlWebhookEvents(database);
    }

    /** The persisted catalogs behind a Caffeine cache; a {@link LookupFetcher} bean, if any, enables refreshes. */
    @Singleton
    CachedLookupCatalogs lookupCatalogs(Database database, Optional<LookupFetcher> fetcher,
            @Value("${fieldsync.lookups.refresh-age:1d}") Duration refreshAge,
            @Value("${fieldsync.lookups.retry-after-failure:5m}") Duration retryAfterFailure) {
        CachedLookupCatalogs.Builder builder = CachedLookupCatalogs.over(new SqlLookupCatalogs(database))
                .refreshAge(refreshAge).retryAfterFailure(retryAfterFailure);
        fetcher.ifPresent(f -> builder.fetcher(f::fetch));
        return builder.build();
    }

    @Singleton
    BudgetSettings budgetSettings(
            @Value("${fieldsync.budget.rate:38}") int ratePerMinute,
            @Value("${fieldsync.budget.burst:38}") int burst,
            @Value("${fieldsync.budget.background-reserve:4}") int backgroundReserve,
            @Value("${fieldsync.budget.penalty:60s}") Duration penalty) {
        return new BudgetSettings(ratePerMinute, burst, backgroundReserve, penalty);
    }

    /** Local by default; {@code fieldsync.budget.shared=true} shares it through PostgreSQL under {@code fieldsync.budget.key}. */
    @Singleton
    RateBudget rateBudget(Database database, BudgetSettings settings,
            @Value("${fieldsync.budget.shared:false}") boolean shared,
            @Value("${fieldsync.budget.key:fieldsync}") String key) {
        return shared
                ? new SharedRateBudget(database, key, settings, BudgetTime.system())
                : new LocalRateBudget(settings, BudgetTime.system());
    }
}
