package dev.fieldsync.app.e2e;

import java.util.Map;

/** Pause and resume end to end on PostgreSQL. */
class IntegrationPausePostgresTest extends IntegrationPauseEndToEndTest {
    @Override
    Map<String, Object> database() {
        return TestDatabases.postgres();
    }
}
