package dev.fieldsync.adapters.persistence;

import dev.fieldsync.adapters.persistence.support.TestDatabase;

/** The delivery state contract on H2. */
class H2DeliveryStateTest extends SqlDeliveryStateTest {
    @Override
    protected TestDatabase newDatabase() {
        return TestDatabase.h2();
    }
}
