package dev.fieldsync.app.scheduling;

import dev.fieldsync.adapters.persistence.sql.Database;
import dev.fieldsync.adapters.persistence.sql.Dialect;
import dev.fieldsync.domain.id.IntegrationId;
import jakarta.inject.Singleton;

/**
 * On PostgreSQL an advisory lock per integration (several instances share the database); on H2, which one instance
 * owns, that instance always leads.
 */
@Singleton
public class DatabaseSyncLeaderships implements SyncLeaderships {
    private final Database database;

    public DatabaseSyncLeaderships(Database database) {
        this.database = database;
    }

    @Override
    public SyncLeadership of(IntegrationId integration) {
        return database.dialect() == Dialect.POSTGRESQL
                ? new AdvisoryLockLeadership(database.dataSource(), integration.value())
                : new SingleInstanceLeadership();
    }
}
