package dev.fieldsync.app.e2e;

import java.util.Map;

/** The end-to-end scenarios on PostgreSQL (a fresh schema; fails, never skips, when PostgreSQL is down). */
class PostgresEndToEndTest extends ServiceEndToEndTest {
    @Override
    Map<String, Object> database() {
        return TestDatabases.postgres();
    }
}
