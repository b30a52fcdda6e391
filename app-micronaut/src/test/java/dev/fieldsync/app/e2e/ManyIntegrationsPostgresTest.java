package dev.fieldsync.app.e2e;

import java.util.Map;

/** Several integrations in one service on PostgreSQL, each budget a bucket of its own in the database. */
class ManyIntegrationsPostgresTest extends ManyIntegrationsEndToEndTest {
    @Override
    Map<String, Object> database() {
        return TestDatabases.postgres();
    }

    @Override
    boolean sharedBudget() {
        return true;
    }
}
