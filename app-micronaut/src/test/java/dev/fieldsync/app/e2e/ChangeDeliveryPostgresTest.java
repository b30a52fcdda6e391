package dev.fieldsync.app.e2e;

import java.util.Map;

/** The change feed's push end to end on PostgreSQL (each consumer's deliverer holds its advisory lock). */
class ChangeDeliveryPostgresTest extends ChangeDeliveryEndToEndTest {
    @Override
    Map<String, Object> database() {
        return TestDatabases.postgres();
    }
}
