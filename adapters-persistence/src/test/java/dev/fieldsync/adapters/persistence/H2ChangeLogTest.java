package dev.fieldsync.adapters.persistence;

import dev.fieldsync.adapters.persistence.support.TestDatabase;

/** The change log contract on H2. */
class H2ChangeLogTest extends SqlChangeLogTest {
    @Override
    protected TestDatabase newDatabase() {
        return TestDatabase.h2();
    }
}
