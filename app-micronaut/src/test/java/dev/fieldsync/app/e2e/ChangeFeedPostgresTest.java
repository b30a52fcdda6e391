package dev.fieldsync.app.e2e;

import java.util.Map;

/** The change feed end to end on Postgres. */
class ChangeFeedPostgresTest extends ChangeFeedEndToEndTest {
    @Override
    Map<String, Object> database() {
        return TestDatabases.postgres();
    }
}
