package dev.fieldsync.adapters.persistence.wiring;

import dev.fieldsync.adapters.persistence.sql.Database;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import javax.sql.DataSource;

/**
 * The one Micronaut bean of this module that is not a class of its own: {@link Database} (the pool behind
 * Micronaut Data's contextual data source, and its dialect), over the default data source (migrated by
 * micronaut-flyway first). The stores are {@code @Singleton} classes: {@code SqlJobs} (Jobs),
 * {@code SqlSyncCheckpoints} (SyncCheckpoints), {@code SqlSubmissions} (Submissions), {@code SqlWebhookEvents}
 * (WebhookEvents), {@code SqlLookupCatalogs} (LookupCatalogs) and {@code SqlChangeLog} (ChangeLog). Everything else — the rate budget, the core —
 * is wired by the application that uses them (the service's {@code CoreFactory}) from these building blocks:
 * this module declares no rival budget or catalog beans.
 */
@Factory
@Requires(beans = DataSource.class)
public class PersistenceBeans {

    /** The pool behind Micronaut Data's contextual data source, and the dialect it speaks. */
    @Singleton
    Database database(DataSource dataSource) {
        return Database.on(dataSource);
    }
}
