package dev.fieldsync.adapters.persistence;

import dev.fieldsync.adapters.persistence.support.TestDatabase;

/** The integration registry contract on H2. */
class H2IntegrationRegistryTest extends SqlIntegrationRegistryTest {
    @Override
    protected TestDatabase newDatabase() {
        return TestDatabase.h2();
    }
}
