package dev.fieldsync.adapters.persistence;

import dev.fieldsync.adapters.persistence.support.TestDatabase;

/** The store contract on PostgreSQL at 127.0.0.1:5432, in a fresh schema; fails (never skips) when it is down. */
class PostgresStoresTest extends StoreContractTest {
    @Override
    protected TestDatabase newDatabase() {
        return TestDatabase.postgres();
    }
}
