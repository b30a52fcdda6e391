package dev.fieldsync.adapters.persistence;

import dev.fieldsync.adapters.persistence.support.TestDatabase;

/** The store contract on an H2 file database (the embedded default). */
class H2StoresTest extends StoreContractTest {
    @Override
    protected TestDatabase newDatabase() {
        return TestDatabase.h2();
    }
}
