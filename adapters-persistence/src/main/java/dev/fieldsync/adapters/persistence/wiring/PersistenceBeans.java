package dev.fieldsync.adapters.persistence.wiring;

import dev.fieldsync.adapters.persistence.budget.BudgetSettings;
import dev.fieldsync.adapters.persistence.budget.BudgetTime;
import dev.fieldsync.adapters.persistence.budget.LocalRateBudget;
import dev.fieldsync.adapters.persistence.budget.SharedRateBudget;
import dev.fieldsync.adapters.persistence.lookup.CachedLookupCatalogs;
import dev.fieldsync.adapters.persistence.lookup.LookupFetcher;
import dev.fieldsync.adapters.persistence.lookup.SqlLookupCatalogs;
import dev.fieldsync.adapters.persistence.sql.Database;
import dev.fieldsync.ports.out.budget.RateBudget;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The Micronaut beans of this module that are not classes of their own, over the default data source (migrated by
 * micronaut-flyway first). The stores are {@code @Singleton} classes: {@code SqlJobs} (Jobs),
 * {@code SqlSyncCheckpoints} (SyncCheckpoints), {@code SqlSubmissions} (Submissions), {@code SqlWebhookEvents}
 * (WebhookEvents) and {@code SqlLookupCatalogs} (named "persisted"); this factory adds {@link Database} (pool and
 * dialect), the primary {@code LookupCatalogs} bean ({@link CachedLookupCatalogs} over {@link SqlLookupCatalogs}),
 * {@link BudgetSettings} and a {@link RateBudget} (local or shared, by {@code fieldsync.budget.shared}).
 */
@Factory
@Requires(beans = DataSource.class)
public class PersistenceBeans {

    /** The pool behind Micronaut Data's contextual data source, and the dialect it speaks. */
    @Singleton
    Database database(DataSource dataSource) {
        return Database.on(dataSource);
    }

    /** The persisted catalogs behind a Caffeine cache; a {@link LookupFetcher} bean, if any, enables refreshes. */
    @Singleton
    @Primary
    CachedLookupCatalogs lookupCatalogs(SqlLookupCatalogs persisted, Optional<LookupFetcher> fetcher,
            @Value("${fieldsync.lookups.refresh-age:1d}") Duration refreshAge,
            @Value("${fieldsync.lookups.retry-after-failure:5m}") Duration retryAfterFailure) {
        CachedLookupCatalogs.Builder builder = CachedLookupCatalogs.over(persisted)
                .refreshAge(refreshAge).retryAfterFailure(retryAfterFailure);
        fetcher.ifPresent(f -> builder.fetcher(f::fetch));
        return builder.build();
    }

    @Singleton
    BudgetSettings budgetSettings(
            @Value("${fieldsync.budget.rate-per-minute:38}") int ratePerMinute,
            @Value("${fieldsync.budget.burst:38}") int burst,
            @Value("${fieldsync.budget.background-reserve:4}") int backgroundReserve,
            @Value("${fieldsync.budget.pause-after-rate-limited:60s}") Duration penalty) {
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
