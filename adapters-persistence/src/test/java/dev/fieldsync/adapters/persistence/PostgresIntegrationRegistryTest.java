package dev.fieldsync.adapters.persistence;

import dev.fieldsync.adapters.persistence.support.TestDatabase;

/** The integration registry contract on PostgreSQL at 127.0.0.1:5432 (fails, never skips, when it is down). */
class PostgresIntegrationRegistryTest extends SqlIntegrationRegistryTest {
    @Override
    protected TestDatabase newDatabase() {
        return TestDatabase.postgres();
    }
}
