package dev.fieldsync.app.e2e;

import java.util.Map;

/** The change feed's push end to end on H2 (the one process delivers). */
class ChangeDeliveryH2Test extends ChangeDeliveryEndToEndTest {
    @Override
    Map<String, Object> database() {
        return TestDatabases.h2();
    }
}
